"""Who was there: a mark per session and confirmed registration; hours are the attended sessions' lengths."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from lowe_events.model.errors import AttendanceNotRecordable
from lowe_events.model.registrations import CONFIRMED, Registration
from lowe_events.model.schedule import Session


@dataclass(eq=False)
class Mark:
    session_id: UUID
    registration_id: UUID
    present: bool
    marked_at: datetime


def check_markable(session: Session, registrations: list[Registration], now: datetime) -> None:
    """Only once the session has started, and only for those holding a place."""
    if session.starts_at > now:
        raise AttendanceNotRecordable("Attendance is recorded once the session has started.")
    unconfirmed = [str(registration.id) for registration in registrations if registration.status != CONFIRMED]
    if unconfirmed:
        raise AttendanceNotRecordable(f"Only confirmed registrations attend: {', '.join(unconfirmed)}.")


def attended_minutes(sessions: list[Session], marks: list[Mark]) -> dict[UUID, int]:
    """Per registration, the minutes of the sessions it was marked present at."""
    lengths = {session.id: session.minutes for session in sessions}
    minutes: dict[UUID, int] = defaultdict(int)
    for mark in marks:
        if mark.present and mark.session_id in lengths:
            minutes[mark.registration_id] += lengths[mark.session_id]
    return dict(minutes)


def hours(minutes: int) -> float:
    return round(minutes / 60, 2)
