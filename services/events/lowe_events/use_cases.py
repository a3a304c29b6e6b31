"""The events service's use cases about events and the places centres hold: `verb_noun(cmd, uow)`.

Registrations are in `registration_use_cases`, attendance, reports and calendars in `report_use_cases`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from lowe_events.commands import Actor, CancelEvent, ChangeEvent, CreateEvent, Slots
from lowe_events.model import (
    FROM_OPPORTUNITY,
    Allocation,
    Event,
    EventNotChangeable,
    EventNotFound,
    OpportunityNotHeld,
    Roster,
    Session,
)
from lowe_events.ports import Clock, UnitOfWork, utc_now
from lowe_events.queries import Cursor, EventListQuery


@dataclass(frozen=True)
class EventOverview:
    """An event with its sessions and how many hold or await a place: no participant data."""

    event: Event
    sessions: list[Session]
    confirmed: int
    waitlisted: int


@dataclass(frozen=True)
class EventPage:
    items: list[EventOverview]
    next_cursor: Cursor | None  # None on the last page


@dataclass(frozen=True)
class AllocationChange:
    interest_id: uuid.UUID
    opportunity_id: uuid.UUID
    partner_id: uuid.UUID
    centre_id: uuid.UUID
    places: int  # allocated, or still held after a release
    released: bool
    at: datetime


def visible_event(actor: Actor, event_id: uuid.UUID, uow: UnitOfWork, lock: bool = False) -> Event:
    """The event, if the actor may see it: another centre's event is as unknown as one that does not exist."""
    event = uow.events.get_for_update(event_id) if lock else uow.events.get(event_id)
    if event is None or not (actor.operator or event.centre_id == actor.centre_id):
        raise EventNotFound(str(event_id))
    return event


def roster_of(event: Event, uow: UnitOfWork) -> Roster:
    return Roster(event, uow.registrations.of_events([event.id]))


def overview(event: Event, uow: UnitOfWork) -> EventOverview:
    roster = roster_of(event, uow)
    return EventOverview(event, uow.events.sessions_of([event.id]), len(roster.confirmed), len(roster.waiting))


def _sessions(event_id: uuid.UUID, slots: Slots) -> list[Session]:
    return [Session(uuid.uuid4(), event_id, starts_at, ends_at) for starts_at, ends_at in slots]


def create_event(cmd: CreateEvent, uow: UnitOfWork, now: Clock = utc_now) -> EventOverview:
    """From an opportunity only while the centre holds places in it; it then names the partner and opportunity."""
    centre_id = cmd.actor.centre_id
    assert centre_id is not None, "an event is created by a centre"  # create_event_command requires it
    with uow:
        at = now()
        event = Event(id=uuid.uuid4(), centre_id=centre_id, created_at=at, **cmd.details)
        if cmd.opportunity_id is not None:
            held = uow.allocations.held(centre_id, cmd.opportunity_id)
            if not held:
                raise OpportunityNotHeld(str(cmd.opportunity_id))
            event.origin, event.opportunity_id, event.partner_id = (
                FROM_OPPORTUNITY,
                cmd.opportunity_id,
                held[0].partner_id,
            )
        sessions = _sessions(event.id, cmd.slots)
        uow.events.add(event, sessions)
        event.scheduled(sessions, at)
        uow.commit()
    return EventOverview(event, sessions, 0, 0)


def get_event(actor: Actor, event_id: uuid.UUID, uow: UnitOfWork) -> EventOverview:
    with uow:
        return overview(visible_event(actor, event_id, uow), uow)


def list_events(query: EventListQuery, uow: UnitOfWork) -> EventPage:
    """A page of events, each with its sessions and counts, by first session start then id."""
    with uow:
        found = uow.events.page(query, query.page_size + 1)
        page = found[: query.page_size]
        ids = [event.id for event, _ in page]
        sessions = uow.events.sessions_of(ids)
        registrations = uow.registrations.of_events(ids)
        overviews = []
        for event, _ in page:
            roster = Roster(event, [r for r in registrations if r.event_id == event.id])
            mine = [session for session in sessions if session.event_id == event.id]
            overviews.append(EventOverview(event, mine, len(roster.confirmed), len(roster.waiting)))
    following = (page[-1][1], page[-1][0].id) if len(found) > query.page_size else None
    return EventPage(overviews, following)


def change_event(cmd: ChangeEvent, uow: UnitOfWork, now: Clock = utc_now) -> EventOverview:
    """Changes what is given. A new capacity below the confirmed places is refused; a larger one lets the waiting
    line move up. New sessions replace the schedule: sessions kept at the same times keep their attendance, and
    removing one with attendance recorded is refused."""
    with uow:
        at = now()
        event = visible_event(cmd.actor, cmd.event_id, uow, lock=True)
        event.require_open()
        roster = roster_of(event, uow)
        details = dict(cmd.details)
        capacity = details.pop("capacity", event.capacity)
        changed = event.change(details, at)
        if capacity != event.capacity:
            roster.resize(capacity, at)
            changed.append("capacity")
        sessions = uow.events.sessions_of([event.id])
        if cmd.slots is not None and [s.slot for s in sessions] != list(cmd.slots):
            sessions = _reschedule(event, sessions, cmd.slots, uow)
            changed.append("sessions")
        if changed:
            event.updated_at = at
            event.changed(sessions, changed, len(roster.confirmed), len(roster.waiting), at)
        uow.commit()
        return EventOverview(event, sessions, len(roster.confirmed), len(roster.waiting))


def _reschedule(event: Event, sessions: list[Session], slots: Slots, uow: UnitOfWork) -> list[Session]:
    kept = [session for session in sessions if session.slot in slots]
    removed = [session for session in sessions if session.slot not in slots]
    if uow.attendance.of_sessions([session.id for session in removed]):
        raise EventNotChangeable("A session with attendance recorded cannot be removed.")
    added = _sessions(event.id, [slot for slot in slots if slot not in {s.slot for s in kept}])
    uow.events.replace_sessions(removed, added)
    return sorted(kept + added, key=lambda session: session.starts_at)


def cancel_event(cmd: CancelEvent, uow: UnitOfWork, now: Clock = utc_now) -> EventOverview:
    """Registrations stay as they were, so whoever tells the participants knows whom; nobody registers any more."""
    with uow:
        event = visible_event(cmd.actor, cmd.event_id, uow, lock=True)
        roster = roster_of(event, uow)
        event.cancel(cmd.reason, len(roster.confirmed), len(roster.waiting), now())
        uow.commit()
        return overview(event, uow)


def record_allocation(change: AllocationChange, uow: UnitOfWork) -> Allocation:
    """From `places_allocated` and `places_released`, whichever arrives first; the latest change wins."""
    with uow:
        allocation = uow.allocations.get(change.interest_id)
        if allocation is None:
            allocation = Allocation(
                change.interest_id,
                change.opportunity_id,
                change.partner_id,
                change.centre_id,
                change.places,
                not change.released or change.places > 0,
                change.at,
            )
            uow.allocations.add(allocation)
        elif change.released:
            allocation.released(change.places, change.at)
        else:
            allocation.allocated(change.places, change.at)
        uow.commit()
        return allocation


def list_allocations(centre_id: uuid.UUID, uow: UnitOfWork) -> list[Allocation]:
    with uow:
        return uow.allocations.of_centre(centre_id)
