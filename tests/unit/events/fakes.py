"""In-memory stand-ins for the events service's repositories and unit of work, and builders for its commands."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from lowe_events import commands, registration_use_cases, use_cases
from lowe_events.model import Allocation, Event, Mark, Registration, Session
from lowe_events.queries import EventListQuery
from tests.unit.fakes import FakeUnitOfWorkBase

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CONSENT = {"version": "rodo-2026-01", "given": True}


class FakeEventRepository:
    def __init__(self) -> None:
        self.events: dict[UUID, Event] = {}
        self.sessions: list[Session] = []
        self.seen: list[Event] = []
        self.locked: list[UUID] = []

    def add(self, event: Event, sessions: list[Session]) -> None:
        self.events[event.id] = event
        self.sessions.extend(sessions)
        self._track(event)

    def get(self, event_id: UUID) -> Event | None:
        return self._track(self.events.get(event_id))

    def get_for_update(self, event_id: UUID) -> Event | None:
        self.locked.append(event_id)
        return self.get(event_id)

    def sessions_of(self, event_ids: list[UUID]) -> list[Session]:
        return sorted((s for s in self.sessions if s.event_id in event_ids), key=lambda s: s.starts_at)

    def replace_sessions(self, remove: list[Session], add: list[Session]) -> None:
        self.sessions = [s for s in self.sessions if s not in remove] + list(add)

    def of_centre(self, centre_id: UUID) -> list[Event]:
        return [event for event in self.events.values() if event.centre_id == centre_id]

    def of_partner(self, partner_id: UUID) -> list[Event]:
        return [event for event in self.events.values() if event.partner_id == partner_id]

    def of_scope(self, centre_id: UUID | None, partner_id: UUID | None) -> list[Event]:
        return [
            event
            for event in self.events.values()
            if centre_id in (None, event.centre_id) and partner_id in (None, event.partner_id)
        ]

    def page(self, query: EventListQuery, limit: int) -> list[tuple[Event, datetime]]:
        found = []
        for event in self.events.values():
            starts = [s.starts_at for s in self.sessions_of([event.id])]
            if not starts or query.centre_id not in (None, event.centre_id):
                continue
            if not any(_within(at, query.starts, query.ends) for at in starts):
                continue
            if query.after is None or (starts[0], event.id) > query.after:
                found.append((event, starts[0]))
        return sorted(found, key=lambda item: (item[1], item[0].id))[:limit]

    def sessions_between(self, centre_id: UUID, starts: datetime, ends: datetime) -> list[Session]:
        raise NotImplementedError("tested against a database")

    def _track(self, event: Event | None) -> Event | None:
        if event is not None and event not in self.seen:
            self.seen.append(event)
        return event


def _within(at: datetime, starts: datetime | None, ends: datetime | None) -> bool:
    return (starts is None or at >= starts) and (ends is None or at < ends)


class FakeRegistrationRepository:
    def __init__(self) -> None:
        self.registrations: list[Registration] = []

    def add(self, registration: Registration) -> None:
        self.registrations.append(registration)

    def get(self, registration_id: UUID) -> Registration | None:
        return next((r for r in self.registrations if r.id == registration_id), None)

    def of_events(self, event_ids: list[UUID]) -> list[Registration]:
        return [r for r in self.registrations if r.event_id in event_ids]

    def of_person(self, centre_id: UUID | None, email: str | None, phone: str | None) -> list[Registration]:
        return [r for r in self.registrations if centre_id in (None, r.centre_id) and r.same_person(email, phone)]


class FakeAttendanceRepository:
    def __init__(self) -> None:
        self.marks: dict[tuple[UUID, UUID], Mark] = {}

    def of_sessions(self, session_ids: list[UUID]) -> list[Mark]:
        return [mark for mark in self.marks.values() if mark.session_id in session_ids]

    def record(self, mark: Mark) -> None:
        self.marks[(mark.session_id, mark.registration_id)] = mark


class FakeAllocationRepository:
    def __init__(self) -> None:
        self.allocations: dict[UUID, Allocation] = {}

    def get(self, interest_id: UUID) -> Allocation | None:
        return self.allocations.get(interest_id)

    def add(self, allocation: Allocation) -> None:
        self.allocations[allocation.interest_id] = allocation

    def held(self, centre_id: UUID, opportunity_id: UUID) -> list[Allocation]:
        return [
            a
            for a in self.allocations.values()
            if a.centre_id == centre_id and a.opportunity_id == opportunity_id and a.held
        ]

    def of_centre(self, centre_id: UUID) -> list[Allocation]:
        return [a for a in self.allocations.values() if a.centre_id == centre_id]


class FakeUnitOfWork(FakeUnitOfWorkBase):
    """`events` is the events repository here (as in the real unit of work); what was committed is `published`."""

    def __init__(self) -> None:
        super().__init__()
        self.published: list[object] = []
        self.events = FakeEventRepository()  # type: ignore[assignment]
        self.registrations = FakeRegistrationRepository()
        self.attendance = FakeAttendanceRepository()
        self.allocations = FakeAllocationRepository()

    def commit(self) -> None:
        for event in self.events.seen:
            while event.events:
                self.published.append(event.events.pop(0))
        self.committed = True

    def reset(self) -> None:
        self.committed = False
        self.published.clear()


def clock(at: datetime = NOW) -> Any:
    return lambda: at


def event_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Komputer bez tajemnic",
        "kind": "course",
        "capacity": 2,
        "sessions": [{"starts_at": "2026-03-10T17:00", "ends_at": "2026-03-10T19:00"}],
    }
    body.update(changes)
    return body


def person(number: int, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": f"Osoba {number}", "email": f"osoba{number}@example.pl", "consent": CONSENT}
    body.update(changes)
    return body


def new_centre() -> str:
    return str(uuid.uuid4())


def create_event(uow: FakeUnitOfWork, centre: str, **changes: Any) -> Any:
    return use_cases.create_event(commands.create_event_command(centre, event_body(**changes)), uow, clock())


def register(uow: FakeUnitOfWork, centre: str, event_id: Any, number: int, **changes: Any) -> Any:
    cmd = commands.register_command(centre, str(event_id), person(number, **changes))
    return registration_use_cases.register_participant(cmd, uow, clock())
