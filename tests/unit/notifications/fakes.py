"""In-memory stand-ins for the notifications service's repositories, unit of work and outside world."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from lowe_notifications.delivery_repository import LedgerQuery
from lowe_notifications.model import Delivery, Notification, Preference, Recipient, RetryPolicy
from lowe_notifications.model.deadlines import Claim, Deadline
from lowe_notifications.model.deliveries import PENDING, QUEUED
from lowe_notifications.model.participants import EventCopy, Participant
from lowe_notifications.model.webhooks import WebhookEndpoint
from lowe_notifications.ports import Channels, DirectoryUnavailable, Email, MailError, WebhookError
from lowe_notifications.repository import Audience, InboxQuery
from tests.unit.fakes import FakeUnitOfWorkBase


def _newest_first(items: list[Any], after: tuple[datetime, UUID] | None, limit: int) -> list[Any]:
    ordered = sorted(items, key=lambda item: (item.created_at, item.id), reverse=True)
    if after is not None:
        ordered = [item for item in ordered if (item.created_at, item.id) < after]
    return ordered[:limit]


class FakeNotificationRepository:
    def __init__(self) -> None:
        self.notifications: list[Notification] = []

    def add(self, notification: Notification) -> None:
        self.notifications.append(notification)

    def get(self, notification_id: UUID) -> Notification | None:
        return next((n for n in self.notifications if n.id == notification_id), None)

    def list_for(self, query: InboxQuery) -> list[Notification]:
        mine = [
            n
            for n in self.notifications
            if n.recipient_id == query.recipient_id
            and (not query.unread_only or n.read_at is None)
            and (query.type is None or n.type == query.type)
        ]
        return _newest_first(mine, query.after, query.limit)

    def unread_count(self, recipient_id: UUID) -> int:
        return sum(1 for n in self.notifications if n.recipient_id == recipient_id and n.read_at is None)


class FakeDeliveryRepository:
    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []

    def add(self, delivery: Delivery) -> None:
        key = (delivery.source_event_id, delivery.recipient_id, delivery.channel, delivery.target)
        assert all((d.source_event_id, d.recipient_id, d.channel, d.target) != key for d in self.deliveries)
        self.deliveries.append(delivery)

    def get(self, delivery_id: UUID) -> Delivery | None:
        return next((d for d in self.deliveries if d.id == delivery_id), None)

    get_for_update = get

    def find(self, source_event_id: str, recipient_id: UUID, channel: str, target: str = "") -> Delivery | None:
        key = (source_event_id, recipient_id, channel, target)
        return next(
            (d for d in self.deliveries if (d.source_event_id, d.recipient_id, d.channel, d.target) == key), None
        )

    def claim_due(self, now: datetime, lease: timedelta, limit: int, digest_items: bool = False) -> list[Delivery]:
        def due(d: Delivery) -> bool:
            free = d.locked_until is None or d.locked_until < now
            if digest_items:
                kind = d.status == QUEUED and d.digest_on is not None and d.digest_id is None
            else:
                kind = d.status in PENDING and d.digest_on is None
            return kind and free and d.next_attempt_at is not None and d.next_attempt_at <= now

        claimed = sorted(filter(due, self.deliveries), key=lambda d: d.next_attempt_at or now)[:limit]
        token = str(uuid.uuid4())
        for delivery in claimed:
            delivery.locked_until, delivery.lock_token = now + lease, token
        return claimed

    def pending_for(self, recipient_ids: list[UUID], notification_type: str | None = None) -> list[Delivery]:
        return [
            d
            for d in self.deliveries
            if d.recipient_id in recipient_ids and d.pending and (notification_type in (None, d.type))
        ]

    def items_of_digest(self, digest_id: UUID) -> list[Delivery]:
        return [d for d in self.deliveries if d.digest_id == digest_id]

    def search(self, query: LedgerQuery) -> list[Delivery]:
        found = [
            d
            for d in self.deliveries
            if (query.status is None or d.status == query.status)
            and (query.channel is None or d.channel == query.channel)
            and (query.recipient_id is None or d.recipient_id == query.recipient_id)
            and (query.type is None or d.type == query.type)
        ]
        return _newest_first(found, query.after, query.limit)


class FakeRecipientRepository:
    def __init__(self) -> None:
        self.recipients: dict[UUID, Recipient] = {}

    def add(self, recipient: Recipient) -> None:
        self.recipients[recipient.id] = recipient

    def get(self, recipient_id: UUID) -> Recipient | None:
        return self.recipients.get(recipient_id)

    def get_many(self, recipient_ids: list[UUID]) -> dict[UUID, Recipient]:
        return {i: self.recipients[i] for i in recipient_ids if i in self.recipients}


class FakePreferenceRepository:
    def __init__(self) -> None:
        self.preferences: dict[tuple[UUID, str], Preference] = {}

    def add(self, preference: Preference) -> None:
        self.preferences[(preference.recipient_id, preference.type)] = preference

    def get(self, recipient_id: UUID, notification_type: str) -> Preference | None:
        return self.preferences.get((recipient_id, notification_type))

    def for_type(self, recipient_ids: list[UUID], notification_type: str) -> dict[UUID, Preference]:
        return {i: p for i in recipient_ids if (p := self.preferences.get((i, notification_type))) is not None}

    def of_recipient(self, recipient_id: UUID) -> list[Preference]:
        return sorted((p for (r, _), p in self.preferences.items() if r == recipient_id), key=lambda p: p.type)


class FakeEndpointRepository:
    def __init__(self) -> None:
        self.endpoints: list[WebhookEndpoint] = []

    def add(self, endpoint: WebhookEndpoint) -> None:
        self.endpoints.append(endpoint)

    def get(self, endpoint_id: UUID) -> WebhookEndpoint | None:
        return next((e for e in self.endpoints if e.id == endpoint_id), None)

    def of_owner(self, owner_id: UUID) -> list[WebhookEndpoint]:
        return [e for e in self.endpoints if e.owner_id == owner_id]

    def of_owners(self, owner_ids: list[UUID]) -> dict[UUID, list[WebhookEndpoint]]:
        return {i: mine for i in owner_ids if (mine := self.of_owner(i))}


class FakeAudienceRepository:
    def __init__(self) -> None:
        self.audiences: dict[tuple[UUID, UUID], Audience] = {}

    def remember_many(self, audiences: list[Audience]) -> None:
        for audience in audiences:
            self.audiences[(audience.opportunity_id, audience.centre_id)] = audience

    def of_opportunity(self, opportunity_id: UUID) -> list[Audience]:
        return [a for (o, _), a in sorted(self.audiences.items(), key=lambda kv: str(kv[0])) if o == opportunity_id]

    def find(self, opportunity_id: UUID, centre_id: UUID) -> Audience | None:
        return self.audiences.get((opportunity_id, centre_id))


class FakeParticipantRepository:
    def __init__(self) -> None:
        self.participants: dict[UUID, Participant] = {}
        self.events: dict[UUID, EventCopy] = {}

    def add(self, participant: Participant) -> None:
        self.participants[participant.registration_id] = participant

    def get(self, registration_id: UUID) -> Participant | None:
        return self.participants.get(registration_id)

    def of_event(self, event_id: UUID) -> list[Participant]:
        return [p for p in self.participants.values() if p.event_id == event_id]

    def remove(self, participant: Participant) -> None:
        del self.participants[participant.registration_id]

    def get_event(self, event_id: UUID) -> EventCopy | None:
        return self.events.get(event_id)

    find_event = get_event

    def add_event(self, event: EventCopy) -> None:
        self.events[event.event_id] = event

    def flush(self) -> None:
        """Nothing to write ahead in memory."""


class FakeDeadlineRepository:
    def __init__(self) -> None:
        self.deadlines: dict[UUID, Deadline] = {}
        self.claims: dict[tuple[UUID, UUID], Claim] = {}

    def get(self, opportunity_id: UUID) -> Deadline | None:
        return self.deadlines.get(opportunity_id)

    def add(self, deadline: Deadline) -> None:
        self.deadlines[deadline.opportunity_id] = deadline

    def get_claim(self, opportunity_id: UUID, centre_id: UUID) -> Claim | None:
        return self.claims.get((opportunity_id, centre_id))

    def add_claim(self, claim: Claim) -> None:
        self.claims[(claim.opportunity_id, claim.centre_id)] = claim

    def claims_of(self, opportunity_id: UUID) -> list[Claim]:
        return [c for (o, _), c in self.claims.items() if o == opportunity_id]


class FakeUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.notifications = FakeNotificationRepository()
        self.deliveries = FakeDeliveryRepository()
        self.recipients = FakeRecipientRepository()
        self.preferences = FakePreferenceRepository()
        self.endpoints = FakeEndpointRepository()
        self.audience = FakeAudienceRepository()
        self.participants = FakeParticipantRepository()
        self.deadlines = FakeDeadlineRepository()
        self.queued_deliveries = False
        self.default_digest_hour = 7


@dataclass
class FakeMailer:
    sent: list[Email] = field(default_factory=list)
    failures: list[MailError] = field(default_factory=list)

    def send(self, email: Email) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(email)


@dataclass
class FakeWebhooks:
    statuses: list[int | Exception] = field(default_factory=list)
    posted: list[tuple[str, dict[str, str], str]] = field(default_factory=list)

    def post(self, url: str, headers: dict[str, str], body: str) -> int:
        self.posted.append((url, headers, body))
        answer = self.statuses.pop(0) if self.statuses else 204
        if isinstance(answer, Exception):
            raise answer
        return answer


class PlainSealer:
    def seal(self, secret: bytes) -> str:
        return secret.hex()

    def unseal(self, sealed: str) -> bytes:
        return bytes.fromhex(sealed)


@dataclass
class FakeDirectory:
    emails: dict[UUID, str] = field(default_factory=dict)
    down: bool = False
    participant_lookups: int = 0

    def email_of(self, recipient_type: str, recipient_id: UUID) -> str | None:
        if self.down:
            raise DirectoryUnavailable("centres did not answer")
        return self.emails.get(recipient_id)

    def participant_email(self, centre_id: UUID, event_id: UUID, registration_id: UUID) -> str | None:
        self.participant_lookups += 1
        return self.email_of("participant", registration_id)


class FakeLinks:
    def unsubscribe_url(self, recipient_id: UUID, recipient_type: str, notification_type: str) -> str:
        return f"https://lowe.example/unsubscribe?r={recipient_id}&t={notification_type}"


def fake_channels(**changes: Any) -> Channels:
    parts: dict[str, Any] = {
        "mailer": FakeMailer(),
        "webhooks": FakeWebhooks(),
        "sealer": PlainSealer(),
        "directory": FakeDirectory(),
        "links": FakeLinks(),
        "policy": RetryPolicy(max_attempts=3, base_seconds=10, cap_seconds=100, jitter=lambda ceiling: ceiling),
    }
    parts.update(changes)
    return Channels(**parts)


__all__ = ["MailError", "WebhookError"]
