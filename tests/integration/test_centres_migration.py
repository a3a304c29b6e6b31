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
            [(_centre, [subscription])] = uow.subscriptions.candidates_by_centre(opportunity, now=NOW)
            centre = uow.centres.get(centre_id)
            [(entry, copy)] = uow.feed.list_for(centre_id, 10, 0)
        assert (entry.score, entry.recommended, entry.retracted) == (0.0, False, False)
        assert (copy.delivery_mode, copy.free, copy.deadline) == ("on_site", True, None)
        assert (subscription.id, subscription.paused, subscription.keywords, subscription.free_only) == (
            subscription_id,
            False,
            (),
            False,
        )
        assert centre is not None and (centre.status, centre.served_topics, centre.languages) == ("active", [], ["pl"])
    finally:
        engine.dispose()


def test_feed_entries_from_before_0004_are_new_since_they_were_matched_and_0004_downgrades(
    database_url: Callable[[str], str],
) -> None:
    url = database_url("centres")  # at head
    downgrade(url, "0003")
    centre_id, opportunity_id, entry_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO centres (id, name, voivodeship, municipality, created_at)"
                    " VALUES (:id, 'LOWE Liw', '14', 'Liw', :at)"
                ),
                {"id": centre_id.hex, "at": NOW},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO published_opportunities (id, partner_name, kind, title, description, topics,"
                    " target_groups, regions, nationwide, published_at) VALUES (:id, 'Fundacja', 'course', 'Kurs',"
                    " 'Opis', '[]', '[]', '[\"14\"]', false, :at)"
                ),
                {"id": opportunity_id.hex, "at": NOW},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO feed_entries (id, centre_id, opportunity_id, reasons, delivery, matched_at)"
                    " VALUES (:id, :centre, :opportunity, '{}', 'instant', :at)"
                ),
                {"id": entry_id.hex, "centre": centre_id.hex, "opportunity": opportunity_id.hex, "at": NOW},
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
        with uow:
            entry = uow.feed.get(entry_id)
            assert entry is not None
            assert (entry.state, entry.state_changed_at, entry.interest_id, entry.interest_status) == (
                "new",
                entry.matched_at,
                None,
                None,
            )
    finally:
        engine.dispose()

    downgrade(url, "0003")
    engine = create_engine_for(url)
    try:
        columns = {column["name"] for column in sa.inspect(engine).get_columns("feed_entries")}
        assert "state" not in columns and "interest_id" not in columns and "retracted_at" in columns
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM feed_entries")).scalar() == 1
    finally:
        engine.dispose()
