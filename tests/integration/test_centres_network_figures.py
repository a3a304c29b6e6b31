"""The centres service counts the network's centres per voivodeship for the operators' map, against the database and
over RPC: one GROUP BY query however many centres, inactive ones counted too (as the map has always shown them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy.orm import sessionmaker

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_backbone.database import create_engine_for
from lowe_centres import orm
from lowe_centres.service import CentresService
from lowe_centres.unit_of_work import CentresUnitOfWork
from lowe_centres.use_cases import count_centres_by_voivodeship
from tests.support import selects_sent
from tests.unit.centres.fakes import a_centre


@dataclass
class Store:
    uow: CentresUnitOfWork
    selects: list[str]  # every SELECT the database was sent


@pytest.fixture
def store(database_url: Callable[[str], str]) -> Iterator[Store]:
    orm.start_mappers()
    engine = create_engine_for(database_url("centres"))
    made = Store(
        CentresUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "centres", "test-figures"),
        selects_sent(engine),
    )

    try:
        yield made
    finally:
        engine.dispose()


def registered(store: Store, *where: tuple[str, str]) -> None:
    """A centre per (voivodeship, status)."""
    with store.uow as uow:
        for number, (voivodeship, status) in enumerate(where):
            uow.centres.add(a_centre(f"LOWE {number}", voivodeship, status=status))
        uow.commit()


def test_centres_are_counted_in_their_voivodeship_inactive_ones_too_in_one_query(store: Store) -> None:
    registered(store, ("14", "active"), ("14", "active"), ("14", "inactive"), ("02", "active"), ("12", "inactive"))
    store.selects.clear()

    counts = count_centres_by_voivodeship(store.uow)

    assert counts == {"14": 3, "02": 1, "12": 1}
    assert len(store.selects) == 1 and "GROUP BY" in store.selects[0].upper()


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(CentresService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def test_over_rpc_every_voivodeship_is_named_and_the_total_is_every_centre(rpc: Any) -> None:
    nothing = rpc.centres.count_centres_by_voivodeship()
    for name, voivodeship in [("Płońsk", "14"), ("Pułtusk", "14"), ("Liw", "14"), ("Bodzentyn", "26")]:
        rpc.centres.register_centre({"name": f"LOWE {name}", "voivodeship": voivodeship, "municipality": name})
    closed = rpc.centres.register_centre({"name": "LOWE Gdynia", "voivodeship": "22", "municipality": "Gdynia"})
    rpc.centres.update_centre(closed["id"], {"status": "inactive"})

    counts = rpc.centres.count_centres_by_voivodeship()

    assert nothing == {"voivodeships": dict.fromkeys(VOIVODESHIPS, 0), "total": 0}
    assert list(counts["voivodeships"]) == list(VOIVODESHIPS) and counts["total"] == 5
    assert {code: count for code, count in counts["voivodeships"].items() if count} == {"14": 3, "26": 1, "22": 1}
