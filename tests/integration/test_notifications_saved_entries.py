"""Deadline warnings for saved feed entries, through the real broker and database: the centres' `feed_entry_marked`
(published here as the centres service would) makes the centre watch the opportunity's deadline as a claim does,
with one warning whether it saved it, claimed it or both."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_backbone.envelope import Envelope
from lowe_notifications.service import NotificationsService
from tests.fixtures.services import free_port
from tests.integration.test_notifications_delivery import SmtpCatcher, fast
from tests.messaging import publish_envelope
from tests.support import stays, wait_for

APPLY_BY = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str, tmp_path: Path) -> Iterator[Any]:
    catcher = SmtpCatcher(tmp_path, free_port()).start()
    start_service(NotificationsService, **fast(catcher.port))
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy
    catcher.stop()


def publish(broker_uri: str, producer: str, event_type: str, data: dict[str, Any]) -> None:
    publish_envelope(broker_uri, Envelope(type=event_type, version=1, producer=producer, correlation_id="t", data=data))


def published(broker_uri: str, opportunity_id: str) -> None:
    data = {"opportunity_id": opportunity_id, "title": "Kurs", "apply_by": APPLY_BY.isoformat()}
    publish(broker_uri, "partners", "opportunity_published", {**data, "published_at": "2026-01-05T10:00:00+00:00"})


def mark(broker_uri: str, centre: str, opportunity_id: str, state: str, minute: int) -> None:
    data = {"centre_id": centre, "entry_id": str(uuid.uuid4()), "opportunity_id": opportunity_id, "state": state}
    data.update(previous_state="new", marked_at=f"2026-01-06T10:{minute:02d}:00+00:00")
    publish(broker_uri, "centres", "feed_entry_marked", data)


def interest(broker_uri: str, centre: str, opportunity_id: str, event_type: str, minute: int) -> None:
    time_field = {"interest_expressed": "expressed_at", "interest_declined": "declined_at"}[event_type]
    data = {"interest_id": str(uuid.uuid4()), "opportunity_id": opportunity_id, "partner_id": str(uuid.uuid4())}
    data.update(centre_id=centre, **{time_field: f"2026-01-06T10:{minute:02d}:00+00:00"})
    publish(broker_uri, "partners", event_type, data)


def warnings(rpc: Any, centre: str, status: str) -> list[dict[str, Any]]:
    params = {"type": "deadline_closing", "recipient_id": centre, "status": status}
    return list(rpc.notifications.list_deliveries(params)["items"])


def test_a_saved_entry_is_warned_of_and_marking_it_otherwise_drops_the_warning(rpc: Any, broker_uri: str) -> None:
    centre, opportunity = str(uuid.uuid4()), str(uuid.uuid4())
    published(broker_uri, opportunity)

    mark(broker_uri, centre, opportunity, "saved", 1)

    queued = wait_for(lambda: warnings(rpc, centre, "queued"), what="the warning scheduled")
    assert {w["channel"] for w in queued} >= {"in_app"}
    assert {datetime.fromisoformat(w["next_attempt_at"]) for w in queued} == {APPLY_BY - timedelta(days=3)}

    mark(broker_uri, centre, opportunity, "dismissed", 2)

    wait_for(lambda: not warnings(rpc, centre, "queued"), what="the warning dropped")
    assert len(warnings(rpc, centre, "failed")) == len(queued)


def test_saved_and_claimed_is_one_warning_that_stays_until_both_end(rpc: Any, broker_uri: str) -> None:
    centre, opportunity = str(uuid.uuid4()), str(uuid.uuid4())
    published(broker_uri, opportunity)
    interest(broker_uri, centre, opportunity, "interest_expressed", 1)
    first = wait_for(lambda: warnings(rpc, centre, "queued"), what="the claim's warning")

    mark(broker_uri, centre, opportunity, "saved", 2)
    mark(broker_uri, centre, opportunity, "seen", 3)  # no longer saved, still claimed

    assert stays(lambda: warnings(rpc, centre, "queued") == first, duration=1.5)
    interest(broker_uri, centre, opportunity, "interest_declined", 4)
    wait_for(lambda: not warnings(rpc, centre, "queued"), what="the warning dropped")
