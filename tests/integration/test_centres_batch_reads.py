"""The centres service's batch reads against the database and over RPC: how many centres each opportunity reached
and the centres' names, each in one query however many ids, and bounded."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_backbone.errors import InvalidInput
from lowe_centres import orm
from lowe_centres.feed_use_cases import count_matched_centres
from lowe_centres.model import Centre, FeedEntry, PublishedOpportunity
from lowe_centres.service import CentresService
from lowe_centres.unit_of_work import CentresUnitOfWork
from lowe_centres.use_cases import get_centres
from tests.support import selects_sent

AT = datetime(2025, 3, 3, 11, 31, tzinfo=UTC)


@dataclass
class Store:
    uow: CentresUnitOfWork
    selects: list[str]  # every SELECT the database was sent


@pytest.fixture
def store(database_url: Callable[[str], str]) -> Iterator[Store]:
    orm.start_mappers()
    engine = create_engine_for(database_url("centres"))
    made = Store(
        CentresUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "centres", "test-batch"),
        selects_sent(engine),
    )

    try:
        yield made
    finally:
        engine.dispose()


def a_centre(name: str) -> Centre:
    return Centre(uuid.uuid4(), name, "14", "Radom", AT)


def an_opportunity() -> PublishedOpportunity:
    return PublishedOpportunity(uuid.uuid4(), "Fundacja", "course", "Kurs", "Opis", [], [], ["14"], False, AT)


def delivered(store: Store, reached: dict[PublishedOpportunity, list[Centre]], retracted: set[Centre]) -> None:
    """Each opportunity in the feeds of its centres; those in `retracted` had it retracted after an edit."""
    with store.uow as uow:
        for centre in {centre for centres in reached.values() for centre in centres}:
            uow.centres.add(centre)
        for opportunity in reached:
            uow.opportunities.add(opportunity)
        uow.session.flush()  # what the entries refer to, first
        for opportunity, centres in reached.items():
            for centre in centres:
                entry = FeedEntry(uuid.uuid4(), centre.id, opportunity.id, {}, "instant", AT)
                entry.retracted_at = AT if centre in retracted else None
                uow.feed.add(entry)
        uow.commit()


def test_the_centres_each_opportunity_reached_are_counted_in_one_query(store: Store) -> None:
    radom, liw, bodzentyn = a_centre("LOWE Radom"), a_centre("LOWE Liw"), a_centre("LOWE Bodzentyn")
    wide, narrow, unmatched = an_opportunity(), an_opportunity(), an_opportunity()
    delivered(store, {wide: [radom, liw, bodzentyn], narrow: [liw], unmatched: []}, retracted={bodzentyn})
    unknown = uuid.uuid4()
    store.selects.clear()

    counts = count_matched_centres((wide.id, narrow.id, unmatched.id, unknown), store.uow)

    assert counts == {wide.id: 2, narrow.id: 1, unmatched.id: 0, unknown: 0}
    assert len(store.selects) == 1 and "GROUP BY" in store.selects[0].upper()


def test_the_centres_are_read_by_id_in_one_query_the_unknown_left_out(store: Store) -> None:
    centres = [a_centre(f"LOWE {number}") for number in range(5)]
    delivered(store, {an_opportunity(): centres}, retracted=set())
    store.selects.clear()

    found = get_centres((centres[0].id, centres[3].id, uuid.uuid4()), store.uow)

    assert sorted(centre.name for centre in found) == ["LOWE 0", "LOWE 3"]
    assert len(store.selects) == 1


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(CentresService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def test_over_rpc_counts_and_names_come_keyed_by_id(rpc: Any, store: Store) -> None:
    radom, liw = a_centre("LOWE Radom"), a_centre("LOWE Liw")
    reached = an_opportunity()
    delivered(store, {reached: [radom, liw]}, retracted=set())
    unknown = str(uuid.uuid4())

    counts = rpc.centres.count_matched_centres([str(reached.id), unknown, str(reached.id)])
    names = rpc.centres.get_centre_names([str(radom.id), str(liw.id), unknown])

    assert counts == {str(reached.id): 2, unknown: 0}
    assert names == {str(radom.id): "LOWE Radom", str(liw.id): "LOWE Liw"}
    assert rpc.centres.count_matched_centres([]) == {} and rpc.centres.get_centre_names([]) == {}


@pytest.mark.parametrize(
    ("method", "named"), [("count_matched_centres", "opportunity_ids"), ("get_centre_names", "centre_ids")]
)
def test_over_rpc_more_than_a_hundred_or_malformed_ids_are_refused_naming_the_field(
    rpc: Any, method: str, named: str
) -> None:
    for refused_ids in ([str(uuid.uuid4()) for _ in range(101)], ["not-an-id"], str(uuid.uuid4())):
        with pytest.raises(InvalidInput) as refused:
            getattr(rpc.centres, method)(refused_ids)
        assert set(refused.value.fields) == {named}
