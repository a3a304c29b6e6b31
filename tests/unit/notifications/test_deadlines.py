"""Deadline warnings: 3 days before the deadline of an opportunity a centre claimed, on its channels, moved with the
deadline, dropped when the opportunity or the interest ends."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from lowe_notifications import deadline_use_cases, dispatch
from lowe_notifications.deadline_use_cases import OpportunityInfo
from tests.unit.notifications.fakes import FakeUnitOfWork, fake_channels

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2025, 3, 20, 22, 59, tzinfo=UTC)  # 23:59 in Warsaw
OPPORTUNITY = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")
RADOM, KIELCE = uuid.UUID(int=1), uuid.UUID(int=2)


def published(deadline: datetime | None = DEADLINE, at: datetime = NOW) -> OpportunityInfo:
    return OpportunityInfo(OPPORTUNITY, "Excel dla seniorów", deadline, at)


def claimed(uow: FakeUnitOfWork, centre: uuid.UUID, active: bool = True, at: datetime = NOW) -> None:
    with uow:
        deadline_use_cases.note_claim(uow, OPPORTUNITY, centre, active, at)
        uow.commit()


def warnings(uow: FakeUnitOfWork, status: str = "queued") -> list[tuple[uuid.UUID, str, datetime | None]]:
    found = [d for d in uow.deliveries.deliveries if d.type == "deadline_closing" and d.status == status]
    return sorted((d.recipient_id, d.channel, d.next_attempt_at) for d in found)


def test_a_claim_schedules_a_warning_on_every_channel_3_days_before_the_deadline() -> None:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)

    claimed(uow, RADOM)

    due = DEADLINE - timedelta(days=3)
    assert warnings(uow) == [(RADOM, "email", due), (RADOM, "in_app", due)]
    assert uow.notifications.notifications == []  # the inbox entry too waits until then


def test_a_claim_before_the_publication_is_warned_once_it_arrives() -> None:
    uow = FakeUnitOfWork()
    claimed(uow, RADOM)
    assert warnings(uow) == []

    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)
    deadline_use_cases.note_opportunity(published(at=NOW + timedelta(seconds=1)), uow, now=lambda: NOW)

    assert len(warnings(uow)) == 2


def test_a_moved_deadline_moves_the_warning() -> None:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)
    claimed(uow, RADOM)
    later = DEADLINE + timedelta(days=7)

    deadline_use_cases.note_opportunity(published(later, at=NOW + timedelta(hours=1)), uow, now=lambda: NOW)

    assert [w[2] for w in warnings(uow)] == [later - timedelta(days=3)] * 2
    assert len(warnings(uow, "failed")) == 2


def test_older_news_does_not_move_it_back() -> None:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(published(DEADLINE + timedelta(days=7), at=NOW), uow, now=lambda: NOW)
    claimed(uow, RADOM)

    deadline_use_cases.note_opportunity(published(at=NOW - timedelta(hours=1)), uow, now=lambda: NOW)

    assert [w[2] for w in warnings(uow)] == [DEADLINE + timedelta(days=4)] * 2


def test_a_declined_interest_or_a_withdrawn_opportunity_drops_the_warning() -> None:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)
    claimed(uow, RADOM)
    claimed(uow, KIELCE)

    claimed(uow, RADOM, active=False, at=NOW + timedelta(hours=1))
    assert [w[0] for w in warnings(uow)] == [KIELCE, KIELCE]
    with uow:
        deadline_use_cases.note_finished(uow, OPPORTUNITY, NOW + timedelta(hours=2))
        uow.commit()

    assert warnings(uow) == []


def test_less_than_3_days_left_or_no_deadline_means_no_warning() -> None:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(published(NOW + timedelta(days=2)), uow, now=lambda: NOW)
    claimed(uow, RADOM)
    assert warnings(uow) == []

    deadline_use_cases.note_opportunity(published(None, at=NOW + timedelta(hours=1)), uow, now=lambda: NOW)
    assert warnings(uow) == []


def test_a_claim_again_after_a_decline_brings_the_same_warning_back() -> None:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)
    claimed(uow, RADOM)
    claimed(uow, RADOM, active=False, at=NOW + timedelta(hours=1))

    claimed(uow, RADOM, at=NOW + timedelta(hours=2))

    assert len(warnings(uow)) == 2 and len(uow.deliveries.deliveries) == 2


def test_when_due_the_inbox_entry_appears_and_the_email_goes() -> None:
    uow, channels = FakeUnitOfWork(), fake_channels()
    channels.directory.emails[RADOM] = "lowe@radom.pl"  # type: ignore[attr-defined]
    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)
    claimed(uow, RADOM)
    due = DEADLINE - timedelta(days=3)

    assert dispatch.dispatch_due(channels, uow, now=lambda: due - timedelta(seconds=1)) == 0
    assert dispatch.dispatch_due(channels, uow, now=lambda: due) == 2

    [entry] = uow.notifications.notifications
    assert entry.title == "Za 3 dni mija termin: Excel dla seniorów"
    assert "20.03.2025 23:59" in entry.body
    [email] = channels.mailer.sent  # type: ignore[attr-defined]
    assert email.subject == entry.title
    assert dispatch.dispatch_due(channels, uow, now=lambda: due + timedelta(hours=1)) == 0
