"""Participants of the centres' events, as this service knows them: ids and state only, never a name or contact.

The contact stays in the events service (read when a message is actually sent), so an erasure has one place to
reach; `participant_erased` makes this service forget the registrations and drop what it had not sent yet.
Reminders are ledger rows due 24 hours before each session of a confirmed registration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
CANCELLED = "cancelled"
ERASED = "erased"  # only the id stays, so that late news cannot bring the registration back
REMINDER_BEFORE = timedelta(hours=24)
LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(eq=False)
class Participant:
    registration_id: UUID
    event_id: UUID
    centre_id: UUID
    status: str
    by_email: bool  # the person gave an e-mail (the events say only which channel, never the address)
    updated_at: datetime
    language: str = "pl"  # of their messages, as they registered (`pl` when the news did not say)

    def follow(self, status: str, by_email: bool, at: datetime, language: str | None = None) -> bool:
        """Takes news newer than what it knows (events arrive out of order); False when it was older, or erased."""
        if at < self.updated_at or self.status == ERASED:
            return False
        self.status, self.by_email, self.updated_at = status, by_email, at
        self.language = language or self.language
        return True

    @property
    def active(self) -> bool:
        return self.status in (CONFIRMED, WAITLISTED)


@dataclass(eq=False)
class EventCopy:
    event_id: UUID
    centre_id: UUID
    title: str
    sessions: list[dict[str, Any]]  # session_id, starts_at, ends_at (UTC ISO-8601), first first
    location: dict[str, Any]
    cancelled: bool
    updated_at: datetime

    @classmethod
    def placeholder(cls, event_id: UUID, centre_id: UUID) -> EventCopy:
        """Its registrations may come before the event itself: this row is locked by everything about the event, so
        news arriving at once on separate queues is taken one after the other (and no reminder is missed)."""
        return cls(event_id, centre_id, "", [], {}, False, LONG_AGO)

    def upcoming(self, now: datetime) -> list[dict[str, Any]]:
        """Sessions whose reminder time has not come yet."""
        return [s for s in self.sessions if datetime.fromisoformat(s["starts_at"]) - REMINDER_BEFORE > now]


def reminder_key(session: dict[str, Any]) -> str:
    """One reminder per session and start time: a session moved to another time gets a new one."""
    starts = datetime.fromisoformat(session["starts_at"])
    return f"reminder:{session['session_id']}:{starts:%Y%m%dT%H%M}"


def event_data(event: EventCopy | None, event_id: UUID, centre_id: UUID) -> dict[str, Any]:
    """What the participants' templates show about an event (the title is empty until its event arrives)."""
    data: dict[str, Any] = {"event_id": str(event_id), "centre_id": str(centre_id), "title": "", "where": ""}
    data.update(first_starts_at=None, sessions=[])
    if event is not None:
        location = event.location or {}
        data.update(title=event.title, where=location.get("address") or location.get("url") or "")
        data.update(sessions=[s["starts_at"] for s in event.sessions])
        data["first_starts_at"] = event.sessions[0]["starts_at"] if event.sessions else None
    return data
