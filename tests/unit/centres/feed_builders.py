"""Shared by the feed tests: a centre with entries in its feed, over the in-memory fakes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from lowe_centres.feed_commands import EntryRef
from lowe_centres.model import Centre, FeedEntry, MatchReasons, PublishedOpportunity, deliver
from lowe_centres.model.feed import InterestUpdate
from tests.unit.centres.fakes import FakeUnitOfWork, a_centre, an_opportunity

DELIVERED_AT = datetime(2025, 3, 3, 11, 31, tzinfo=UTC)
LATER = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def in_feed(
    uow: FakeUnitOfWork,
    centre: Centre | None = None,
    at: datetime = DELIVERED_AT,
    score: float = 0.5,
    recommended: bool = False,
    **opportunity: Any,
) -> tuple[FeedEntry, PublishedOpportunity]:
    """An opportunity delivered to the centre (registered if new): the entry and the centres' copy."""
    if centre is None:
        centre = a_centre()
    if uow.centres.get(centre.id) is None:
        uow.centres.add(centre)
    copy = an_opportunity(**opportunity)
    uow.opportunities.add(copy)
    reasons = MatchReasons(
        kind=copy.kind, topics=[], region="14", subscriptions=["all"], score=score, profile=recommended
    )
    entry = deliver(centre, copy, reasons, "instant", at, uuid.uuid4())
    entry.events.clear()
    uow.feed.add(entry)
    return entry, copy


def ref(entry: FeedEntry, centre_id: uuid.UUID | None = None) -> EntryRef:
    return EntryRef(centre_id or entry.centre_id, entry.id)


def news(status: str, at: datetime, interest_id: uuid.UUID, **numbers: Any) -> InterestUpdate:
    return InterestUpdate(interest_id, status, at, **numbers)
