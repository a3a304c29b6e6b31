"""Participants: e-mail only and only to who gave one, the address read when sending, reminders 24 h before each
session, kept in step with changes, dropped on cancellation and erasure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from lowe_notifications import dispatch, participant_use_cases
from lowe_notifications.consumed_events import EventNews, RegistrationNews
from lowe_notifications.model.participants import EventCopy
from tests.unit.notifications.fakes import FakeDirectory, FakeUnitOfWork, fake_channels

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
EVENT_ID = uuid.UUID("7d2f0a4c-3b1e-4f5a-9c8d-1e2f3a4b5c6d")
CENTRE_ID = uuid.UUID("a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55")
ANNA = uuid.UUID("9f4a2c6e-5d3a-4b7c-9e0f-3a4b5c6d7e8f")
FIRST = datetime(2025, 3, 12, 16, 0, tzinfo=UTC)  # 17:00 in Warsaw
SECOND = datetime(2025, 3, 19, 16, 0, tzinfo=UTC)


def session(starts: datetime, session_id: str = "") -> dict[str, Any]:
    sid = session_id or str(uuid.uuid5(uuid.NAMESPACE_URL, starts.isoformat()))
    return {"session_id": sid, "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat()}


def event(kind: str = "event_scheduled", *starts: datetime, at: datetime = NOW, reason: str | None = None) -> EventNews:
    sessions = [session(s) for s in (starts or (FIRST, SECOND))]
    copy = EventCopy(EVENT_ID, CENTRE_ID, "Excel dla seniorów", sessions, {"address": "ul. Szkolna 1"}, False, at)
    copy.cancelled = kind == "event_cancelled"
    return EventNews(f"{kind}-{at.isoformat()}", kind, copy, reason)


def registration(kind: str = "registration_confirmed", by_email: bool = True, at: datetime = NOW) -> RegistrationNews:
    status = {"registration_cancelled": "cancelled", "registration_waitlisted": "waitlisted"}.get(kind, "confirmed")
    told = None if kind == "registration_cancelled" else kind
    position = 2 if kind == "registration_waitlisted" else None
    return RegistrationNews(f"{kind}-{at}", ANNA, EVENT_ID, CENTRE_ID, status, told, by_email, position, at)


def ledger(uow: FakeUnitOfWork) -> list[tuple[str, str, str]]:
    return sorted((d.type, d.status, d.source_event_id.split(":")[0]) for d in uow.deliveries.deliveries)


def reminders(uow: FakeUnitOfWork, status: str = "queued") -> list[datetime | None]:
    found = [d for d in uow.deliveries.deliveries if d.type == "session_reminder" and d.status == status]
    return sorted(d.next_attempt_at for d in found if d.next_attempt_at) or [None] * len(found)


def test_a_confirmed_registration_is_told_by_email_and_reminded_a_day_before_each_session() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)

    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)

    [told] = [d for d in uow.deliveries.deliveries if d.type == "registration_confirmed"]
    assert (told.channel, told.recipient_type, told.data["title"]) == ("email", "participant", "Excel dla seniorów")
    assert uow.notifications.notifications == []  # no inbox for participants
    assert reminders(uow) == [FIRST - timedelta(hours=24), SECOND - timedelta(hours=24)]


def test_someone_who_gave_no_email_is_not_written_to() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)

    participant_use_cases.follow_registration(registration(by_email=False), uow, now=lambda: NOW)

    assert uow.deliveries.deliveries == []


def test_a_registration_before_its_event_gets_reminders_when_the_event_arrives_once() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)
    assert reminders(uow) == []

    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_event(event(at=NOW + timedelta(seconds=1)), uow, now=lambda: NOW)

    assert len(reminders(uow)) == 2


def test_the_waiting_line_gets_no_reminder_until_promoted() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_registration(registration("registration_waitlisted"), uow, now=lambda: NOW)
    assert reminders(uow) == []

    later = NOW + timedelta(hours=1)
    participant_use_cases.follow_registration(registration("registration_promoted", at=later), uow, now=lambda: later)

    assert [t for t, _, _ in ledger(uow) if t.startswith("registration")] == [
        "registration_promoted",
        "registration_waitlisted",
    ]
    assert len(reminders(uow)) == 2


def test_a_moved_session_gets_a_new_reminder_and_the_old_one_is_dropped() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)
    moved = SECOND + timedelta(days=1)

    changed = event("event_changed", FIRST, moved, at=NOW + timedelta(hours=1))
    participant_use_cases.follow_event(changed, uow, now=lambda: NOW)

    assert reminders(uow) == [FIRST - timedelta(hours=24), moved - timedelta(hours=24)]
    assert len(reminders(uow, "failed")) == 1
    assert [d.type for d in uow.deliveries.deliveries].count("event_changed") == 1


def test_a_session_within_24_hours_gets_no_reminder() -> None:
    uow = FakeUnitOfWork()
    soon = NOW + timedelta(hours=23)
    participant_use_cases.follow_event(event("event_scheduled", soon, SECOND), uow, now=lambda: NOW)

    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)

    assert reminders(uow) == [SECOND - timedelta(hours=24)]


def test_a_cancelled_event_is_told_and_its_reminders_dropped() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)

    cancelled = event("event_cancelled", at=NOW + timedelta(hours=2), reason="Choroba prowadzącej")
    participant_use_cases.follow_event(cancelled, uow, now=lambda: NOW)

    [told] = [d for d in uow.deliveries.deliveries if d.type == "event_cancelled"]
    assert told.data["reason"] == "Choroba prowadzącej"
    assert reminders(uow) == [] and len(reminders(uow, "failed")) == 2


def test_a_cancelled_registration_drops_its_reminders_and_older_news_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_registration(registration(at=NOW), uow, now=lambda: NOW)
    later = NOW + timedelta(hours=1)

    participant_use_cases.follow_registration(registration("registration_cancelled", at=later), uow, now=lambda: later)
    participant_use_cases.follow_registration(registration("registration_confirmed", at=NOW), uow)

    assert reminders(uow) == [] and uow.participants.get(ANNA).status == "cancelled"  # type: ignore[union-attr]


def test_an_erased_participant_is_told_nothing_more_even_by_late_news() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)

    participant_use_cases.forget_participants([ANNA], uow, now=lambda: NOW)
    later = NOW + timedelta(hours=1)
    participant_use_cases.follow_registration(registration("registration_promoted", at=later), uow, now=lambda: later)

    assert uow.participants.get(ANNA).status == "erased"  # type: ignore[union-attr]
    assert {d.status for d in uow.deliveries.deliveries} == {"failed"}
    assert {d.last_error for d in uow.deliveries.deliveries} == {"the participant was erased"}


def test_the_address_is_read_from_the_events_service_when_sending_and_never_kept() -> None:
    uow = FakeUnitOfWork()
    directory = FakeDirectory({ANNA: "anna@example.pl"})
    channels = fake_channels(directory=directory)
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)

    dispatch.dispatch_due(channels, uow, now=lambda: NOW)
    dispatch.dispatch_due(channels, uow, now=lambda: FIRST - timedelta(hours=24))

    sent = channels.mailer.sent  # type: ignore[attr-defined]
    assert [(e.to, e.subject) for e in sent] == [
        ("anna@example.pl", "Potwierdzenie zapisu: Excel dla seniorów"),
        ("anna@example.pl", "Jutro: Excel dla seniorów"),
    ]
    assert "12.03.2025 17:00" in sent[1].text
    assert directory.participant_lookups == 2
    assert all(r.email is None for r in uow.recipients.recipients.values())


def test_news_before_the_event_waits_for_its_details_then_goes_with_them() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels(directory=FakeDirectory({ANNA: "anna@example.pl"}))
    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)
    assert dispatch.dispatch_due(channels, uow, now=lambda: NOW) == 0

    participant_use_cases.follow_event(event(), uow, now=lambda: NOW + timedelta(seconds=5))
    dispatch.dispatch_due(channels, uow, now=lambda: NOW + timedelta(seconds=5))

    [email] = channels.mailer.sent  # type: ignore[attr-defined]
    assert email.subject == "Potwierdzenie zapisu: Excel dla seniorów"
    assert "12.03.2025 17:00" in email.text and "ul. Szkolna 1" in email.text


def test_an_erased_contact_fails_the_delivery() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_registration(registration(), uow, now=lambda: NOW)

    dispatch.dispatch_due(fake_channels(), uow, now=lambda: NOW + timedelta(minutes=10))  # no event came: it goes

    [told] = uow.deliveries.deliveries
    assert (told.status, told.last_error) == ("failed", "no e-mail address for the recipient")
