"""Places and interest through the running partners service and the gateway: each step's event in the outbox."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_backbone.errors import Conflict, InvalidInput, NotFound
from lowe_partners import orm, use_cases
from lowe_partners.commands import CreateOpportunity, RegisterPartner
from lowe_partners.interests import Interest
from lowe_partners.service import PartnersService
from lowe_partners.unit_of_work import PartnersUnitOfWork
from tests.integration.gateway_helpers import operator_key
from tests.messaging import rows

PARTNER = {"name": "Biblioteka Publiczna", "sector": "public", "email": "biblioteka@example.pl", "voivodeship": "26"}
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn"}


def opportunity_body(partner_id: str, places: int | None) -> dict[str, Any]:
    return {
        "partner_id": partner_id,
        "kind": "course",
        "title": "Kurs komputerowy",
        "description": "Dziesięć spotkań w bibliotece.",
        "topics": ["digital_skills"],
        "regions": ["26"],
        "places": places,
    }


def published_opportunity(rpc: Any, places: int | None, publish: bool = True) -> dict[str, Any]:
    partner = rpc.partners.register_partner(PARTNER)
    rpc.partners.verify_partner(partner["id"])
    opportunity: dict[str, Any] = rpc.partners.create_opportunity(opportunity_body(partner["id"], places))
    return rpc.partners.publish_opportunity(opportunity["id"]) if publish else opportunity


def outbox_events(database_url: str, opportunity_id: str) -> list[tuple[str, dict[str, Any]]]:
    """The opportunity's events as written, in commit order."""
    written = [json.loads(row.payload) for row in rows(database_url, "SELECT payload FROM outbox ORDER BY id")]
    return [
        (message["type"], message["data"])
        for message in written
        if message["data"].get("opportunity_id") == opportunity_id
    ]


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(PartnersService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def test_interest_waiting_promotion_closing_and_reopening_each_leave_their_event(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    opportunity = published_opportunity(rpc, places=3)
    centres = [str(uuid.uuid4()) for _ in range(3)]
    first, second, no_number = (
        rpc.partners.express_interest(opportunity["id"], {"centre_id": centre, **ask})
        for centre, ask in zip(centres, [{"places": 2, "note": "Grupa seniorów"}, {"places": 2}, {}], strict=True)
    )
    assert (first["status"], first["places"], first["note"], no_number["places"]) == (
        "pending",
        2,
        "Grupa seniorów",
        None,
    )

    assert rpc.partners.accept_interest(first["id"])["opportunity"]["remaining"] == 1
    waiting = rpc.partners.accept_interest(second["id"])
    assert (waiting["status"], waiting["position"]) == ("waitlisted", 1)
    assert rpc.partners.accept_interest(no_number["id"])["allocated"] == 0
    promoted = rpc.partners.release_places(first["id"], {"places": 1})
    assert promoted["opportunity"] | {"waiting": None} == {
        "opportunity_id": opportunity["id"],
        "status": "closed",
        "places": 3,
        "allocated": 3,
        "remaining": 0,
        "waiting": None,
    }
    reopened = rpc.partners.release_places(second["id"], None)
    assert (reopened["status"], reopened["opportunity"]["status"], reopened["opportunity"]["remaining"]) == (
        "released",
        "published",
        2,
    )

    events = outbox_events(database_url("partners"), opportunity["id"])
    assert [event_type for event_type, _data in events] == [
        "opportunity_published",
        "interest_expressed",
        "interest_expressed",
        "interest_expressed",
        "places_allocated",
        "interest_waitlisted",
        "places_allocated",
        "places_released",
        "places_allocated",
        "opportunity_closed",
        "places_released",
        "opportunity_reopened",
    ]
    promotion = events[8][1]
    assert (promotion["interest_id"], promotion["centre_id"], promotion["promoted"]) == (second["id"], centres[1], True)
    assert (promotion["places"], promotion["allocated"], promotion["remaining"]) == (2, 3, 0)
    assert events[9][1]["reason"] == "places_exhausted"
    assert all("note" not in data for _type, data in events)

    listed = rpc.partners.list_interests(opportunity["id"])
    assert [(item["id"], item["status"], item["allocated"]) for item in listed["items"]] == [
        (first["id"], "accepted", 1),
        (second["id"], "released", 0),
        (no_number["id"], "accepted", 0),
    ]
    assert rpc.partners.get_opportunity(opportunity["id"])["status"] == "published"


def test_refusals_cross_the_wire_as_the_gateway_knows_them(rpc: Any, database_url: Callable[[str], str]) -> None:
    opportunity = published_opportunity(rpc, places=2)
    centre = str(uuid.uuid4())
    interest = rpc.partners.express_interest(opportunity["id"], {"centre_id": centre, "places": 1})
    rpc.partners.accept_interest(interest["id"])
    draft = published_opportunity(rpc, places=2, publish=False)

    with pytest.raises(Conflict) as duplicate:
        rpc.partners.express_interest(opportunity["id"], {"centre_id": centre})
    assert duplicate.value.fields == {"interest_id": interest["id"]}
    with pytest.raises(NotFound) as draft_unknown:  # a draft is private to its partner
        rpc.partners.express_interest(draft["id"], {"centre_id": centre})
    assert draft_unknown.value.fields == {"opportunity_id": draft["id"]}
    with pytest.raises(Conflict) as too_many:
        rpc.partners.release_places(interest["id"], {"places": 2})
    assert set(too_many.value.fields) == {"places"}
    with pytest.raises(Conflict, match="accepted"):
        rpc.partners.decline_interest(interest["id"])
    with pytest.raises(InvalidInput) as invalid:
        rpc.partners.express_interest(opportunity["id"], {"centre_id": "LOWE", "places": 0})
    assert set(invalid.value.fields) == {"centre_id", "places"}
    with pytest.raises(NotFound):
        rpc.partners.accept_interest(str(uuid.uuid4()))
    with pytest.raises(NotFound):
        rpc.partners.list_interests(str(uuid.uuid4()))

    assert len(rpc.partners.list_interests(opportunity["id"])["items"]) == 1
    refused_nothing_written = outbox_events(database_url("partners"), opportunity["id"])
    assert [event_type for event_type, _data in refused_nothing_written][-1] == "places_allocated"


def test_the_database_keeps_one_open_interest_per_centre_whatever_the_use_case_does(
    database_url: Callable[[str], str],
) -> None:
    orm.start_mappers()
    engine = create_engine_for(database_url("partners"))
    session_factory = sessionmaker(bind=engine, expire_on_commit=False)
    uow = PartnersUnitOfWork(session_factory, producer="partners", correlation_id="test-interests-index")
    partner = use_cases.register_partner(RegisterPartner("Fundacja", "social", "f@example.pl", "26"), uow)
    opportunity = use_cases.create_opportunity(
        CreateOpportunity(partner.id, "workshop", "Warsztaty", "Opis", ["culture"], [], ["26"]), uow
    )
    centre_id = uuid.uuid4()

    def store(status: str, allocated: int = 0) -> None:
        with session_factory() as session, session.begin():
            session.add(
                Interest(
                    uuid.uuid4(),
                    opportunity.id,
                    partner.id,
                    centre_id,
                    datetime.now(UTC),
                    None,
                    None,
                    status,
                    allocated,
                )
            )

    try:
        for status in ("declined", "released", "accepted"):
            store(status)
        with pytest.raises(sa.exc.IntegrityError):
            store("pending")  # a second open one
        with pytest.raises(sa.exc.IntegrityError):
            store("released", allocated=1)  # more places than it asked for
    finally:
        engine.dispose()


def test_the_gateway_routes_reach_the_interest_rpcs(gateway_url: str, database_url: Callable[[str], str]) -> None:
    operator = operator_key(database_url("gateway"))

    def call(method: str, path: str, body: Any = None, key: str = operator) -> requests.Response:
        headers = {"Authorization": f"Bearer {key}"}
        return requests.request(method, gateway_url + path, json=body, headers=headers, timeout=10)

    partner = call("POST", "/api/v1/partners", PARTNER).json()
    call("POST", f"/api/v1/partners/{partner['id']}/verify")
    as_partner = partner["api_key"]["key"]
    body = {name: value for name, value in opportunity_body(partner["id"], 2).items() if name != "partner_id"}
    opportunity = call("POST", "/api/v1/opportunities", body, key=as_partner).json()
    assert call("POST", f"/api/v1/opportunities/{opportunity['id']}/publish", key=as_partner).status_code == 200
    interests = f"/api/v1/opportunities/{opportunity['id']}/interests"
    first, second = (call("POST", "/api/v1/centres", {**CENTRE, "name": name}).json() for name in ("LOWE A", "LOWE B"))

    def express(centre: dict[str, Any], places: Any, opportunity_id: str = opportunity["id"]) -> requests.Response:
        ask = {"opportunity_id": opportunity_id, "places": places}
        return call("POST", f"/api/v1/centres/{centre['id']}/interests", ask, key=centre["api_key"]["key"])

    created = express(first, 2)
    declined = express(second, 1).json()
    assert created.status_code == 201, created.text
    assert (created.json()["centre_id"], created.json()["status"]) == (first["id"], "pending")
    accepted = call("POST", f"/api/v1/interests/{created.json()['id']}/accept", key=as_partner)
    assert (accepted.status_code, accepted.json()["opportunity"]["status"]) == (200, "closed")
    assert call("POST", f"/api/v1/interests/{declined['id']}/decline", key=as_partner).json()["status"] == "declined"
    released = requests.post(
        f"{gateway_url}/api/v1/interests/{created.json()['id']}/release",
        headers={"Authorization": f"Bearer {as_partner}"},
        timeout=10,
    )
    assert (released.status_code, released.json()["opportunity"]["status"]) == (200, "published")
    listed = call("GET", interests, key=as_partner)
    assert [item["status"] for item in listed.json()["items"]] == ["released", "declined"]
    assert call("GET", interests).json() == listed.json()  # an operator's key too

    assert express(first, 0, opportunity_id="x").status_code == 400
    assert call("POST", f"/api/v1/interests/{uuid.uuid4()}/accept", key=as_partner).status_code == 404
    assert call("POST", f"/api/v1/interests/{declined['id']}/decline", key=as_partner).status_code == 409
    assert call("POST", f"/api/v1/interests/{declined['id']}/release", {"places": 1}, key=as_partner).status_code == 409


def test_withdrawing_an_opportunity_declines_the_interests_still_waiting_with_their_events(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    opportunity = published_opportunity(rpc, places=3)
    held, waiting, pending = (
        rpc.partners.express_interest(opportunity["id"], {"centre_id": str(uuid.uuid4()), "places": places})
        for places in (2, 2, 1)
    )
    rpc.partners.accept_interest(held["id"])
    rpc.partners.accept_interest(waiting["id"])

    rpc.partners.withdraw_opportunity(opportunity["id"])

    listed = rpc.partners.list_interests(opportunity["id"])
    assert [(i["id"], i["status"]) for i in listed["items"]] == [
        (held["id"], "accepted"),
        (waiting["id"], "declined"),
        (pending["id"], "declined"),
    ]
    written = outbox_events(database_url("partners"), opportunity["id"])
    assert [event_type for event_type, _ in written][-3:] == [
        "interest_declined",
        "interest_declined",
        "opportunity_withdrawn",
    ]
