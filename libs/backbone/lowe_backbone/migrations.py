"""Alembic, driven from code: one migration history per service, in the service's own package."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.config import Config

from lowe_backbone.database import create_engine_for


def upgrade(script_location: str, url: str, revision: str = "head") -> None:
    config = Config()
    config.set_main_option("script_location", script_location)
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def run_env(context: Any, target_metadata: Any) -> None:
    """The body of every service's `env.py`: migrate over the connection `upgrade()` handed in."""
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
