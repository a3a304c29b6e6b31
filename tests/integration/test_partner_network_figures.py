"""The partners service counts the network's figures for the operators, against the database and over RPC: the
open opportunities per voivodeship, the nationwide ones and all of them each once, and the partners per status;
each in one GROUP BY query however many there are."""

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
from lowe_partners import orm, use_cases
from lowe_partners.listing import OpenOpportunityCounts
from lowe_partners.model import Opportunity, Partner
from lowe_partners.service import PartnersService
from lowe_partners.unit_of_work import PartnersUnitOfWork
from tests.integration.test_partner_places import PARTNER, opportunity_body
from tests.support import selects_sent
from tests.unit.partners.fakes import a_partner, an_opportunity


@dataclass
class Store:
    uow: PartnersUnitOfWork
    selects: list[str]  # every SELECT the database was sent


@pytest.fixture
def store(database_url: Callable[[str], str]) -> Iterator[Store]:
    orm.start_mappers()
    engine = create_engine_for(database_url("partners"))
    made = Store(
        PartnersUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "partners", "test-figures"),
        selects_sent(engine),
    )

    try:
        yield made
    finally:
        engine.dispose()


def stored(store: Store, partners: list[Partner], opportunities: list[Opportunity]) -> None:
    with store.uow as uow:
        for partner in partners:
            uow.partners.add(partner)
        uow.session.flush()  # what the opportunities refer to, first
        for opportunity in opportunities:
            uow.opportunities.add(opportunity)
        uow.commit()  # with the opportunities' listing tags


def test_open_opportunities_count_in_each_voivodeship_they_name_and_once_in_all_in_one_query(store: Store) -> None:
    partner = a_partner()
    published = [
        an_opportunity(partner, "published", regions=["14"]),
        an_opportunity(partner, "published", regions=["14", "12"]),
        an_opportunity(partner, "published", regions=[]),
        an_opportunity(partner, "published", regions=[]),
    ]
    not_open = [
        an_opportunity(partner, status, regions=regions)
        for status in ("draft", "closed", "withdrawn")
        for regions in (["14", "12"], [])
    ]
    stored(store, [partner], published + not_open)
    store.selects.clear()

    counts = use_cases.count_open_opportunities(store.uow)

    assert counts == OpenOpportunityCounts({"14": 2, "12": 1}, nationwide=2, total=4)
    assert len(store.selects) == 1 and "GROUP BY" in store.selects[0].upper()


def test_nothing_open_counts_nothing(store: Store) -> None:
    partner = a_partner()
    stored(store, [partner], [an_opportunity(partner, "draft"), an_opportunity(partner, "closed", regions=[])])

    assert use_cases.count_open_opportunities(store.uow) == OpenOpportunityCounts({}, nationwide=0, total=0)


def test_partners_are_counted_per_status_in_one_query(store: Store) -> None:
    statuses = ["pending", "pending", "verified", "suspended", "suspended", "suspended"]
    stored(store, [a_partner(status, f"Fundacja {number}") for number, status in enumerate(statuses)], [])
    store.selects.clear()

    counts = use_cases.count_partners_by_status(store.uow)

    assert counts == {"pending": 2, "verified": 1, "suspended": 3}
    assert len(store.selects) == 1 and "GROUP BY" in store.selects[0].upper()


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(PartnersService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def a_verified_partner(rpc: Any, name: str) -> str:
    partner_id: str = rpc.partners.register_partner({**PARTNER, "name": name})["id"]
    rpc.partners.verify_partner(partner_id)
    return partner_id


def test_over_rpc_the_open_opportunities_are_counted_as_the_map_shows_them(rpc: Any) -> None:
    nothing = rpc.partners.count_open_opportunities()
    partner = a_verified_partner(rpc, "Fundacja Mazowiecka")
    opportunity_ids = {}
    for name, regions in [("both", ["14", "12"]), ("masovia", ["14"]), ("all", []), ("draft", ["14"]), ("gone", [])]:
        body = {**opportunity_body(partner, places=None), "title": name, "regions": regions}
        opportunity_ids[name] = rpc.partners.create_opportunity(body)["id"]
        if name != "draft":
            rpc.partners.publish_opportunity(opportunity_ids[name])
    rpc.partners.withdraw_opportunity(opportunity_ids["gone"])

    counts = rpc.partners.count_open_opportunities()

    assert nothing == {"voivodeships": dict.fromkeys(VOIVODESHIPS, 0), "nationwide": 0, "total": 0}
    assert list(counts["voivodeships"]) == list(VOIVODESHIPS)
    assert {code: count for code, count in counts["voivodeships"].items() if count} == {"14": 2, "12": 1}
    assert counts["nationwide"] == 1 and counts["total"] == 3


def test_over_rpc_the_partners_are_counted_per_status_every_status_named(rpc: Any) -> None:
    nothing = rpc.partners.count_partners_by_status()
    rpc.partners.register_partner({**PARTNER, "name": "Fundacja Czekająca"})
    a_verified_partner(rpc, "Fundacja Zweryfikowana")
    suspended = a_verified_partner(rpc, "Fundacja Zawieszona")
    rpc.partners.suspend_partner(suspended, {"reason": "Fałszywe oferty"})

    counts = rpc.partners.count_partners_by_status()

    assert nothing == {"pending": 0, "verified": 0, "suspended": 0}
    assert counts == {"pending": 1, "verified": 1, "suspended": 1}
