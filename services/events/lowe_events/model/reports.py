"""The figures funders ask for, for one centre's or one partner's events in a period. Plain arithmetic.

- `events`: events not cancelled with at least one session starting in the period (Warsaw dates, inclusive);
  `cancelled_events` counted apart. `sessions`: their sessions in the period.
- `participants`: their confirmed registrations (a person registered for two events counts in each).
- attendance: marks at those sessions; `rate` = present / (present + absent), null with no marks;
  `not_marked` = (confirmed registration, session already started) pairs with no mark, so gaps are visible.
- `participant_hours`: the lengths of the sessions each participant was marked present at, summed.
- breakdowns by target group, age band and gender, each participant (and their hours) counted under their value
  when they consented to give it, `unknown` when they consented but left it out, `not_consented` otherwise, and
  `erased` once erased. A participant in several target groups counts in each of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from lowe_events.model.attendance import Mark, attended_minutes, hours
from lowe_events.model.event import Event
from lowe_events.model.registrations import CONFIRMED, Registration
from lowe_events.model.schedule import Session, local

NOT_CONSENTED, UNKNOWN, ERASED = "not_consented", "unknown", "erased"
DIMENSIONS = ("target_group", "age_band", "gender")


@dataclass(frozen=True)
class Period:
    starts: date
    ends: date  # inclusive

    def holds(self, session: Session) -> bool:
        return self.starts <= local(session.starts_at).date() <= self.ends


@dataclass(frozen=True)
class Activity:
    """What storage holds for the events a report may count."""

    events: list[Event]
    sessions: list[Session]
    registrations: list[Registration]
    marks: list[Mark]


def build_report(activity: Activity, period: Period, now: datetime) -> dict[str, Any]:
    in_period = [session for session in activity.sessions if period.holds(session)]
    events_in_period = {session.event_id for session in in_period}
    counted = [event for event in activity.events if event.id in events_in_period and not event.cancelled]
    counted_ids = {event.id for event in counted}
    sessions = [session for session in in_period if session.event_id in counted_ids]
    participants = [
        registration
        for registration in activity.registrations
        if registration.event_id in counted_ids and registration.status == CONFIRMED
    ]
    session_ids = {session.id for session in sessions}
    marks = [mark for mark in activity.marks if mark.session_id in session_ids]
    minutes = attended_minutes(sessions, marks)
    present = sum(1 for mark in marks if mark.present)
    absent = len(marks) - present
    return {
        "period": {"from": period.starts.isoformat(), "to": period.ends.isoformat()},
        "events": len(counted),
        "cancelled_events": sum(1 for event in activity.events if event.id in events_in_period and event.cancelled),
        "sessions": len(sessions),
        "participants": len(participants),
        "attendance": {
            "present": present,
            "absent": absent,
            "not_marked": _not_marked(sessions, participants, marks, now),
            "rate": round(present / (present + absent), 4) if present + absent else None,
        },
        "participant_hours": hours(sum(minutes.get(p.id, 0) for p in participants)),
        "breakdowns": {dimension: _breakdown(dimension, participants, minutes) for dimension in DIMENSIONS},
    }


def _not_marked(sessions: list[Session], participants: list[Registration], marks: list[Mark], now: datetime) -> int:
    marked = {(mark.session_id, mark.registration_id) for mark in marks}
    by_event: dict[UUID, list[Registration]] = defaultdict(list)
    for participant in participants:
        by_event[participant.event_id].append(participant)
    return sum(
        1
        for session in sessions
        if session.starts_at <= now
        for participant in by_event[session.event_id]
        if (session.id, participant.id) not in marked
    )


def categories(dimension: str, registration: Registration) -> list[str]:
    """Where a participant is counted in one breakdown."""
    if registration.erased:
        return [ERASED]
    if not registration.demographics_consented:
        return [NOT_CONSENTED]
    if dimension == "target_group":
        return list(registration.target_groups) or [UNKNOWN]
    value = registration.age_band if dimension == "age_band" else registration.gender
    return [value or UNKNOWN]


def _breakdown(dimension: str, participants: list[Registration], minutes: dict[UUID, int]) -> dict[str, Any]:
    counts: dict[str, int] = defaultdict(int)
    attended: dict[str, int] = defaultdict(int)
    for participant in participants:
        for category in categories(dimension, participant):
            counts[category] += 1
            attended[category] += minutes.get(participant.id, 0)
    return {
        category: {"participants": counts[category], "participant_hours": hours(attended[category])}
        for category in sorted(counts)
    }
