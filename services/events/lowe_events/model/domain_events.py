"""What happens to events and registrations, as the domain records it. No personal data: ids and numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:
    from lowe_events.model.event import Event
    from lowe_events.model.registrations import Registration
    from lowe_events.model.schedule import Session


@dataclass(frozen=True)
class EventScheduled:
    event: Event
    sessions: list[Session]
    scheduled_at: datetime


@dataclass(frozen=True)
class EventChanged:
    event: Event
    sessions: list[Session]
    changed: list[str]
    confirmed: int
    waitlisted: int
    changed_at: datetime


@dataclass(frozen=True)
class EventCancelled:
    event: Event
    reason: str | None
    confirmed: int
    waitlisted: int
    cancelled_at: datetime


@dataclass(frozen=True)
class RegistrationIds:
    registration_id: UUID
    event_id: UUID
    centre_id: UUID
    contact_channel: str | None
    language: str  # of the messages the person gets

    @classmethod
    def of(cls, registration: Registration) -> RegistrationIds:
        ids = registration.id, registration.event_id, registration.centre_id
        return cls(*ids, registration.contact_channel, registration.language)


@dataclass(frozen=True)
class RegistrationConfirmed:
    ids: RegistrationIds
    confirmed_at: datetime


@dataclass(frozen=True)
class RegistrationWaitlisted:
    ids: RegistrationIds
    position: int
    waitlisted_at: datetime


@dataclass(frozen=True)
class RegistrationPromoted:
    ids: RegistrationIds
    promoted_at: datetime


@dataclass(frozen=True)
class RegistrationCancelled:
    ids: RegistrationIds
    previous_status: str
    reason: str  # cancelled or erased
    cancelled_at: datetime


@dataclass(frozen=True)
class ParticipantErased:
    event_id: UUID
    centre_id: UUID
    registration_ids: list[UUID]
    erased_at: datetime
