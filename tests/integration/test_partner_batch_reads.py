"""The partners service's batch reads over RPC and against the database: opportunities by id as each reader may
see them, and the interest in a partner's own opportunities, each in one query however many ids, and bounded."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_backbone.errors import InvalidInput
from lowe_partners import interest_use_cases, orm, use_cases
from lowe_partners.interest_commands import ListPartnerInterests
from lowe_partners.listing import OpportunitiesById
from lowe_partners.service import PartnersService
from lowe_partners.unit_of_work import PartnersUnitOfWork
from tests.integration.test_partner_places import PARTNER, opportunity_body
from tests.support import selects_sent


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(PartnersService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def two_partners(rpc: Any) -> dict[str, dict[str, str]]:
    """Per partner: its id, a draft, and a published opportunity with five places."""
    made: dict[str, dict[str, str]] = {}
    for name in ("a", "b"):
        partner = rpc.partners.register_partner({**PARTNER, "name": f"Partner {name}"})
        rpc.partners.verify_partner(partner["id"])
        draft = rpc.partners.create_opportunity(opportunity_body(partner["id"], places=5))
        published = rpc.partners.create_opportunity(opportunity_body(partner["id"], places=5))
        rpc.partners.publish_opportunity(published["id"])
        made[name] = {"partner": partner["id"], "draft": draft["id"], "published": published["id"]}
    return made


def test_opportunities_are_read_by_id_as_each_reader_may_see_them(rpc: Any) -> None:
    made = two_partners(rpc)
    a, b = made["a"], made["b"]
    asked = [a["draft"], a["published"], b["draft"], b["published"], str(uuid.uuid4())]

    def read(viewer: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = rpc.partners.get_opportunities(asked, viewer)
        return found

    assert set(read({"centre_id": str(uuid.uuid4())})) == {a["published"], b["published"]}
    assert set(read({"partner_id": a["partner"]})) == {a["draft"], a["published"], b["published"]}
    everything = read({"operator": True})
    assert set(everything) == {a["draft"], a["published"], b["draft"], b["published"]}
    assert everything[a["published"]] == rpc.partners.get_opportunity(a["published"])
    assert everything[a["published"]]["places"] == 5


def test_the_interest_is_listed_only_for_the_partners_own_opportunities(rpc: Any) -> None:
    made = two_partners(rpc)
    a, b = made["a"], made["b"]
    for opportunity in (a["published"], a["published"], b["published"]):
        rpc.partners.express_interest(opportunity, {"centre_id": str(uuid.uuid4()), "places": 2})
    accepted = rpc.partners.list_interests(a["published"])["items"][0]
    rpc.partners.accept_interest(accepted["id"])

    listed = rpc.partners.list_partner_interests(a["partner"], [a["published"], a["draft"], b["published"]])

    assert set(listed) == {a["published"], a["draft"]}
    assert listed[a["published"]] == rpc.partners.list_interests(a["published"])
    assert [item["status"] for item in listed[a["published"]]["items"]] == ["accepted", "pending"]
    assert listed[a["published"]]["places"]["remaining"] == 3
    assert listed[a["draft"]] == rpc.partners.list_interests(a["draft"])
    assert rpc.partners.list_partner_interests(b["partner"], [a["published"]]) == {}


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda rpc, ids: rpc.partners.get_opportunities(ids, {"operator": True}), "opportunity_ids"),
        (lambda rpc, ids: rpc.partners.list_partner_interests(str(uuid.uuid4()), ids), "opportunity_ids"),
        (lambda rpc, ids: rpc.partners.get_opportunities(ids[:1], {"centre_id": "nope"}), "viewer"),
        (lambda rpc, ids: rpc.partners.list_partner_interests("nope", ids[:1]), "partner_id"),
    ],
)
def test_more_than_a_hundred_ids_or_a_bad_reader_are_refused_naming_the_field(
    rpc: Any, call: Callable[[Any, list[str]], Any], named: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        call(rpc, [str(uuid.uuid4()) for _ in range(101)])

    assert set(refused.value.fields) == {named}


def test_each_batch_read_is_one_query_against_the_database(rpc: Any, database_url: Callable[[str], str]) -> None:
    made = two_partners(rpc)
    a, b = made["a"], made["b"]
    for _ in range(2):
        rpc.partners.express_interest(a["published"], {"centre_id": str(uuid.uuid4())})
    orm.start_mappers()
    engine = create_engine_for(database_url("partners"))
    selects = selects_sent(engine)
    uow = PartnersUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "partners", "test-batch-reads")
    ids = tuple(uuid.UUID(made[name][kind]) for name in ("a", "b") for kind in ("draft", "published"))
    try:
        opportunities = use_cases.get_opportunities(OpportunitiesById(ids, False, uuid.UUID(a["partner"])), uow)
        read_opportunities, selects[:] = list(selects), []
        interests = interest_use_cases.list_partner_interests(ListPartnerInterests(uuid.UUID(a["partner"]), ids), uow)
        read_interests = list(selects)
    finally:
        engine.dispose()

    assert {str(opportunity.id) for opportunity in opportunities} == {a["draft"], a["published"], b["published"]}
    assert [sql.lstrip().split()[0].upper() for sql in read_opportunities] == ["SELECT"]
    assert {str(opportunity_id) for opportunity_id in interests} == {a["draft"], a["published"]}
    assert len(interests[uuid.UUID(a["published"])].interests) == 2
    assert [sql.lstrip().split()[0].upper() for sql in read_interests] == ["SELECT"]
