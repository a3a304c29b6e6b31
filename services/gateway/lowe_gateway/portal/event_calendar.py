"""A month of a centre's events as a calendar grid (weeks from Monday, as in Poland), in Warsaw time."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lowe_gateway.portal.i18n import WARSAW

MONDAY_FIRST = calendar.Calendar(firstweekday=calendar.MONDAY)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def month_of(value: str | None, today: date) -> Month:
    """`2026-12` as a month; anything else (or nothing) is this month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if 1 <= month <= 12 and 1900 <= year <= 9999:
            return Month(year, month)
    except ValueError:
        pass
    return Month(today.year, today.month)


@dataclass(frozen=True)
class Occurrence:
    """One session of an event, on the day it starts."""

    event: dict[str, Any]
    starts_at: datetime
    ends_at: datetime


@dataclass
class Day:
    day: date
    in_month: bool
    today: bool
    occurrences: list[Occurrence] = field(default_factory=list)


def occurrences(events: Iterable[dict[str, Any]]) -> list[Occurrence]:
    """Every session of the events (as the events service answers them), earliest first, in Warsaw time."""
    found = [
        Occurrence(event, _warsaw(session["starts_at"]), _warsaw(session["ends_at"]))
        for event in events
        for session in event["sessions"]
    ]
    return sorted(found, key=lambda occurrence: (occurrence.starts_at, occurrence.event["title"]))


def month_grid(month: Month, events: Iterable[dict[str, Any]], today: date) -> list[list[Day]]:
    """Whole weeks, Monday to Sunday, covering the month; each day with the sessions starting on it."""
    by_day: dict[date, list[Occurrence]] = {}
    for occurrence in occurrences(events):
        by_day.setdefault(occurrence.starts_at.date(), []).append(occurrence)
    return [
        [Day(day, day.month == month.month, day == today, by_day.get(day, [])) for day in week]
        for week in MONDAY_FIRST.monthdatescalendar(month.year, month.month)
    ]


def _warsaw(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(WARSAW)
