"""Participants through the real services: the events service's registrations reach the person by real e-mail
(the address read from the events service when sending), reminders wait in the ledger for 24 hours before each
session, and an erasure drops what was not sent."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_events.service import EventsService
from lowe_notifications.service import NotificationsService
from tests.fixtures.services import free_port
from tests.integration.test_notifications_delivery import SmtpCatcher, fast
from tests.messaging import rows
from tests.support import stays, wait_for

CONSENT = {"version": "rodo-2026-01", "given": True}
DAY = (datetime.now(UTC) + timedelta(days=20)).strftime("%Y-%m-%d")


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpCatcher]:
    catcher = SmtpCatcher(tmp_path, free_port()).start()
    yield catcher
    catcher.stop()


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str, smtp: SmtpCatcher) -> Iterator[Any]:
    start_service(EventsService)
    start_service(NotificationsService, **fast(smtp.port))
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def planned(rpc: Any, centre: str) -> dict[str, Any]:
    sessions = [{"starts_at": f"{DAY}T17:00", "ends_at": f"{DAY}T19:00"}]
    body = {"title": "Excel dla seniorów", "kind": "course", "capacity": 1, "sessions": sessions}
    event: dict[str, Any] = rpc.events.create_event(centre, body)
    return event


def reminders(rpc: Any, status: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = rpc.notifications.list_deliveries({"type": "session_reminder", "status": status})
    return list(found["items"])  # type: ignore[call-overload]


def register(rpc: Any, centre: str, event: dict[str, Any], name: str, **contact: str) -> dict[str, Any]:
    registered: dict[str, Any] = rpc.events.register_participant(
        centre, event["id"], {"name": name, "consent": CONSENT, **contact}
    )
    return registered


def test_a_registration_is_confirmed_by_email_and_a_reminder_waits_for_the_day_before(
    rpc: Any, smtp: SmtpCatcher, database_url: Callable[[str], str]
) -> None:
    centre = str(uuid.uuid4())
    event = planned(rpc, centre)

    rpc.events.register_participant(
        centre, event["id"], {"name": "Anna", "email": "anna@example.pl", "consent": CONSENT}
    )
    rpc.events.register_participant(centre, event["id"], {"name": "Jan", "email": "jan@example.pl", "consent": CONSENT})
    rpc.events.register_participant(centre, event["id"], {"name": "Ewa", "phone": "600100200", "consent": CONSENT})

    messages = wait_for(lambda: len(smtp.messages()) == 2 and smtp.messages(), timeout=15, what="two e-mails")
    by_address = {message["To"]: message["Subject"] for message in messages}
    assert by_address == {
        "anna@example.pl": "Potwierdzenie zapisu: Excel dla seniorów",
        "jan@example.pl": "Lista oczekujących: Excel dla seniorów",
    }
    [reminder] = wait_for(lambda: reminders(rpc, "queued"), what="Anna's reminder")
    starts = datetime.fromisoformat(rpc.events.get_event(centre, event["id"])["sessions"][0]["starts_at"])
    assert datetime.fromisoformat(reminder["next_attempt_at"]) == starts - timedelta(hours=24)
    stored = rows(database_url("notifications"), "SELECT * FROM recipients")
    assert all("example.pl" not in str(row) for row in stored)  # the addresses are never kept here


def test_a_promotion_is_told_and_an_erasure_drops_the_reminder(rpc: Any, smtp: SmtpCatcher) -> None:
    centre = str(uuid.uuid4())
    event = planned(rpc, centre)
    anna = register(rpc, centre, event, "Anna", email="anna@example.pl")
    register(rpc, centre, event, "Jan", email="jan@example.pl")
    wait_for(lambda: len(smtp.messages()) == 2, timeout=15, what="the first two e-mails")

    rpc.events.erase_registration(centre, event["id"], anna["id"])

    wait_for(lambda: len(smtp.messages()) == 3, timeout=15, what="Jan's promotion")
    to_jan = sorted(str(m["Subject"]) for m in smtp.messages() if m["To"] == "jan@example.pl")
    assert to_jan == ["Lista oczekujących: Excel dla seniorów", "Zwolniło się miejsce: Excel dla seniorów"]
    wait_for(lambda: len(reminders(rpc, "failed")) == 1, what="Anna's reminder dropped")
    assert [r["recipient_id"] for r in reminders(rpc, "failed")] == [anna["id"]]
    assert len(reminders(rpc, "queued")) == 1  # Jan's, now that he has the place
    assert stays(lambda: len(smtp.messages()) == 3, duration=1.0)
