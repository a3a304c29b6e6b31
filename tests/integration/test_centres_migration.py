"""Migration 0003 over data written before it: existing centres, subscriptions and feeds keep working."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.orm import sessionmaker

from lowe_backbone import migrations
from lowe_backbone.database import create_engine_for
from lowe_backbone.spec import find_service
from lowe_centres import orm
from lowe_centres.model import PublishedOpportunity
from lowe_centres.unit_of_work import CentresUnitOfWork

NOW = datetime.now(UTC)


def downgrade(url: str, revision: str) -> None:
    location = find_service("centres").migrations_path()
    assert location is not None
    config = Config()
    config.set_main_option("script_location", location)
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def test_subscriptions_and_feeds_from_before_0003_work_after_it(database_url: Callable[[str], str]) -> None:
    url = database_url("centres")  # at head
    downgrade(url, "0002")
    centre_id, subscription_id, opportunity_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text("INSERT INTO centres VALUES (:id, 'LOWE Liw', '14', 'Liw', :at)"),
                {"id": centre_id.hex, "at": NOW},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO subscriptions VALUES (:id, :centre, 'Kursy', '[\"course\"]', '[]', '[\"14\"]', false,"
                    " 'instant', :at)"
                ),
                {"id": subscription_id.hex, "centre": centre_id.hex, "at": NOW},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO published_opportunities VALUES (:id, 'Fundacja', 'course', 'Kurs', 'Opis', '[]', '[]',"
                    " '[\"14\"]', false, :at, 'published', NULL, NULL)"
                ),
                {"id": opportunity_id.hex, "at": NOW},
            )
            connection.execute(
                sa.text("INSERT INTO feed_entries VALUES (:id, :centre, :opportunity, '{}', 'instant', :at)"),
                {"id": uuid.uuid4().hex, "centre": centre_id.hex, "opportunity": opportunity_id.hex, "at": NOW},
            )
            for dimension, value in (("kind", "course"), ("topic", "*"), ("region", "14")):
                connection.execute(
                    sa.text("INSERT INTO subscription_terms VALUES (:id, :dimension, :value)"),
                    {"id": subscription_id.hex, "dimension": dimension, "value": value},
                )
    finally:
        engine.dispose()
    location = find_service("centres").migrations_path()
    assert location is not None
    migrations.upgrade(location, url)

    orm.start_mappers()
    engine = create_engine_for(url)
    try:
        uow = CentresUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "centres", "test-migration")
        opportunity = PublishedOpportunity(
            uuid.uuid4(), "F", "course", "Kurs", "Opis", ["culture"], [], ["14"], False, NOW
        )
        with uow:
            [subscription] = uow.subscriptions.candidates_for(opportunity, now=NOW)
            centre = uow.centres.get(centre_id)
            [(entry, copy)] = uow.feed.list_for(centre_id, 10, 0)
        assert (entry.score, entry.recommended, entry.retracted) == (0.0, False, False)
        assert (copy.delivery_mode, copy.free, copy.deadline) == ("on_site", True, None)
        assert (subscription.id, subscription.paused, subscription.keywords, subscription.free_only) == (
            subscription_id,
            False,
            [],
            False,
        )
        assert centre is not None and (centre.status, centre.served_topics, centre.languages) == ("active", [], ["pl"])
    finally:
        engine.dispose()
