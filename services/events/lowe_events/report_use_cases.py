"""Use cases about attendance, the funders' reports and the calendars: `verb_noun(cmd, uow)`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from lowe_events.commands import Actor, RecordAttendance, ReportQuery
from lowe_events.model import (
    Activity,
    Event,
    Mark,
    Period,
    RegistrationNotFound,
    Session,
    SessionNotFound,
    build_report,
    check_markable,
)
from lowe_events.ports import Clock, UnitOfWork, utc_now
from lowe_events.queries import ReportScope
from lowe_events.use_cases import visible_event


@dataclass(frozen=True)
class Calendar:
    """Events with the sessions a calendar shows (cancelled events too, so subscribers see them cancelled)."""

    centre_id: uuid.UUID
    entries: list[tuple[Event, list[Session]]]


def record_attendance(cmd: RecordAttendance, uow: UnitOfWork, now: Clock = utc_now) -> list[Mark]:
    """Present or absent, per confirmed registration, once the session has started; a new mark replaces the old."""
    with uow:
        at = now()
        event = visible_event(cmd.actor, cmd.event_id, uow)
        session = next((s for s in uow.events.sessions_of([event.id]) if s.id == cmd.session_id), None)
        if session is None:
            raise SessionNotFound(str(cmd.session_id))
        registrations = {r.id: r for r in uow.registrations.of_events([event.id])}
        unknown = [str(registration_id) for registration_id in cmd.marks if registration_id not in registrations]
        if unknown:
            raise RegistrationNotFound(", ".join(unknown))
        check_markable(session, [registrations[registration_id] for registration_id in cmd.marks], at)
        marks = [Mark(session.id, registration_id, present, at) for registration_id, present in cmd.marks.items()]
        for mark in marks:
            uow.attendance.record(mark)
        uow.commit()
        return uow.attendance.of_sessions([session.id])


def participation_report(scope: ReportScope, uow: UnitOfWork, now: Clock = utc_now) -> dict[str, Any]:
    """One centre's events, one partner's opportunities' events at every centre (anonymous figures only), that
    centre's events from that partner, or (neither) the whole network's."""
    with uow:
        activity = _activity(uow.events.of_scope(scope.centre_id, scope.partner_id), uow)
        report = build_report(activity, Period(scope.query.starts, scope.query.ends), now())
    return {"centre_id": _text(scope.centre_id), "partner_id": _text(scope.partner_id), **report}


def centre_report(centre_id: uuid.UUID, query: ReportQuery, uow: UnitOfWork, now: Clock = utc_now) -> dict[str, Any]:
    report = participation_report(ReportScope(centre_id, None, query), uow, now)
    del report["partner_id"]
    return report


def partner_report(partner_id: uuid.UUID, query: ReportQuery, uow: UnitOfWork, now: Clock = utc_now) -> dict[str, Any]:
    report = participation_report(ReportScope(None, partner_id, query), uow, now)
    del report["centre_id"]
    return {"partner_id": report.pop("partner_id"), **report}


def _text(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def _activity(events: list[Event], uow: UnitOfWork) -> Activity:
    ids = [event.id for event in events]
    sessions = uow.events.sessions_of(ids)
    marks = uow.attendance.of_sessions([session.id for session in sessions])
    return Activity(events, sessions, uow.registrations.of_events(ids), marks)


def centre_calendar(centre_id: uuid.UUID, uow: UnitOfWork, now: Clock = utc_now) -> Calendar:
    """The centre's sessions not over yet."""
    with uow:
        at = now()
        events = uow.events.of_centre(centre_id)
        sessions = [s for s in uow.events.sessions_of([event.id for event in events]) if s.ends_at > at]
        entries = [(event, [s for s in sessions if s.event_id == event.id]) for event in events]
        return Calendar(centre_id, [(event, mine) for event, mine in entries if mine])


def event_calendar(actor: Actor, event_id: uuid.UUID, uow: UnitOfWork) -> Calendar:
    with uow:
        event = visible_event(actor, event_id, uow)
        return Calendar(event.centre_id, [(event, uow.events.sessions_of([event.id]))])
