"""Counts the system's effects straight from the services' databases and compares them with what was acknowledged.

Jepsen's checker, for effects: lost (acknowledged, no effect), unexpected (an effect nobody was acknowledged,
or for a centre that does not match), duplicated (one (centre, opportunity) with more than one effect).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from lowe_backbone.database import create_engine_for
from tests.support import wait_for

Pair = tuple[str, str]


def _rows(database_url: str, query: str) -> list[Any]:
    engine = create_engine_for(database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.text(query)).all())
    finally:
        engine.dispose()


def feed_entries(centres_db: str) -> Counter[Pair]:
    rows = _rows(centres_db, "SELECT centre_id, opportunity_id FROM feed_entries")
    return Counter((str(centre), str(opportunity)) for centre, opportunity in rows)


def notifications(notifications_db: str) -> Counter[Pair]:
    rows = _rows(notifications_db, "SELECT recipient_id, data FROM notifications")
    counted: Counter[Pair] = Counter()
    for recipient, data in rows:
        opportunity = (json.loads(data) if isinstance(data, str) else data).get("opportunity_id")
        if opportunity:
            counted[(str(recipient), str(opportunity))] += 1
    return counted


@dataclass
class Verdict:
    effect: str
    expected: int
    seen: int
    lost: int
    unexpected: int
    duplicated: int

    @property
    def ok(self) -> bool:
        return self.lost == self.unexpected == self.duplicated == 0

    def line(self) -> str:
        return (
            f"{self.effect:<14} expected {self.expected:>5}  seen {self.seen:>5}  lost {self.lost:>3}  "
            f"unexpected {self.unexpected:>3}  duplicated {self.duplicated:>3}"
        )


def check(effect: str, expected: set[Pair], seen: Counter[Pair], indeterminate: set[str] | None = None) -> Verdict:
    """`indeterminate` opportunities (a publish whose outcome the client never learnt) may or may not have effects."""
    excused = indeterminate or set()
    return Verdict(
        effect=effect,
        expected=len(expected),
        seen=sum(seen.values()),
        lost=len(expected - set(seen)),
        unexpected=sum(1 for pair in seen if pair not in expected and pair[1] not in excused),
        duplicated=sum(1 for count in seen.values() if count > 1),
    )


def count_where(database_url: str, query: str) -> int:
    engine = create_engine_for(database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text(query)).scalar_one())
    finally:
        engine.dispose()


def settled(
    database_urls: dict[str, str], expected: set[Pair], timeout: float, indeterminate: set[str] | None = None
) -> tuple[Verdict, Verdict, float]:
    """Waits until every expected effect is there and no outbox holds a pending event, then judges.

    Returns the verdicts for the feed and the notifications, and the seconds it took to settle (or the timeout).
    """
    started = time.monotonic()

    def all_there() -> bool:
        pending = sum(
            count_where(database_urls[service], "SELECT count(*) FROM outbox WHERE published_at IS NULL")
            for service in ("partners", "centres")
        )
        return (
            pending == 0
            and expected <= set(feed_entries(database_urls["centres"]))
            and expected <= set(notifications(database_urls["notifications"]))
        )

    with contextlib.suppress(AssertionError):
        wait_for(all_there, timeout=timeout, interval=0.5, what="every acknowledged publish's effects")
    took = time.monotonic() - started
    feed = check("feed entries", expected, feed_entries(database_urls["centres"]), indeterminate)
    inbox = check("notifications", expected, notifications(database_urls["notifications"]), indeterminate)
    return feed, inbox, took
