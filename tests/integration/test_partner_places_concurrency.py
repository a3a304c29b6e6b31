"""The concurrency proof: fifty accepts at once on an opportunity with ten places never overbook it.

Each accept runs in its own greenthread with its own unit of work (its own PostgreSQL connection; psycopg2
is cooperative under eventlet), or as its own RPC call to two replicas of the service. The opportunity's
row lock makes them decide one after the other; the outbox, written in that order, is replayed to check that
at no point were more places allocated than exist and that nobody overtook an earlier request waiting.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import eventlet
import pytest
from eventlet.event import Event
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_partners import interest_use_cases, orm, use_cases
from lowe_partners.commands import CreateOpportunity, PublishOpportunity, RegisterPartner, VerifyPartner
from lowe_partners.interest_commands import AcceptInterest, ExpressInterest
from lowe_partners.service import PartnersService
from lowe_partners.unit_of_work import PartnersUnitOfWork
from tests.fixtures.databases import BACKEND
from tests.messaging import rows

PLACES = 10
INTERESTS = 50
# The first twelve expressed ask for one place each, the rest for one to three. Whatever order the accepts
# land in, the head of the final waiting line is then one of the first twelve (or all twelve hold places):
# demand exceeds supply and strict first-in first-out still fills every place.
ASKS = [1] * 12 + [random.Random(20250304).randint(1, 3) for _ in range(INTERESTS - 12)]

pytestmark = [
    pytest.mark.postgresql_only,
    pytest.mark.skipif(BACKEND != "postgresql", reason="row locks across connections are what PostgreSQL offers"),
]


def partners_uow(session_factory: Callable[[], Any], correlation_id: str) -> PartnersUnitOfWork:
    return PartnersUnitOfWork(session_factory, producer="partners", correlation_id=correlation_id)


def opportunity_with_interests(session_factory: Callable[[], Any]) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A published opportunity with PLACES places and INTERESTS pending interests, in the order expressed."""
    uow = partners_uow(session_factory, "corr-places-setup")
    partner = use_cases.register_partner(RegisterPartner("Fundacja", "social", "f@example.pl", "26"), uow)
    use_cases.verify_partner(VerifyPartner(partner.id), uow)
    starts_at = datetime.now(UTC) + timedelta(days=30)
    details = CreateOpportunity(
        partner.id, "course", "Kurs", "Opis", ["digital_skills"], [], ["26"], places=PLACES, starts_at=starts_at
    )
    opportunity = use_cases.create_opportunity(details, uow)
    use_cases.publish_opportunity(PublishOpportunity(opportunity.id), uow)
    interests = [
        interest_use_cases.express_interest(ExpressInterest(opportunity.id, uuid.uuid4(), places), uow).id
        for places in ASKS
    ]
    return opportunity.id, interests


def all_at_once(calls: list[Callable[[], Any]]) -> tuple[float, int]:
    """Runs every call in its own greenthread from one starting signal: (seconds, most calls in flight at once)."""
    start_signal, spans = Event(), []

    def run(call: Callable[[], Any]) -> None:
        start_signal.wait()
        began = time.monotonic()
        call()
        spans.append((began, time.monotonic()))

    threads = [eventlet.spawn(run, call) for call in calls]
    eventlet.sleep(0)
    started = time.monotonic()
    start_signal.send()
    for thread in threads:
        thread.wait()
    in_flight = max(sum(1 for began, ended in spans if began <= moment < ended) for moment, _ in spans)
    return time.monotonic() - started, in_flight


def assert_never_overbooked(database_url: str, opportunity_id: uuid.UUID, expressed: list[uuid.UUID]) -> dict[str, int]:
    """Checks what is stored, then replays the opportunity's outbox in commit order; returns the final figures."""
    stored = rows(database_url, "SELECT status, allocated FROM interests WHERE opportunity_id = :o", o=opportunity_id)
    total = sum(row.allocated for row in stored)
    messages = [json.loads(row.payload) for row in rows(database_url, "SELECT payload FROM outbox ORDER BY id")]
    events = [(m["type"], m["data"]) for m in messages if m["data"].get("opportunity_id") == str(opportunity_id)]
    closings = [data for event_type, data in events if event_type == "opportunity_closed"]
    assert total <= PLACES, f"overbooked: {total} places allocated of {PLACES}"
    assert total == PLACES, f"{total} of {PLACES} places allocated while more were asked for"
    assert len(closings) == 1, f"{len(closings)} opportunity_closed events"
    [opportunity] = rows(
        database_url, "SELECT status, finish_reason FROM opportunities WHERE id = :o", o=opportunity_id
    )
    assert (opportunity.status, opportunity.finish_reason) == ("closed", "places_exhausted")

    line_rank = {str(interest_id): rank for rank, interest_id in enumerate(expressed)}
    allocated, waiting, accepted = 0, set(), 0
    for event_type, data in events:
        if event_type == "places_allocated":
            rank = line_rank[data["interest_id"]]
            if data["promoted"]:
                assert rank == min(waiting), "a promotion overtook the head of the line"
                waiting.remove(rank)
            else:
                assert not any(earlier < rank for earlier in waiting), "an accept overtook an earlier request waiting"
            allocated, accepted = allocated + data["places"], accepted + 1
            assert allocated <= PLACES, f"overbooked at one point: {allocated} of {PLACES}"
            assert (data["allocated"], data["remaining"]) == (allocated, PLACES - allocated), "decided on a stale view"
        elif event_type == "interest_waitlisted":
            waiting.add(line_rank[data["interest_id"]])
            assert data["position"] == sorted(waiting).index(line_rank[data["interest_id"]]) + 1
        elif event_type == "opportunity_closed":
            assert (data["reason"], allocated) == ("places_exhausted", PLACES)
    assert allocated == total
    assert sorted(row.status for row in stored) == ["accepted"] * accepted + ["waitlisted"] * len(waiting)
    assert accepted + len(waiting) == INTERESTS
    return {"accepted": accepted, "waitlisted": len(waiting), "allocated": allocated}


def test_fifty_concurrent_accepts_each_with_its_own_unit_of_work_never_overbook(
    database_url: Callable[[str], str],
) -> None:
    url = database_url("partners")
    orm.start_mappers()
    engine = create_engine_for(url, pool_size=INTERESTS // 2)  # up to INTERESTS connections at once
    session_factory = sessionmaker(bind=engine, expire_on_commit=False)
    try:
        opportunity_id, expressed = opportunity_with_interests(session_factory)
        in_accept_order = random.Random(7).sample(expressed, len(expressed))

        def accept(interest_id: uuid.UUID) -> Callable[[], Any]:
            uow = partners_uow(session_factory, f"corr-accept-{interest_id}")
            return lambda: interest_use_cases.accept_interest(AcceptInterest(interest_id), uow)

        seconds, in_flight = all_at_once([accept(interest_id) for interest_id in in_accept_order])
    finally:
        engine.dispose()

    figures = assert_never_overbooked(url, opportunity_id, expressed)
    assert in_flight > PLACES, f"only {in_flight} accepts overlapped: not a race"
    print(f"\nunits of work: {figures}, {in_flight} in flight at once, {seconds:.2f} s")


def test_fifty_concurrent_accept_calls_to_two_replicas_never_overbook(
    start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], broker_uri: str
) -> None:
    url = database_url("partners")
    for _replica in range(2):
        start_service(PartnersService, max_workers=INTERESTS // 2)
    orm.start_mappers()
    engine = create_engine_for(url, pool_size=2)
    try:
        opportunity_id, expressed = opportunity_with_interests(sessionmaker(bind=engine, expire_on_commit=False))
    finally:
        engine.dispose()
    in_accept_order = random.Random(11).sample(expressed, len(expressed))

    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=30) as rpc:
        started = time.monotonic()
        replies = [rpc.partners.accept_interest.call_async(str(interest_id)) for interest_id in in_accept_order]
        decisions = [reply.result() for reply in replies]
        seconds = time.monotonic() - started

    assert {decision["status"] for decision in decisions} == {"accepted", "waitlisted"}
    figures = assert_never_overbooked(url, opportunity_id, expressed)
    print(f"\nRPC, two replicas: {figures}, {seconds:.2f} s")
