"""The events service running against the real broker and database: the places partners allocate arrive as
events and open the way to events from opportunities; registrations, promotion and erasure leave their events
in the outbox, and an erasure leaves the person's data nowhere in the service's database."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_backbone.database import create_engine_for
from lowe_backbone.envelope import Envelope
from lowe_backbone.errors import Conflict, InvalidInput, NotFound
from lowe_events.service import EventsService
from lowe_partners.service import PartnersService
from tests.messaging import publish_envelope, rows
from tests.support import wait_for

PARTNER = {"name": "Fundacja Cyfrowa", "sector": "social", "email": "f@example.pl", "voivodeship": "26"}
CONSENT = {"version": "rodo-2026-01", "given": True}
SOON = (datetime.now(UTC) + timedelta(days=20)).strftime("%Y-%m-%dT17:00")
SOON_END = SOON.replace("T17:00", "T19:00")


def event_body(**changes: Any) -> dict[str, Any]:
    body = {"title": "Excel dla seniorów", "kind": "course", "capacity": 1}
    body.update(sessions=[{"starts_at": SOON, "ends_at": SOON_END}], **changes)
    return body


def outbox(database_url: str) -> list[tuple[str, dict[str, Any]]]:
    written = [json.loads(row.payload) for row in rows(database_url, "SELECT payload FROM outbox ORDER BY id")]
    return [(message["type"], message["data"]) for message in written]


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(PartnersService)
    start_service(EventsService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def places_allocated_to(rpc: Any, centre: str, places: int = 3) -> dict[str, Any]:
    """Through the partners service: a published opportunity, the centre's interest, the partner's accept."""
    partner = rpc.partners.register_partner(PARTNER)
    rpc.partners.verify_partner(partner["id"])
    opportunity = rpc.partners.create_opportunity(
        {
            "partner_id": partner["id"],
            "kind": "course",
            "title": "Kurs",
            "description": "Opis",
            "topics": ["digital_skills"],
            "regions": ["26"],
            "places": 10,
        }
    )
    rpc.partners.publish_opportunity(opportunity["id"])
    interest = rpc.partners.express_interest(opportunity["id"], {"centre_id": centre, "places": places})
    rpc.partners.accept_interest(interest["id"])
    return {"opportunity_id": opportunity["id"], "partner_id": partner["id"], "interest_id": interest["id"]}


def test_places_allocated_by_a_partner_let_the_centre_make_an_event_of_the_opportunity(rpc: Any) -> None:
    centre = str(uuid.uuid4())
    with pytest.raises(Conflict) as refused:
        rpc.events.create_event(centre, event_body(opportunity_id=str(uuid.uuid4())))
    assert "opportunity_id" in refused.value.fields

    allocated = places_allocated_to(rpc, centre)
    held = wait_for(lambda: rpc.events.list_allocations(centre)["items"], what="the allocation to arrive")

    assert [(item["opportunity_id"], item["places"], item["held"]) for item in held] == [
        (allocated["opportunity_id"], 3, True)
    ]
    created = rpc.events.create_event(centre, event_body(opportunity_id=allocated["opportunity_id"]))
    assert (created["origin"], created["partner_id"], created["opportunity_id"]) == (
        "opportunity",
        allocated["partner_id"],
        allocated["opportunity_id"],
    )
    with pytest.raises(Conflict):  # another centre holds nothing there
        rpc.events.create_event(str(uuid.uuid4()), event_body(opportunity_id=allocated["opportunity_id"]))


def test_places_released_in_full_arriving_from_the_broker_end_the_holding(
    rpc: Any, broker_uri: str, database_url: Callable[[str], str]
) -> None:
    centre = str(uuid.uuid4())
    allocated = places_allocated_to(rpc, centre, places=2)
    wait_for(lambda: rpc.events.list_allocations(centre)["items"], what="the allocation to arrive")
    released = Envelope(
        type="places_released",
        version=1,
        producer="partners",
        correlation_id="test-release",
        data={
            **allocated,
            "centre_id": centre,
            "places": 2,
            "still_held": 0,
            "allocated": 0,
            "remaining": 10,
            "released_at": (datetime.now(UTC) + timedelta(seconds=5)).isoformat(),
        },
    )

    publish_envelope(broker_uri, released)

    wait_for(lambda: not rpc.events.list_allocations(centre)["items"][0]["held"], what="the release to arrive")
    with pytest.raises(Conflict):
        rpc.events.create_event(centre, event_body(opportunity_id=allocated["opportunity_id"]))
    handled = rows(database_url("events"), "SELECT handler FROM processed_events ORDER BY handler")
    assert [row.handler for row in handled] == ["events.handle_places_allocated", "events.handle_places_released"]


def test_a_cancellation_promotes_the_first_in_line_and_each_step_leaves_its_event(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    centre = str(uuid.uuid4())
    event = rpc.events.create_event(centre, event_body())
    first, second = (
        rpc.events.register_participant(
            centre, event["id"], {"name": f"P{n}", "phone": f"60010020{n}", "consent": CONSENT}
        )
        for n in (1, 2)
    )
    assert [(p["status"], p["position"]) for p in (first, second)] == [("confirmed", None), ("waitlisted", 1)]

    rpc.events.cancel_registration(centre, event["id"], first["id"])

    listed = rpc.events.list_registrations(centre, event["id"])["items"]
    assert [(item["id"], item["status"]) for item in listed] == [
        (first["id"], "cancelled"),
        (second["id"], "confirmed"),
    ]
    assert [event_type for event_type, _ in outbox(database_url("events"))] == [
        "event_scheduled",
        "registration_confirmed",
        "registration_waitlisted",
        "registration_cancelled",
        "registration_promoted",
    ]


def test_another_centre_learns_nothing_about_the_events_participants(rpc: Any) -> None:
    centre, other = str(uuid.uuid4()), str(uuid.uuid4())
    event = rpc.events.create_event(centre, event_body())
    registration = rpc.events.register_participant(
        centre, event["id"], {"name": "A", "email": "a@example.pl", "consent": CONSENT}
    )

    for call in (
        lambda: rpc.events.list_registrations(other, event["id"]),
        lambda: rpc.events.get_event(other, event["id"]),
        lambda: rpc.events.erase_registration(other, event["id"], registration["id"]),
        lambda: rpc.events.register_participant(
            other, event["id"], {"name": "B", "email": "b@example.pl", "consent": CONSENT}
        ),
    ):
        with pytest.raises(NotFound) as caught:
            call()
        assert caught.value.fields == {"event_id": event["id"]}
    assert rpc.events.list_registrations(str(uuid.uuid4()), event["id"], True)["items"][0]["id"] == registration["id"]


def test_an_erasure_leaves_the_persons_data_in_no_table_of_the_service_and_tells_the_others(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    centre = str(uuid.uuid4())
    name, email, phone = "Zofia Erasmus", "zofia.erasmus@example.pl", "+48 601 202 303"
    demographics = {"consent": CONSENT, "health_data_consent": True, "age_band": "75+", "disability": True}
    events = [rpc.events.create_event(centre, event_body(capacity=5)) for _ in range(2)]
    for event in events:
        body = {"name": name, "email": email, "phone": phone, "consent": CONSENT, "demographics": demographics}
        rpc.events.register_participant(centre, event["id"], body)

    erased = rpc.events.erase_person(centre, {"phone": "+48601202303"})

    assert len(erased["erased"]) == 2
    url = database_url("events")
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            for table in sa.inspect(engine).get_table_names():
                dumped = json.dumps([list(map(str, row)) for row in conn.execute(sa.text(f'SELECT * FROM "{table}"'))])
                for personal in (name, email, "601202303", "601 202 303"):
                    assert personal not in dumped, f"{personal!r} still in {table}"
    finally:
        engine.dispose()
    erasures = [data for event_type, data in outbox(url) if event_type == "participant_erased"]
    assert sorted(data["event_id"] for data in erasures) == sorted(event["id"] for event in events)
    listed = rpc.events.list_registrations(centre, events[0]["id"])["items"]
    assert [(i["name"], i["email"], i["phone"], i["demographics"], i["erased"], i["status"]) for i in listed] == [
        (None, None, None, None, True, "cancelled")
    ]


def test_bad_input_is_refused_naming_the_field(rpc: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        rpc.events.create_event(str(uuid.uuid4()), event_body(capacity=-1))

    assert set(caught.value.fields) == {"capacity"}
