"""An event at a centre: what, when (its sessions), where, for how many, and its lifecycle."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from lowe_events.model.domain_events import EventCancelled, EventChanged, EventScheduled, ParticipantErased
from lowe_events.model.errors import EventNotChangeable
from lowe_events.model.schedule import Session

SCHEDULED, CANCELLED = "scheduled", "cancelled"
OWN, FROM_OPPORTUNITY = "own", "opportunity"


@dataclass(eq=False)
class Event:
    """`origin` is `own` or `opportunity` (then `partner_id` and `opportunity_id` name where it came from).
    `location_kind`: `centre` (the centre's own address), `address` (`location_address`), `online` (`location_url`).
    `last_sequence` numbers the registrations in the order they came, under the event's row lock: the waiting
    line is served in that order."""

    id: UUID
    centre_id: UUID
    title: str
    kind: str
    capacity: int
    created_at: datetime
    description: str = ""
    origin: str = OWN
    partner_id: UUID | None = None
    opportunity_id: UUID | None = None
    location_kind: str = "centre"
    location_address: str | None = None
    location_url: str | None = None
    languages: list[str] = field(default_factory=lambda: ["pl"])
    target_groups: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    accessibility_notes: str | None = None
    organiser: str | None = None
    status: str = SCHEDULED
    updated_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    last_sequence: int = 0
    events: list[object] = field(default_factory=list)

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED

    def scheduled(self, sessions: list[Session], at: datetime) -> None:
        self.events.append(EventScheduled(self, list(sessions), at))

    def next_sequence(self) -> int:
        self.last_sequence += 1
        return self.last_sequence

    def require_open(self) -> None:
        if self.cancelled:
            raise EventNotChangeable("The event is cancelled.")

    def change(self, details: dict[str, Any], at: datetime) -> list[str]:
        """Applies the details given; returns the names of those that differ from before."""
        self.require_open()
        changed = [name for name, value in details.items() if getattr(self, name) != value]
        for name in changed:
            setattr(self, name, details[name])
        if changed:
            self.updated_at = at
        return changed

    def changed(
        self, sessions: list[Session], changed: list[str], confirmed: int, waitlisted: int, at: datetime
    ) -> None:
        self.events.append(EventChanged(self, list(sessions), sorted(changed), confirmed, waitlisted, at))

    def cancel(self, reason: str | None, confirmed: int, waitlisted: int, at: datetime) -> None:
        self.require_open()
        self.status, self.cancelled_at, self.cancel_reason, self.updated_at = CANCELLED, at, reason, at
        self.events.append(EventCancelled(self, reason, confirmed, waitlisted, at))

    def erased(self, registration_ids: list[UUID], at: datetime) -> None:
        self.events.append(ParticipantErased(self.id, self.centre_id, list(registration_ids), at))
