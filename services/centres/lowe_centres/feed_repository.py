"""The feeds' repository: each centre's entries, found by opportunity, by centre and opportunity, or page by page;
the centres each opportunity reached, counted."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_centres.listing import BEST, FeedQuery
from lowe_centres.model import FeedEntry, PublishedOpportunity
from lowe_centres.orm import feed_entries, published_opportunities

Listed = tuple[FeedEntry, PublishedOpportunity]


class FeedRepository(Protocol):
    seen: set[FeedEntry]

    def add(self, entry: FeedEntry) -> None: ...
    def get(self, entry_id: UUID) -> FeedEntry | None: ...
    def of_centre(self, centre_id: UUID, opportunity_id: UUID) -> FeedEntry | None: ...
    def centres_with(self, opportunity_id: UUID) -> set[UUID]: ...
    def centre_counts(self, opportunity_ids: Collection[UUID]) -> dict[UUID, int]: ...
    def for_opportunity(self, opportunity_id: UUID) -> list[FeedEntry]: ...
    def list_for(self, centre_id: UUID, limit: int, offset: int) -> list[Listed]: ...
    def page(self, query: FeedQuery) -> list[Listed]: ...


class SqlAlchemyFeedRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: set[FeedEntry] = set()

    def add(self, entry: FeedEntry) -> None:
        self.session.add(entry)
        self.seen.add(entry)

    def get(self, entry_id: UUID) -> FeedEntry | None:
        """Locked (PostgreSQL) and read fresh: the centre's change and the partners' news about its interest, which
        change the same entry in different transactions, apply one after the other and never undo each other."""
        entry = self.session.get(FeedEntry, entry_id, with_for_update=True, populate_existing=True)
        if entry is not None:
            self.seen.add(entry)
        return entry

    def of_centre(self, centre_id: UUID, opportunity_id: UUID) -> FeedEntry | None:
        """The centre's entry for the opportunity (at most one), locked and read fresh as `get`: news about the
        centre's interest arrives on several queues at once."""
        query = (
            sa.select(FeedEntry)
            .where(feed_entries.c.centre_id == centre_id, feed_entries.c.opportunity_id == opportunity_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        entry = self.session.scalars(query).first()
        if entry is not None:
            self.seen.add(entry)
        return entry

    def centres_with(self, opportunity_id: UUID) -> set[UUID]:
        rows = self.session.execute(
            sa.select(feed_entries.c.centre_id).where(feed_entries.c.opportunity_id == opportunity_id)
        )
        return {row.centre_id for row in rows}

    def centre_counts(self, opportunity_ids: Collection[UUID]) -> dict[UUID, int]:
        """How many centres have each opportunity in their feed, entries retracted after an edit left out; an id no
        feed has is not in the answer. One query, however many ids."""
        if not opportunity_ids:
            return {}
        columns = feed_entries.c
        query = (
            sa.select(columns.opportunity_id, sa.func.count(sa.distinct(columns.centre_id)))
            .where(columns.opportunity_id.in_(opportunity_ids), columns.retracted_at.is_(None))
            .group_by(columns.opportunity_id)
        )
        return {opportunity_id: count for opportunity_id, count in self.session.execute(query)}

    def for_opportunity(self, opportunity_id: UUID) -> list[FeedEntry]:
        """Every centre's entry for it, retracted ones too; their events are collected at commit."""
        query = sa.select(FeedEntry).where(feed_entries.c.opportunity_id == opportunity_id)
        entries = list(self.session.scalars(query))
        self.seen.update(entries)
        return entries

    def list_for(self, centre_id: UUID, limit: int, offset: int) -> list[Listed]:
        query = (
            self._joined()
            .where(feed_entries.c.centre_id == centre_id)
            .order_by(feed_entries.c.matched_at.desc(), feed_entries.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [(row[0], row[1]) for row in self.session.execute(query)]

    def page(self, query: FeedQuery) -> list[Listed]:
        """Up to `limit + 1` entries after the cursor, so the caller knows whether another page follows."""
        columns = feed_entries.c
        select = self._joined().where(columns.centre_id == query.centre_id)
        if query.states:
            select = select.where(columns.state.in_(query.states))
        if query.kinds:
            select = select.where(published_opportunities.c.kind.in_(query.kinds))
        if query.recommended is not None:
            select = select.where(columns.recommended.is_(query.recommended))
        if not query.include_retracted:
            select = select.where(columns.retracted_at.is_(None))
        after = query.after
        newest = (columns.matched_at.desc(), columns.id)
        if query.order == BEST:
            select = select.order_by(columns.score.desc(), *newest)
            if after is not None:
                select = select.where(
                    sa.or_(
                        columns.score < after.score,
                        sa.and_(columns.score == after.score, _after_newest(after.matched_at, after.id)),
                    )
                )
        else:
            select = select.order_by(*newest)
            if after is not None:
                select = select.where(_after_newest(after.matched_at, after.id))
        return [(row[0], row[1]) for row in self.session.execute(select.limit(query.limit + 1))]

    @staticmethod
    def _joined() -> sa.Select[FeedEntry, PublishedOpportunity]:
        return sa.select(FeedEntry, PublishedOpportunity).join_from(
            FeedEntry, PublishedOpportunity, feed_entries.c.opportunity_id == published_opportunities.c.id
        )


def _after_newest(matched_at: object, entry_id: UUID) -> sa.ColumnElement[bool]:
    """After (matched_at, id) in the order newest match first, then by id."""
    columns = feed_entries.c
    return sa.or_(columns.matched_at < matched_at, sa.and_(columns.matched_at == matched_at, columns.id > entry_id))
