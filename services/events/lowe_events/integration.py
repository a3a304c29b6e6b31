"""Turns domain events into the integration events this service publishes (its contracts). Ids, never people."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from lowe_backbone.contracts import events as contract
from lowe_events.model import (
    Event,
    EventCancelled,
    EventChanged,
    EventScheduled,
    ParticipantErased,
    RegistrationCancelled,
    RegistrationConfirmed,
    RegistrationPromoted,
    RegistrationWaitlisted,
    Session,
)


def _reference(event: Event) -> dict[str, Any]:
    return {
        "event_id": event.id,
        "centre_id": event.centre_id,
        "partner_id": event.partner_id,
        "opportunity_id": event.opportunity_id,
    }


def _details(event: Event, sessions: list[Session]) -> dict[str, Any]:
    return {
        **_reference(event),
        "title": event.title,
        "kind": event.kind,
        "capacity": event.capacity,
        "sessions": [
            {"session_id": session.id, "starts_at": session.starts_at, "ends_at": session.ends_at}
            for session in sorted(sessions, key=lambda session: session.starts_at)
        ],
        "location": {"kind": event.location_kind, "address": event.location_address, "url": event.location_url},
        "languages": list(event.languages),
        "target_groups": list(event.target_groups),
        "accessibility": list(event.accessibility),
    }


def to_integration_event(event: object) -> tuple[str, int, dict[str, Any]]:
    match event:
        case EventScheduled():
            return (
                contract.EVENT_SCHEDULED,
                1,
                {**_details(event.event, event.sessions), "scheduled_at": event.scheduled_at},
            )
        case EventChanged():
            data = _details(event.event, event.sessions)
            data.update(
                changed=event.changed,
                confirmed=event.confirmed,
                waitlisted=event.waitlisted,
                changed_at=event.changed_at,
            )
            return contract.EVENT_CHANGED, 1, data
        case EventCancelled():
            data = {**_reference(event.event), "title": event.event.title, "reason": event.reason}
            data.update(confirmed=event.confirmed, waitlisted=event.waitlisted, cancelled_at=event.cancelled_at)
            return contract.EVENT_CANCELLED, 1, data
        case RegistrationConfirmed():
            return contract.REGISTRATION_CONFIRMED, 1, {**asdict(event.ids), "confirmed_at": event.confirmed_at}
        case RegistrationWaitlisted():
            data = {**asdict(event.ids), "position": event.position, "waitlisted_at": event.waitlisted_at}
            return contract.REGISTRATION_WAITLISTED, 1, data
        case RegistrationPromoted():
            return contract.REGISTRATION_PROMOTED, 1, {**asdict(event.ids), "promoted_at": event.promoted_at}
        case RegistrationCancelled():
            data = {**asdict(event.ids), "previous_status": event.previous_status, "reason": event.reason}
            return contract.REGISTRATION_CANCELLED, 1, {**data, "cancelled_at": event.cancelled_at}
        case ParticipantErased():
            return contract.PARTICIPANT_ERASED, 1, asdict(event)
    raise TypeError(f"no integration event for {type(event).__name__}")
