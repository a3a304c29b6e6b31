"""Each replica of the centres service keeps its own matching index in memory; these tests run two of them (two units
of work with an index each) on one real database and check that what one writes, the other matches with, without
loading everything again, and that a replica too far behind the change log reloads."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import eventlet
import pytest
import sqlalchemy as sa
from nameko.containers import ServiceContainer
from sqlalchemy.orm import Session, sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_centres import orm, use_cases
from lowe_centres.commands import AddSubscription, RegisterCentre, SubscriptionRef, UpdateCentre
from lowe_centres.index_sync import LiveMatchingIndex, log_index_changes
from lowe_centres.model import Centre, PublishedOpportunity
from lowe_centres.service import CentresService
from lowe_centres.unit_of_work import CentresUnitOfWork, CentresUnitOfWorkProvider
from tests.fixtures.databases import BACKEND
from tests.integration.test_centres_migration import downgrade
from tests.support import wait_for

NOW = datetime.now(UTC)


@pytest.fixture
def session_factory(database_url: Callable[[str], str]) -> Iterator[sessionmaker[Session]]:
    orm.start_mappers()
    engine = create_engine_for(database_url("centres"))
    yield sessionmaker(bind=engine, expire_on_commit=False)
    engine.dispose()


def replica(session_factory: sessionmaker[Session]) -> CentresUnitOfWork:
    return CentresUnitOfWork(session_factory, "centres", "test-index-replicas", None, LiveMatchingIndex())


def a_centre(uow: CentresUnitOfWork, **details: Any) -> Centre:
    return use_cases.register_centre(RegisterCentre("LOWE Łask", "10", "Łask", details), uow)


def subscribe(uow: CentresUnitOfWork, centre: Centre, name: str, topics: list[str]) -> uuid.UUID:
    cmd = AddSubscription(centre.id, name, [], topics, None, False, "instant")
    return use_cases.add_subscription(cmd, uow).id


def opportunity(topic: str = "health") -> PublishedOpportunity:
    return PublishedOpportunity(uuid.uuid4(), "Fundacja", "course", "Kurs", "Opis", [topic], [], ["10"], False, NOW)


def matched(uow: CentresUnitOfWork, topic: str = "health") -> set[str]:
    with uow:
        found = uow.subscriptions.candidates_by_centre(opportunity(topic), now=NOW)
        return {s.name for _centre, subscriptions in found for s in subscriptions}


def test_what_one_replica_writes_the_other_matches_with_without_loading_everything_again(
    session_factory: sessionmaker[Session],
) -> None:
    writer, reader = replica(session_factory), replica(session_factory)
    centre = a_centre(writer)
    assert matched(reader) == set()

    subscription = subscribe(writer, centre, "zdrowie", ["health"])
    assert matched(reader) == {"zdrowie"}

    use_cases.pause_subscription(SubscriptionRef(centre.id, subscription), writer)
    assert matched(reader) == set()
    use_cases.resume_subscription(SubscriptionRef(centre.id, subscription), writer)
    use_cases.update_centre(UpdateCentre(centre.id, {"status": "inactive"}), writer)
    assert matched(reader) == set()
    use_cases.update_centre(UpdateCentre(centre.id, {"status": "active"}), writer)
    assert matched(reader) == {"zdrowie"}
    assert reader.matching_index.full_loads == 1


def test_a_profile_changed_on_one_replica_is_recommended_from_on_the_other(
    session_factory: sessionmaker[Session],
) -> None:
    writer, reader = replica(session_factory), replica(session_factory)
    centre = a_centre(writer, served_topics=["culture"])

    def recommended(topic: str) -> set[str]:
        with reader:
            return {c.name for c in reader.centres.recommendation_candidates(opportunity(topic))}

    assert recommended("health") == set()
    use_cases.update_centre(UpdateCentre(centre.id, {"served_topics": ["health"]}), writer)
    assert recommended("health") == {"LOWE Łask"}
    assert reader.matching_index.full_loads == 1


def test_a_replica_further_behind_than_the_change_log_keeps_loads_everything_again(
    session_factory: sessionmaker[Session],
) -> None:
    writer, reader = replica(session_factory), replica(session_factory)
    centre = a_centre(writer)
    assert matched(reader) == set()
    subscribe(writer, centre, "zdrowie", ["health"])
    with session_factory.begin() as session:
        session.execute(orm.index_changes.delete())  # pruned before the reader caught up

    assert matched(reader) == {"zdrowie"}
    assert reader.matching_index.full_loads == 2


@pytest.mark.postgresql_only
@pytest.mark.skipif(BACKEND != "postgresql", reason="SQLite lets one writer at a time in: nothing to order")
def test_writers_get_one_version_each_in_the_order_they_commit(session_factory: sessionmaker[Session]) -> None:
    """The version row's lock orders concurrent writers: the second waits for the first to commit, so a reader
    that sees version N sees every change up to N."""
    first, second = session_factory(), session_factory()
    try:
        version = log_index_changes(first, {("centre", uuid.uuid4())})
        waiting = eventlet.spawn(log_index_changes, second, {("centre", uuid.uuid4())})
        eventlet.sleep(0.3)
        assert not waiting.dead, "the second writer went ahead while the first held the version"
        first.commit()
        assert waiting.wait() == version + 1
        second.commit()
    finally:
        first.close()
        second.close()
    with session_factory() as session:
        logged = session.execute(sa.select(orm.index_changes.c.version).order_by(orm.index_changes.c.version))
        assert [row.version for row in logged] == [version, version + 1]


def test_downgrading_below_the_in_memory_index_rebuilds_the_term_tables(
    database_url: Callable[[str], str], session_factory: sessionmaker[Session]
) -> None:
    uow = replica(session_factory)
    subscribe(uow, a_centre(uow, served_topics=["health"]), "zdrowie", ["health"])

    downgrade(database_url("centres"), "0004")

    with session_factory() as session:
        terms = session.execute(sa.text("SELECT dimension, value FROM subscription_terms")).all()
        profile = session.execute(sa.text("SELECT dimension, value FROM centre_terms")).all()
    assert ("topic", "health") in {tuple(row) for row in terms}
    assert {tuple(row) for row in profile} == {("topic", "health"), ("group", "*"), ("region", "10")}


def test_a_started_replica_loads_its_index_before_the_first_opportunity(
    start_service: Callable[..., ServiceContainer], session_factory: sessionmaker[Session]
) -> None:
    uow = replica(session_factory)
    subscribe(uow, a_centre(uow), "zdrowie", ["health"])

    container = start_service(CentresService)

    provider = next(ext for ext in container.dependencies if isinstance(ext, CentresUnitOfWorkProvider))
    wait_for(lambda: provider.matching_index.full_loads == 1, timeout=10, what="the index to load at start")
    assert provider.matching_index.version == 2  # the centre, then its subscription
