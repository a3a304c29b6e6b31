"""When an event happens: sessions given in Europe/Warsaw local time, kept in UTC.

A local time that does not exist (the hour skipped when clocks go forward) is refused; one that happens twice
(the hour repeated when they go back) is taken the first time. A weekly series keeps the local wall-clock time
across a change of clocks, as people expect: 18:00 stays 18:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from uuid import UUID
from zoneinfo import ZoneInfo

from lowe_events.model.errors import InvalidSchedule

WARSAW = ZoneInfo("Europe/Warsaw")
MAX_SESSIONS = 100
MAX_SESSION_LENGTH = timedelta(hours=12)
WEEK = timedelta(weeks=1)


@dataclass(eq=False)
class Session:
    id: UUID
    event_id: UUID
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def slot(self) -> tuple[datetime, datetime]:
        return self.starts_at, self.ends_at


class NonexistentLocalTime(ValueError):
    pass


def to_utc(value: datetime) -> datetime:
    """A naive value is Warsaw wall-clock time; an aware one is converted as it is."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    local = value.replace(tzinfo=WARSAW, fold=0)
    converted = local.astimezone(UTC)
    if converted.astimezone(WARSAW).replace(tzinfo=None) != value:
        raise NonexistentLocalTime(f"{value.isoformat()} does not exist in Europe/Warsaw (the clocks go forward).")
    return converted


def local(value: datetime) -> datetime:
    return value.astimezone(WARSAW)


def weekly(starts_at: datetime, ends_at: datetime, count: int) -> list[tuple[datetime, datetime]]:
    """`count` weekly occurrences in UTC of a slot given in local time (naive) or as an aware time."""
    first_start = starts_at if starts_at.tzinfo is None else local(starts_at).replace(tzinfo=None)
    first_end = ends_at if ends_at.tzinfo is None else local(ends_at).replace(tzinfo=None)
    return [(to_utc(first_start + n * WEEK), to_utc(first_end + n * WEEK)) for n in range(count)]


def check_schedule(slots: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """The slots in time order; refuses an empty, too long or overlapping schedule and impossible sessions."""
    if not slots:
        raise InvalidSchedule({"sessions": "Give at least one session."})
    if len(slots) > MAX_SESSIONS:
        raise InvalidSchedule({"sessions": f"At most {MAX_SESSIONS} sessions per event ({len(slots)} given)."})
    ordered = sorted(slots)
    for starts_at, ends_at in ordered:
        if ends_at <= starts_at:
            raise InvalidSchedule({"sessions": f"A session must end after it starts ({starts_at.isoformat()})."})
        if ends_at - starts_at > MAX_SESSION_LENGTH:
            raise InvalidSchedule({"sessions": "A session lasts at most 12 hours."})
    for (_, earlier_end), (later_start, _) in pairwise(ordered):
        if later_start < earlier_end:
            raise InvalidSchedule({"sessions": f"Sessions overlap at {later_start.isoformat()}."})
    return ordered
