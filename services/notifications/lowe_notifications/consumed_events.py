"""How the notifications service reads the events service's events: events and registrations, ids and states only
(no payload names a person or holds a contact; `contact_channel` says only whether an e-mail was given)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from marshmallow import EXCLUDE, Schema, fields

from lowe_notifications.model import LANGUAGES
from lowe_notifications.model.participants import CANCELLED, CONFIRMED, WAITLISTED, EventCopy

# registration event -> (the registration's status after it, the notification, the event's time field)
REGISTRATION_NEWS = {
    "registration_confirmed": (CONFIRMED, "registration_confirmed", "confirmed_at"),
    "registration_waitlisted": (WAITLISTED, "registration_waitlisted", "waitlisted_at"),
    "registration_promoted": (CONFIRMED, "registration_promoted", "promoted_at"),
    "registration_cancelled": (CANCELLED, None, "cancelled_at"),
}
EVENT_TIME = {"event_scheduled": "scheduled_at", "event_changed": "changed_at", "event_cancelled": "cancelled_at"}


class _Tolerant(Schema):
    class Meta:
        unknown = EXCLUDE


class _Session(_Tolerant):
    session_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)


class _Location(_Tolerant):
    kind = fields.String(load_default="centre")
    address = fields.String(allow_none=True, load_default=None)
    url = fields.String(allow_none=True, load_default=None)


class _Event(_Tolerant):
    event_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)
    title = fields.String(required=True)
    sessions = fields.List(fields.Nested(_Session), load_default=list)
    location = fields.Nested(_Location, load_default=dict)
    reason = fields.String(allow_none=True, load_default=None)


class _Registration(_Tolerant):
    registration_id = fields.UUID(required=True)
    event_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)
    contact_channel = fields.String(required=True, allow_none=True)
    position = fields.Integer(allow_none=True, load_default=None)
    language = fields.String(allow_none=True, load_default=None)  # added later in v1: absent means `pl`


def _with_time(base: type[Schema], time_field: str) -> type[Schema]:
    return type(f"{base.__name__}_{time_field}", (base,), {time_field: fields.AwareDateTime(required=True)})


_EVENT_SCHEMAS = {event_type: _with_time(_Event, field) for event_type, field in EVENT_TIME.items()}
_REGISTRATION_SCHEMAS = {t: _with_time(_Registration, news[2]) for t, news in REGISTRATION_NEWS.items()}


@dataclass(frozen=True)
class EventNews:
    event_id: str  # the source event's id
    kind: str  # event_scheduled, event_changed or event_cancelled
    copy: EventCopy
    reason: str | None


def event_news(source_event_id: str, event_type: str, data: dict[str, Any]) -> EventNews:
    loaded = _EVENT_SCHEMAS[event_type]().load(data)
    sessions = sorted(loaded["sessions"], key=lambda session: session["starts_at"])
    copy = EventCopy(
        event_id=loaded["event_id"],
        centre_id=loaded["centre_id"],
        title=loaded["title"],
        sessions=[
            {
                "session_id": str(s["session_id"]),
                "starts_at": s["starts_at"].isoformat(),
                "ends_at": s["ends_at"].isoformat(),
            }
            for s in sessions
        ],
        location=dict(loaded["location"]),
        cancelled=event_type == "event_cancelled",
        updated_at=loaded[EVENT_TIME[event_type]],
    )
    return EventNews(source_event_id, event_type, copy, loaded["reason"])


@dataclass(frozen=True)
class RegistrationNews:
    event_id: str  # the source event's id
    registration_id: UUID
    registration_event_id: UUID
    centre_id: UUID
    status: str
    notification_type: str | None
    by_email: bool
    position: int | None
    at: datetime
    language: str | None = None  # of the participant's messages; None when the event did not say


def registration_news(source_event_id: str, event_type: str, data: dict[str, Any]) -> RegistrationNews:
    status, notification_type, time_field = REGISTRATION_NEWS[event_type]
    loaded = _REGISTRATION_SCHEMAS[event_type]().load(data)
    return RegistrationNews(
        source_event_id,
        loaded["registration_id"],
        loaded["event_id"],
        loaded["centre_id"],
        status,
        notification_type,
        loaded["contact_channel"] == "email",
        loaded["position"],
        loaded[time_field],
        loaded["language"] if loaded["language"] in LANGUAGES else None,
    )


class _Erased(_Tolerant):
    event_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)
    registration_ids = fields.List(fields.UUID(), required=True)


def erased_registrations(data: dict[str, Any]) -> list[UUID]:
    return list(_Erased().load(data)["registration_ids"])
