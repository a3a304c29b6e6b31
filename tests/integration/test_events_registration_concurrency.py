"""The concurrency proof: fifty registrations at once for an event with ten places never overbook it.

Each registration runs in its own greenthread with its own unit of work (its own PostgreSQL connection; psycopg2
is cooperative under eventlet), or as its own RPC call to two replicas of the service. The event's row lock makes
them decide one after the other; the outbox, written in that order, is replayed to check that at no point were
more places confirmed than exist and that the waiting line is strictly first-in first-out.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_events import commands, orm, registration_use_cases, use_cases
from lowe_events.service import EventsService
from lowe_events.unit_of_work import EventsUnitOfWork
from tests.fixtures.databases import BACKEND
from tests.integration.test_partner_places_concurrency import all_at_once
from tests.messaging import rows

CAPACITY = 10
REGISTRATIONS = 50
EVENT = {
    "title": "Warsztaty cyfrowe",
    "kind": "workshop",
    "capacity": CAPACITY,
    "sessions": [{"starts_at": "2027-03-10T17:00", "ends_at": "2027-03-10T19:00"}],
}

pytestmark = [
    pytest.mark.postgresql_only,
    pytest.mark.skipif(BACKEND != "postgresql", reason="row locks across connections are what PostgreSQL offers"),
]


def person(number: int) -> dict[str, Any]:
    return {
        "name": f"Osoba {number}",
        "email": f"osoba{number}@example.pl",
        "consent": {"version": "v1", "given": True},
    }


def events_uow(session_factory: Callable[[], Any], correlation_id: str) -> EventsUnitOfWork:
    return EventsUnitOfWork(session_factory, producer="events", correlation_id=correlation_id)


def assert_never_overbooked(database_url: str, event_id: str) -> dict[str, int]:
    """Checks what is stored, then replays the event's outbox in commit order; returns the final figures."""
    stored = rows(database_url, "SELECT status, sequence FROM registrations WHERE event_id = :e", e=uuid.UUID(event_id))
    confirmed = sorted(row.sequence for row in stored if row.status == "confirmed")
    waiting = sorted(row.sequence for row in stored if row.status == "waitlisted")
    assert len(confirmed) <= CAPACITY, f"overbooked: {len(confirmed)} confirmed of {CAPACITY}"
    assert (len(confirmed), len(waiting)) == (CAPACITY, REGISTRATIONS - CAPACITY)
    assert sorted(confirmed + waiting) == list(range(1, REGISTRATIONS + 1)), "sequences are not one gapless line"
    assert confirmed == list(range(1, CAPACITY + 1)), "someone who came later got a place before an earlier one"

    messages = [json.loads(row.payload) for row in rows(database_url, "SELECT payload FROM outbox ORDER BY id")]
    events = [(m["type"], m["data"]) for m in messages if m["data"].get("event_id") == event_id]
    held, positions = 0, []
    for event_type, data in events:
        if event_type == "registration_confirmed":
            held += 1
            assert not positions, "a registration was confirmed while others waited"
            assert held <= CAPACITY, f"overbooked at one point: {held} of {CAPACITY}"
        elif event_type == "registration_waitlisted":
            positions.append(data["position"])
    assert positions == list(range(1, REGISTRATIONS - CAPACITY + 1)), "waiting positions are not strictly 1, 2, 3…"
    return {"confirmed": len(confirmed), "waitlisted": len(waiting)}


def test_fifty_concurrent_registrations_each_with_its_own_unit_of_work_never_overbook(
    database_url: Callable[[str], str],
) -> None:
    url = database_url("events")
    orm.start_mappers()
    engine = create_engine_for(url, pool_size=REGISTRATIONS // 2)
    session_factory = sessionmaker(bind=engine, expire_on_commit=False)
    centre = str(uuid.uuid4())
    try:
        created = use_cases.create_event(
            commands.create_event_command(centre, EVENT), events_uow(session_factory, "corr-setup")
        )
        event_id = str(created.event.id)

        def register(number: int) -> Callable[[], Any]:
            uow = events_uow(session_factory, f"corr-register-{number}")
            cmd = commands.register_command(centre, event_id, person(number))
            return lambda: registration_use_cases.register_participant(cmd, uow)

        seconds, in_flight = all_at_once([register(number) for number in range(REGISTRATIONS)])
    finally:
        engine.dispose()

    figures = assert_never_overbooked(url, event_id)
    assert in_flight > CAPACITY, f"only {in_flight} registrations overlapped: not a race"
    print(f"\nunits of work: {figures}, {in_flight} in flight at once, {seconds:.2f} s")


def test_fifty_concurrent_registration_calls_to_two_replicas_never_overbook(
    start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], broker_uri: str
) -> None:
    url = database_url("events")
    for _replica in range(2):
        start_service(EventsService, max_workers=REGISTRATIONS // 2)
    centre = str(uuid.uuid4())

    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=30) as rpc:
        event_id = rpc.events.create_event(centre, EVENT)["id"]
        started = time.monotonic()
        replies = [
            rpc.events.register_participant.call_async(centre, event_id, person(n)) for n in range(REGISTRATIONS)
        ]
        placements = [reply.result() for reply in replies]
        seconds = time.monotonic() - started
        listed = rpc.events.get_event(centre, event_id)

    assert sorted(p["status"] for p in placements) == ["confirmed"] * CAPACITY + ["waitlisted"] * (
        REGISTRATIONS - CAPACITY
    )
    assert sorted(p["position"] for p in placements if p["position"]) == list(range(1, REGISTRATIONS - CAPACITY + 1))
    assert (listed["confirmed"], listed["waitlisted"], listed["free_places"]) == (CAPACITY, 40, 0)
    figures = assert_never_overbooked(url, event_id)
    print(f"\nRPC, two replicas: {figures}, {seconds:.2f} s")
