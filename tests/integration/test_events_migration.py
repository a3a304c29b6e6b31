"""The events service's migrations build exactly the schema its mapping expects, on either database."""

from __future__ import annotations

from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lowe_backbone.database import create_engine_for
from lowe_events.orm import metadata


def test_the_migrated_database_matches_the_mapping(database_url: Callable[[str], str]) -> None:
    engine = create_engine_for(database_url("events"))
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()

    relevant = [
        d
        for d in differences
        if not (isinstance(d, tuple) and d[0] == "remove_table" and d[1].name == "alembic_version")
    ]
    assert relevant == []
