"""What the service tells: a notice (one fact for one recipient) and the in-app notification it becomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

CENTRE = "centre"
PARTNER = "partner"
ACCOUNT = "account"  # a person's portal account (its invitation and password resets), named by its address
PARTICIPANT = "participant"  # an adult registered for a centre's event: named by the registration's id only
RECIPIENT_TYPES = (CENTRE, PARTNER)

# every notification type, by whom it concerns
CENTRE_TYPES = (
    "opportunity_matched",
    "opportunity_unmatched",
    "allocation_decided",
    "opportunity_withdrawn",
    "deadline_closing",
)
PARTNER_TYPES = ("interest_expressed", "places_released", "interest_withdrawn", "partner_verified", "partner_suspended")
ORGANISATION_TYPES = CENTRE_TYPES + PARTNER_TYPES
PARTICIPANT_TYPES = (
    "registration_confirmed",
    "registration_waitlisted",
    "registration_promoted",
    "event_changed",
    "event_cancelled",
    "session_reminder",
)
NOTIFICATION_TYPES = ORGANISATION_TYPES + PARTICIPANT_TYPES
# security and verification: always sent at once, whatever the digest settings say
CRITICAL_TYPES = frozenset({"partner_verified", "partner_suspended"})


class NotificationNotFound(Exception):
    pass


class RecipientMismatch(Exception):
    """An object asked for on behalf of a recipient it does not belong to (answered as not found)."""


@dataclass(frozen=True)
class MatchedOpportunity:
    """What `opportunity_matched` says: who, what and why; the rest is context (not part of its identity)."""

    centre_id: UUID
    opportunity_id: UUID
    title: str
    kind: str
    partner_name: str
    topics: list[str]
    region: str
    subscriptions: list[str]
    centre_name: str = field(default="", compare=False)
    delivery: str | None = field(default=None, compare=False)
    recommended: bool = field(default=False, compare=False)
    matched_at: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Notice:
    """One fact to tell one recipient, from one source event. `data` is what the templates render."""

    source_event_id: str
    recipient_id: UUID
    recipient_type: str
    type: str
    data: dict[str, Any]
    occurred_at: datetime
    # the producer's own delivery hint (centres' subscriptions), used when the recipient set no preference
    suggested_mode: str | None = None
    email_hint: str | None = None  # an address the event itself carries (the partner's organisation e-mail)


@dataclass(eq=False)
class Notification:
    """An entry in an organisation's in-app inbox."""

    id: UUID
    recipient_id: UUID
    recipient_type: str
    type: str
    title: str
    body: str
    data: dict[str, Any]
    source_event_id: str
    created_at: datetime
    read_at: datetime | None = None

    def mark_read(self, at: datetime) -> None:
        if self.read_at is None:
            self.read_at = at
