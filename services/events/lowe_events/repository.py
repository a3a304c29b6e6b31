"""Repositories for events (with their sessions), registrations, attendance marks and allocations.

Registrations are always read fresh (`populate_existing`): read after the event's row lock, they show what the
transaction that held the lock before committed, not a copy loaded earlier.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session as OrmSession

from lowe_events.model import Allocation, Event, Mark, Registration, Session
from lowe_events.orm import allocations, attendance, event_sessions, events, registrations
from lowe_events.queries import EventListQuery


class EventRepository(Protocol):
    seen: list[Event]

    def add(self, event: Event, sessions: list[Session]) -> None: ...
    def get(self, event_id: UUID) -> Event | None: ...
    def get_for_update(self, event_id: UUID) -> Event | None: ...
    def sessions_of(self, event_ids: list[UUID]) -> list[Session]: ...
    def replace_sessions(self, remove: list[Session], add: list[Session]) -> None: ...
    def of_centre(self, centre_id: UUID) -> list[Event]: ...
    def of_partner(self, partner_id: UUID) -> list[Event]: ...
    def of_scope(self, centre_id: UUID | None, partner_id: UUID | None) -> list[Event]: ...
    def page(self, query: EventListQuery, limit: int) -> list[tuple[Event, datetime]]: ...
    def sessions_between(self, centre_id: UUID, starts: datetime, ends: datetime) -> list[Session]: ...


class RegistrationRepository(Protocol):
    def add(self, registration: Registration) -> None: ...
    def get(self, registration_id: UUID) -> Registration | None: ...
    def of_events(self, event_ids: list[UUID]) -> list[Registration]: ...
    def of_person(self, centre_id: UUID | None, email: str | None, phone: str | None) -> list[Registration]: ...


class AttendanceRepository(Protocol):
    def of_sessions(self, session_ids: list[UUID]) -> list[Mark]: ...
    def record(self, mark: Mark) -> None: ...


class AllocationRepository(Protocol):
    def get(self, interest_id: UUID) -> Allocation | None: ...
    def add(self, allocation: Allocation) -> None: ...
    def held(self, centre_id: UUID, opportunity_id: UUID) -> list[Allocation]: ...
    def of_centre(self, centre_id: UUID) -> list[Allocation]: ...


class SqlAlchemyEventRepository:
    def __init__(self, session: OrmSession) -> None:
        self.session = session
        self.seen: list[Event] = []  # in the order first touched, so their events keep that order

    def add(self, event: Event, sessions: list[Session]) -> None:
        self.session.add(event)
        self.session.flush()  # the event's row first: its sessions refer to it
        self.session.add_all(sessions)
        self._track(event)

    def get(self, event_id: UUID) -> Event | None:
        return self._track(self.session.get(Event, event_id))

    def get_for_update(self, event_id: UUID) -> Event | None:
        """Locks the row (PostgreSQL): decisions about the event's places happen one after the other."""
        return self._track(self.session.get(Event, event_id, with_for_update=True, populate_existing=True))

    def sessions_of(self, event_ids: list[UUID]) -> list[Session]:
        if not event_ids:
            return []
        columns = event_sessions.c
        query = sa.select(Session).where(columns.event_id.in_(event_ids)).order_by(columns.starts_at, columns.id)
        return list(self.session.scalars(query))

    def replace_sessions(self, remove: list[Session], add: list[Session]) -> None:
        for session in remove:
            self.session.delete(session)
        self.session.flush()
        self.session.add_all(add)

    def of_centre(self, centre_id: UUID) -> list[Event]:
        return self._events(events.c.centre_id == centre_id)

    def of_partner(self, partner_id: UUID) -> list[Event]:
        return self._events(events.c.partner_id == partner_id)

    def of_scope(self, centre_id: UUID | None, partner_id: UUID | None) -> list[Event]:
        """One centre's, one partner's, that centre's from that partner, or (neither) every event."""
        conditions = [events.c.centre_id == centre_id] if centre_id is not None else []
        conditions += [events.c.partner_id == partner_id] if partner_id is not None else []
        return self._events(sa.and_(sa.true(), *conditions))

    def page(self, query: EventListQuery, limit: int) -> list[tuple[Event, datetime]]:
        """Events with their first session's start, by that start then id, after the cursor; `limit` of them."""
        columns = event_sessions.c
        first = (
            sa.select(columns.event_id, sa.func.min(columns.starts_at).label("first_starts_at"))
            .group_by(columns.event_id)
            .subquery()
        )
        statement = sa.select(Event, first.c.first_starts_at).join(first, first.c.event_id == events.c.id)
        if query.centre_id is not None:
            statement = statement.where(events.c.centre_id == query.centre_id)
        if query.starts is not None or query.ends is not None:
            within = sa.select(columns.id).where(columns.event_id == events.c.id)
            within = within.where(columns.starts_at >= query.starts) if query.starts is not None else within
            within = within.where(columns.starts_at < query.ends) if query.ends is not None else within
            statement = statement.where(within.exists())
        if query.after is not None:
            at, last_id = query.after
            statement = statement.where(
                sa.or_(first.c.first_starts_at > at, sa.and_(first.c.first_starts_at == at, events.c.id > last_id))
            )
        statement = statement.order_by(first.c.first_starts_at, events.c.id).limit(limit)
        return [(event, starts_at) for event, starts_at in self.session.execute(statement)]

    def sessions_between(self, centre_id: UUID, starts: datetime, ends: datetime) -> list[Session]:
        columns = event_sessions.c
        query = (
            sa.select(Session)
            .join(events, events.c.id == columns.event_id)
            .where(events.c.centre_id == centre_id, columns.starts_at >= starts, columns.starts_at < ends)
            .order_by(columns.starts_at, columns.id)
        )
        return list(self.session.scalars(query))

    def _events(self, condition: sa.ColumnElement[bool]) -> list[Event]:
        query = sa.select(Event).where(condition).order_by(events.c.created_at, events.c.id)
        return list(self.session.scalars(query))

    def _track(self, event: Event | None) -> Event | None:
        if event is not None and event not in self.seen:
            self.seen.append(event)
        return event


class SqlAlchemyRegistrationRepository:
    def __init__(self, session: OrmSession) -> None:
        self.session = session

    def add(self, registration: Registration) -> None:
        self.session.add(registration)

    def get(self, registration_id: UUID) -> Registration | None:
        return self.session.get(Registration, registration_id, populate_existing=True)

    def of_events(self, event_ids: list[UUID]) -> list[Registration]:
        if not event_ids:
            return []
        columns = registrations.c
        query = sa.select(Registration).where(columns.event_id.in_(event_ids))
        return self._fresh(query.order_by(columns.event_id, columns.sequence))

    def of_person(self, centre_id: UUID | None, email: str | None, phone: str | None) -> list[Registration]:
        """At one centre's events, or (None) at every centre's."""
        columns = registrations.c
        same = [columns.email == email] if email else []
        same += [columns.phone == phone] if phone else []
        if not same:
            return []
        query = sa.select(Registration).where(sa.or_(*same))
        query = query.where(columns.centre_id == centre_id) if centre_id is not None else query
        return self._fresh(query.order_by(columns.registered_at, columns.id))

    def _fresh(self, query: sa.Select[Registration]) -> list[Registration]:
        return list(self.session.scalars(query.execution_options(populate_existing=True)))


class SqlAlchemyAttendanceRepository:
    def __init__(self, session: OrmSession) -> None:
        self.session = session

    def of_sessions(self, session_ids: list[UUID]) -> list[Mark]:
        if not session_ids:
            return []
        return list(self.session.scalars(sa.select(Mark).where(attendance.c.session_id.in_(session_ids))))

    def record(self, mark: Mark) -> None:
        """A second mark for the same session and registration replaces the first."""
        self.session.merge(mark)


class SqlAlchemyAllocationRepository:
    def __init__(self, session: OrmSession) -> None:
        self.session = session

    def get(self, interest_id: UUID) -> Allocation | None:
        return self.session.get(Allocation, interest_id)

    def add(self, allocation: Allocation) -> None:
        self.session.add(allocation)

    def held(self, centre_id: UUID, opportunity_id: UUID) -> list[Allocation]:
        columns = allocations.c
        query = sa.select(Allocation).where(
            columns.centre_id == centre_id, columns.opportunity_id == opportunity_id, columns.held.is_(True)
        )
        return list(self.session.scalars(query))

    def of_centre(self, centre_id: UUID) -> list[Allocation]:
        columns = allocations.c
        query = sa.select(Allocation).where(columns.centre_id == centre_id).order_by(columns.changed_at)
        return list(self.session.scalars(query))
