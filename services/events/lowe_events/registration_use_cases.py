"""Use cases about registrations: `verb_noun(cmd, uow)`.

Every step that decides about places locks the event's row first and reads its registrations under that lock,
so registrations on any replica happen one after the other: never more confirmed than the capacity, and the
waiting line in the order people came. Every step takes the acting centre and reaches only its own events.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from lowe_events.commands import Actor, ErasePerson, Register, RegistrationRef, demographics_of
from lowe_events.model import (
    ACTIVE_STATUSES,
    Consent,
    Contact,
    Event,
    Mark,
    Registration,
    RegistrationNotFound,
    Roster,
    attended_minutes,
)
from lowe_events.ports import Clock, UnitOfWork, utc_now
from lowe_events.use_cases import roster_of, visible_event


@dataclass(frozen=True)
class Placement:
    """A registration after a step, with its place in the waiting line (None when not waiting)."""

    registration: Registration
    position: int | None


@dataclass(frozen=True)
class Participant:
    registration: Registration
    position: int | None
    attended_minutes: int
    marks: list[Mark]


def register_participant(cmd: Register, uow: UnitOfWork, now: Clock = utc_now) -> Placement:
    with uow:
        at = now()
        event = visible_event(cmd.actor, cmd.event_id, uow, lock=True)
        roster = roster_of(event, uow)
        registration = Registration.new(
            uuid.uuid4(),
            event.id,
            event.centre_id,
            event.next_sequence(),
            Contact(cmd.name, cmd.email, cmd.phone),
            Consent(cmd.consent_version, at),
            demographics_of(cmd.demographics, at),
            at,
            cmd.language,
        )
        roster.register(registration, at)
        uow.registrations.add(registration)
        uow.commit()
        return Placement(registration, roster.position(registration))


def list_registrations(actor: Actor, event_id: uuid.UUID, uow: UnitOfWork) -> list[Participant]:
    """The event's registrations in the order they came, with their attendance: only for the organising centre."""
    with uow:
        event = visible_event(actor, event_id, uow)
        roster = roster_of(event, uow)
        sessions = uow.events.sessions_of([event.id])
        marks = uow.attendance.of_sessions([session.id for session in sessions])
        minutes = attended_minutes(sessions, marks)
        registrations = sorted(uow.registrations.of_events([event.id]), key=lambda r: r.sequence)
        return [
            Participant(
                registration,
                roster.position(registration),
                minutes.get(registration.id, 0),
                [mark for mark in marks if mark.registration_id == registration.id],
            )
            for registration in registrations
        ]


def cancel_registration(cmd: RegistrationRef, uow: UnitOfWork, now: Clock = utc_now) -> Placement:
    """A confirmed place given up goes to the first in the waiting line."""
    with uow:
        _event, registration, roster = _locked(cmd, uow)
        roster.cancel(registration, now())
        uow.commit()
        return Placement(registration, None)


def erase_registration(cmd: RegistrationRef, uow: UnitOfWork, now: Clock = utc_now) -> Placement:
    with uow:
        event, registration, roster = _locked(cmd, uow)
        _erase(event, roster, [registration], now(), uow)
        uow.commit()
        return Placement(registration, None)


def erase_person(cmd: ErasePerson, uow: UnitOfWork, now: Clock = utc_now) -> list[Registration]:
    """Every registration with this e-mail or phone at the centre's events (an operator with no centre: at every
    centre's), or the one registration named. Events are locked in one order (by id), so two erasures never wait
    on each other."""
    with uow:
        at = now()
        found = _registrations_of(cmd, uow)
        erased = []
        for event_id in sorted({registration.event_id for registration in found}):
            event = visible_event(cmd.actor, event_id, uow, lock=True)
            roster = roster_of(event, uow)
            if cmd.registration_id is not None:
                mine = [r for r in roster.everyone if r.id == cmd.registration_id]
            else:
                mine = [r for r in roster.everyone if r.same_person(cmd.email, cmd.phone)]
            _erase(event, roster, mine, at, uow)
            erased.extend(mine)
        uow.commit()
        return erased


def _registrations_of(cmd: ErasePerson, uow: UnitOfWork) -> list[Registration]:
    """Another centre's registration is as unknown as one that does not exist."""
    if cmd.registration_id is None:
        return uow.registrations.of_person(cmd.actor.centre_id, cmd.email, cmd.phone)
    registration = uow.registrations.get(cmd.registration_id)
    if registration is None or not (cmd.actor.operator or registration.centre_id == cmd.actor.centre_id):
        raise RegistrationNotFound(str(cmd.registration_id))
    return [registration]


def _erase(event: Event, roster: Roster, registrations: list[Registration], at: datetime, uow: UnitOfWork) -> None:
    """Still registered for an event not over yet: the place is given up (the line moves up). Attendance and
    status stay, anonymous, so the centre's figures do not change; `participant_erased` tells the others."""
    sessions = uow.events.sessions_of([event.id])
    over = bool(sessions) and max(session.ends_at for session in sessions) <= at
    for registration in registrations:
        registration.erase(at)
        if registration.status in ACTIVE_STATUSES and not event.cancelled and not over:
            roster.cancel(registration, at, reason="erased")
    if registrations:
        event.erased([registration.id for registration in registrations], at)


def _locked(cmd: RegistrationRef, uow: UnitOfWork) -> tuple[Event, Registration, Roster]:
    event = visible_event(cmd.actor, cmd.event_id, uow, lock=True)
    roster = roster_of(event, uow)
    registration = next((r for r in roster.everyone if r.id == cmd.registration_id), None)
    if registration is None:
        raise RegistrationNotFound(str(cmd.registration_id))
    return event, registration, roster
