"""Daily digests: when a recipient's digest goes out (its local hour, Europe/Warsaw) and how it groups items."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")


def digest_slot(at: datetime, hour: int) -> tuple[date, datetime]:
    """The next digest at or after `at`: its Warsaw date and when it is due (UTC-aware).

    An item arriving after today's digest hour waits for tomorrow's. Across a change of clocks the wall-clock hour
    is kept (a missing hour runs an hour later, as zoneinfo normalises it).
    """
    local = at.astimezone(WARSAW)
    day = local.date()
    due = _at_hour(day, hour)
    if due <= at:
        day = day + timedelta(days=1)
        due = _at_hour(day, hour)
    return day, due


def _at_hour(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour=hour), tzinfo=WARSAW).astimezone(UTC)


def digest_key(recipient_id: Any, day: date | str) -> str:
    """The source event id of a digest: one per recipient per local day (the ledger's unique key)."""
    return f"digest:{day}:{recipient_id}"


@dataclass(frozen=True)
class DigestSection:
    type: str
    items: list[dict[str, Any]]


def group_items(items: list[tuple[str, dict[str, Any]]], type_order: tuple[str, ...]) -> list[DigestSection]:
    """Items (type, data) grouped by type: sections in `type_order`, then any other type by first appearance;
    items in each section in the order they came."""
    groups: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for item_type, data in items:
        groups.setdefault(item_type, []).append(data)
    ranked = sorted(groups, key=lambda t: type_order.index(t) if t in type_order else len(type_order))
    return [DigestSection(t, groups[t]) for t in ranked]
