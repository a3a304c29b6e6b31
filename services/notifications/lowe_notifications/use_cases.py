"""The notifications service's use cases for what happened elsewhere and for the inbox: `verb_noun(cmd, uow)`.

Every consumed event becomes notices (one per recipient); a notice becomes, in the consuming handler's own
transaction, an inbox entry and a row in the delivery ledger per channel — unique per (source event, recipient,
channel, target), so whatever the broker redelivers, each is told once. Sending happens after the commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from lowe_notifications.inbox_language import worded_in
from lowe_notifications.model import (
    EMAIL,
    IN_APP,
    Delivery,
    Notice,
    Notification,
    NotificationNotFound,
    Preference,
    Recipient,
)
from lowe_notifications.model.deliveries import QUEUED, SENT
from lowe_notifications.model.digest import digest_slot
from lowe_notifications.model.notices import PARTNER
from lowe_notifications.model.preferences import DAILY_DIGEST, DEFAULT_LANGUAGE, FROM_EVENT, language_for, plan_channels
from lowe_notifications.repository import Audience, InboxQuery
from lowe_notifications.templates import render

Clock = Callable[[], datetime]
DEFAULT_DIGEST_HOUR = 7


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork(Protocol):
    notifications: Any
    deliveries: Any
    recipients: Any
    preferences: Any
    endpoints: Any
    audience: Any
    participants: Any
    deadlines: Any
    queued_deliveries: bool
    default_digest_hour: int

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...


@dataclass(frozen=True)
class Inbox:
    notifications: list[Notification]
    unread: int
    next_cursor: tuple[datetime, uuid.UUID] | None


@dataclass(frozen=True)
class MarkRead:
    recipient_id: uuid.UUID
    notification_id: uuid.UUID


@dataclass
class Known:
    """What the notices of one transaction need to know of their recipients, read in three queries, not three per
    notice."""

    recipients: dict[uuid.UUID, Recipient]
    preferences: dict[tuple[uuid.UUID, str], Preference]
    endpoints: dict[uuid.UUID, list[Any]]

    @classmethod
    def about(cls, notices: list[Notice], uow: UnitOfWork) -> Known:
        ids = list({notice.recipient_id for notice in notices})
        preferences: dict[tuple[uuid.UUID, str], Preference] = {}
        for notification_type in {notice.type for notice in notices}:
            found = uow.preferences.for_type(ids, notification_type)
            preferences.update({(recipient_id, notification_type): p for recipient_id, p in found.items()})
        return cls(uow.recipients.get_many(ids), preferences, uow.endpoints.of_owners(ids))


def recipient_of(uow: UnitOfWork, notice: Notice, at: datetime, known: Known) -> Recipient:
    recipient: Recipient | None = known.recipients.get(notice.recipient_id)
    if recipient is None:
        hour = uow.default_digest_hour
        recipient = Recipient(notice.recipient_id, notice.recipient_type, DEFAULT_LANGUAGE, hour, at)
        uow.recipients.add(recipient)
        known.recipients[recipient.id] = recipient
    if notice.email_hint:
        recipient.learn_email(notice.email_hint, FROM_EVENT, at, as_of=notice.occurred_at)
    return recipient


def record_notices(notices: list[Notice], uow: UnitOfWork, now: Clock = utc_now) -> list[Delivery]:
    """Turns notices into inbox entries and ledger rows; the caller's `with uow:` commits them (with the
    processed-event mark)."""
    if not notices:
        return []
    at = now()
    known = Known.about(notices, uow)
    recorded: list[Delivery] = []
    for notice in notices:
        recipient = recipient_of(uow, notice, at, known)
        preference = known.preferences.get((notice.recipient_id, notice.type))
        owned = known.endpoints.get(notice.recipient_id, [])
        endpoints = [str(e.id) for e in owned if e.takes(notice.type)]
        for planned in plan_channels(notice, preference, endpoints):
            delivery = Delivery(
                id=uuid.uuid4(),
                source_event_id=notice.source_event_id,
                recipient_id=notice.recipient_id,
                recipient_type=notice.recipient_type,
                channel=planned.channel,
                target=planned.target,
                type=notice.type,
                data=notice.data,
                status=QUEUED,
                created_at=at,
                updated_at=at,
                next_attempt_at=at,
            )
            if planned.channel == IN_APP:
                _store_in_inbox(uow, notice, language_for(recipient, preference), delivery, at)
            elif planned.channel == EMAIL and planned.mode == DAILY_DIGEST:
                day, due = digest_slot(at, recipient.digest_hour)
                delivery.digest_on, delivery.next_attempt_at = day.isoformat(), due
            uow.deliveries.add(delivery)
            recorded.append(delivery)
    uow.queued_deliveries = uow.queued_deliveries or any(d.status == QUEUED for d in recorded)
    return recorded


def _store_in_inbox(uow: UnitOfWork, notice: Notice, language: str, delivery: Delivery, at: datetime) -> None:
    """The inbox is written in the same transaction: the in-app delivery is sent when it is stored."""
    rendered = render(notice.type, language, notice.data, {})
    uow.notifications.add(
        Notification(
            id=delivery.id,
            recipient_id=notice.recipient_id,
            recipient_type=notice.recipient_type,
            type=notice.type,
            title=rendered.subject[:300],
            body=rendered.text.strip(),
            data=notice.data,
            source_event_id=notice.source_event_id,
            created_at=at,
        )
    )
    delivery.status, delivery.attempts, delivery.sent_at, delivery.next_attempt_at = SENT, 1, at, None


def notify(notices: list[Notice], uow: UnitOfWork, now: Clock = utc_now) -> list[Delivery]:
    with uow:
        recorded = record_notices(notices, uow, now)
        uow.commit()
    return recorded


def notify_matched(matched: list[tuple[Audience, Notice]], uow: UnitOfWork, now: Clock = utc_now) -> list[Delivery]:
    """Remembers that each opportunity reached its centre (for its withdrawal and for naming it later), and tells;
    a batch of matches in one transaction."""
    with uow:
        uow.audience.remember_many([audience for audience, _ in matched])
        recorded = record_notices([notice for _, notice in matched], uow, now)
        uow.commit()
    return recorded


def note_partner_details(
    partner_id: uuid.UUID, email: str, at: datetime, uow: UnitOfWork, now: Clock = utc_now
) -> None:
    """`partner_updated`: the partner's organisation e-mail as of `at` becomes the address its messages go to,
    unless the partner set its own in its preferences or a newer one is known (news travel on separate queues).
    Kept even before anything was sent to it, so an older `partner_verified` arriving later does not bring the old
    address back."""
    with uow:
        recipient: Recipient | None = uow.recipients.get(partner_id)
        if recipient is None:
            recipient = Recipient(partner_id, PARTNER, DEFAULT_LANGUAGE, uow.default_digest_hour, now())
            uow.recipients.add(recipient)
        recipient.learn_email(email, FROM_EVENT, now(), as_of=at)
        uow.commit()


def notify_about_opportunity(
    make: Callable[[Audience | None], Notice | None],
    opportunity_id: uuid.UUID,
    centre_id: uuid.UUID | None,
    uow: UnitOfWork,
    now: Clock = utc_now,
    also: Callable[[UnitOfWork], None] | None = None,
) -> list[Delivery]:
    """News about an opportunity, named from what the centres were told about it: for one centre (interest news),
    or for every centre it reached (`centre_id` None: a withdrawal). `make` returns None when nobody is to be told;
    `also` does what else the news changes, in the same transaction."""
    with uow:
        if centre_id is not None:
            audiences: list[Audience | None] = [uow.audience.find(opportunity_id, centre_id)]
        else:
            audiences = list(uow.audience.of_opportunity(opportunity_id))
        notices = [notice for notice in map(make, audiences) if notice is not None]
        recorded = record_notices(notices, uow, now)
        if also is not None:
            also(uow)  # what else the same news changes (the deadline warnings), in the same transaction
        uow.commit()
    return recorded


def read_inbox(query: InboxQuery, uow: UnitOfWork) -> Inbox:
    with uow:
        found = uow.notifications.list_for(_one_more(query))
        page = found[: query.limit]
        cursor = (page[-1].created_at, page[-1].id) if len(found) > query.limit else None
        worded = [worded_in(notification, query.language) for notification in page]
        return Inbox(worded, uow.notifications.unread_count(query.recipient_id), cursor)


def _one_more(query: InboxQuery) -> InboxQuery:
    return InboxQuery(query.recipient_id, query.limit + 1, query.unread_only, query.type, query.after, query.language)


def mark_read(cmd: MarkRead, uow: UnitOfWork, now: Clock = utc_now) -> Notification:
    """Another recipient's notification is not found: ids of others' objects tell nothing."""
    with uow:
        notification = uow.notifications.get(cmd.notification_id)
        if notification is None or notification.recipient_id != cmd.recipient_id:
            raise NotificationNotFound(str(cmd.notification_id))
        notification.mark_read(now())
        uow.commit()
    return notification
