"""What the events service returns over RPC: plain JSON types only. Participant data appears only in
`participants_view`, which only the organising centre's calls reach."""

from __future__ import annotations

from typing import Any

from lowe_events.model import Allocation, Mark, Session, hours, local
from lowe_events.queries import encode_cursor
from lowe_events.registration_use_cases import Participant, Placement
from lowe_events.use_cases import EventOverview, EventPage


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def session_view(session: Session) -> dict[str, Any]:
    return {
        "id": str(session.id),
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "local_starts_at": local(session.starts_at).isoformat(),
        "local_ends_at": local(session.ends_at).isoformat(),
        "hours": hours(session.minutes),
    }


def event_view(item: EventOverview) -> dict[str, Any]:
    event = item.event
    return {
        "id": str(event.id),
        "centre_id": str(event.centre_id),
        "title": event.title,
        "description": event.description,
        "kind": event.kind,
        "origin": event.origin,
        "partner_id": None if event.partner_id is None else str(event.partner_id),
        "opportunity_id": None if event.opportunity_id is None else str(event.opportunity_id),
        "sessions": [session_view(session) for session in item.sessions],
        "location": {"kind": event.location_kind, "address": event.location_address, "url": event.location_url},
        "capacity": event.capacity,
        "confirmed": item.confirmed,
        "waitlisted": item.waitlisted,
        "free_places": max(event.capacity - item.confirmed, 0),
        "languages": list(event.languages),
        "target_groups": list(event.target_groups),
        "accessibility": list(event.accessibility),
        "accessibility_notes": event.accessibility_notes,
        "organiser": event.organiser,
        "status": event.status,
        "cancel_reason": event.cancel_reason,
        "created_at": event.created_at.isoformat(),
        "updated_at": _iso(event.updated_at),
        "cancelled_at": _iso(event.cancelled_at),
    }


def events_page_view(page: EventPage) -> dict[str, Any]:
    return {"items": [event_view(item) for item in page.items], "next_cursor": encode_cursor(page.next_cursor)}


def placement_view(placement: Placement) -> dict[str, Any]:
    """What the registering centre is told: the registration's state, never echoing the demographics."""
    registration = placement.registration
    return {
        "id": str(registration.id),
        "event_id": str(registration.event_id),
        "status": registration.status,
        "position": placement.position,
        "registered_at": registration.registered_at.isoformat(),
        "confirmed_at": _iso(registration.confirmed_at),
        "cancelled_at": _iso(registration.cancelled_at),
        "erased": registration.erased,
    }


def _mark_view(mark: Mark) -> dict[str, Any]:
    return {"session_id": str(mark.session_id), "present": mark.present, "marked_at": mark.marked_at.isoformat()}


def participants_view(participants: list[Participant]) -> dict[str, Any]:
    items = []
    for participant in participants:
        registration = participant.registration
        item = placement_view(Placement(registration, participant.position))
        item.update(
            sequence=registration.sequence,
            name=registration.name,
            email=registration.email,
            phone=registration.phone,
            language=registration.language,
            consent={"version": registration.consent_version, "given_at": registration.consent_at.isoformat()},
            demographics=_demographics(participant),
            attendance=[_mark_view(mark) for mark in participant.marks],
            hours=hours(participant.attended_minutes),
            erased_at=_iso(registration.erased_at),
        )
        items.append(item)
    return {"items": items}


def _demographics(participant: Participant) -> dict[str, Any] | None:
    registration = participant.registration
    if not registration.demographics_consented:
        return None
    return {
        "consent": {
            "version": registration.demographics_consent_version,
            "given_at": _iso(registration.demographics_consent_at),
        },
        "health_data_consent": registration.health_data_consent,
        "age_band": registration.age_band,
        "gender": registration.gender,
        "labour_market_status": registration.labour_market_status,
        "target_groups": list(registration.target_groups),
        "disability": registration.disability,
    }


def attendance_view(marks: list[Mark]) -> dict[str, Any]:
    return {"items": [{"registration_id": str(mark.registration_id), **_mark_view(mark)} for mark in marks]}


def allocations_view(allocations: list[Allocation]) -> dict[str, Any]:
    return {
        "items": [
            {
                "interest_id": str(allocation.interest_id),
                "opportunity_id": str(allocation.opportunity_id),
                "partner_id": str(allocation.partner_id),
                "places": allocation.places,
                "held": allocation.held,
                "changed_at": allocation.changed_at.isoformat(),
            }
            for allocation in allocations
        ]
    }
