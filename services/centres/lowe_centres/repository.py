"""Repositories for centres (with their profile index), subscriptions (with their matching index), the
published opportunities and the feeds."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_centres import index
from lowe_centres.index import ANY, index_terms, profile_terms
from lowe_centres.model import Centre, FeedEntry, PublishedOpportunity, Subscription
from lowe_centres.orm import (
    centre_terms,
    centres,
    feed_entries,
    published_opportunities,
    subscription_terms,
    subscriptions,
)

__all__ = ["ANY", "index_terms", "profile_terms"]


class CentreRepository(Protocol):
    def add(self, centre: Centre) -> None: ...
    def get(self, centre_id: UUID) -> Centre | None: ...
    def get_many(self, centre_ids: set[UUID]) -> list[Centre]: ...
    def reindex(self, centre: Centre) -> None: ...
    def recommendation_candidates(self, opportunity: PublishedOpportunity) -> list[Centre]: ...


class SubscriptionRepository(Protocol):
    def add(self, subscription: Subscription) -> None: ...
    def get(self, subscription_id: UUID) -> Subscription | None: ...
    def list_for(self, centre_id: UUID) -> list[Subscription]: ...
    def for_centres(self, centre_ids: set[UUID]) -> list[Subscription]: ...
    def candidates_for(self, opportunity: PublishedOpportunity, now: datetime | None = None) -> list[Subscription]: ...


class OpportunityRepository(Protocol):
    def get(self, opportunity_id: UUID) -> PublishedOpportunity | None: ...
    def add(self, opportunity: PublishedOpportunity) -> None: ...


class FeedRepository(Protocol):
    seen: set[FeedEntry]

    def add(self, entry: FeedEntry) -> None: ...
    def centres_with(self, opportunity_id: UUID) -> set[UUID]: ...
    def for_opportunity(self, opportunity_id: UUID) -> list[FeedEntry]: ...
    def list_for(self, centre_id: UUID, limit: int, offset: int) -> list[tuple[FeedEntry, PublishedOpportunity]]: ...


class SqlAlchemyCentreRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, centre: Centre) -> None:
        self.session.add(centre)
        self._write_terms(centre)

    def get(self, centre_id: UUID) -> Centre | None:
        return self.session.get(Centre, centre_id)

    def get_many(self, centre_ids: set[UUID]) -> list[Centre]:
        if not centre_ids:
            return []
        return list(self.session.scalars(sa.select(Centre).where(centres.c.id.in_(centre_ids))))

    def reindex(self, centre: Centre) -> None:
        """After its profile or voivodeship changed."""
        self.session.flush()
        self.session.execute(centre_terms.delete().where(centre_terms.c.centre_id == centre.id))
        self._write_terms(centre)

    def recommendation_candidates(self, opportunity: PublishedOpportunity) -> list[Centre]:
        """Active centres with no active subscription whose profile may fit, found through the `centre_terms` index
        (topic, target group, voivodeship) in one query, never by reading every centre; the domain's `recommend`
        then decides and explains."""
        return list(self.session.scalars(index.recommendation_candidates(opportunity)))

    def _write_terms(self, centre: Centre) -> None:
        terms = profile_terms(centre)
        if terms:
            self.session.flush()  # the centre's row first: the terms refer to it
            self.session.execute(
                centre_terms.insert(),
                [{"centre_id": centre.id, "dimension": dimension, "value": value} for dimension, value in terms],
            )


class SqlAlchemySubscriptionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, subscription: Subscription) -> None:
        self.session.add(subscription)
        self.session.flush()
        self.session.execute(
            subscription_terms.insert(),
            [
                {"subscription_id": subscription.id, "dimension": dimension, "value": value}
                for dimension, value in index_terms(subscription)
            ],
        )

    def get(self, subscription_id: UUID) -> Subscription | None:
        return self.session.get(Subscription, subscription_id)

    def list_for(self, centre_id: UUID) -> list[Subscription]:
        query = sa.select(Subscription).where(subscriptions.c.centre_id == centre_id)
        return list(self.session.scalars(query.order_by(subscriptions.c.created_at, subscriptions.c.id)))

    def for_centres(self, centre_ids: set[UUID]) -> list[Subscription]:
        """Every subscription of these centres, paused ones too: to check what is already in their feeds."""
        if not centre_ids:
            return []
        return list(self.session.scalars(sa.select(Subscription).where(subscriptions.c.centre_id.in_(centre_ids))))

    def candidates_for(self, opportunity: PublishedOpportunity, now: datetime | None = None) -> list[Subscription]:
        """Narrowed by the index in the database; the domain's `match` then decides and explains. Given `now`,
        the deadline filter is applied here too."""
        days = opportunity.days_to_deadline(now) if now is not None else None
        return list(self.session.scalars(index.subscription_candidates(opportunity, days)))


class SqlAlchemyOpportunityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, opportunity_id: UUID) -> PublishedOpportunity | None:
        return self.session.get(PublishedOpportunity, opportunity_id)

    def add(self, opportunity: PublishedOpportunity) -> None:
        self.session.add(opportunity)


class SqlAlchemyFeedRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: set[FeedEntry] = set()

    def add(self, entry: FeedEntry) -> None:
        self.session.add(entry)
        self.seen.add(entry)

    def centres_with(self, opportunity_id: UUID) -> set[UUID]:
        rows = self.session.execute(
            sa.select(feed_entries.c.centre_id).where(feed_entries.c.opportunity_id == opportunity_id)
        )
        return {row.centre_id for row in rows}

    def for_opportunity(self, opportunity_id: UUID) -> list[FeedEntry]:
        """Every centre's entry for it, retracted ones too; their events are collected at commit."""
        query = sa.select(FeedEntry).where(feed_entries.c.opportunity_id == opportunity_id)
        entries = list(self.session.scalars(query))
        self.seen.update(entries)
        return entries

    def list_for(self, centre_id: UUID, limit: int, offset: int) -> list[tuple[FeedEntry, PublishedOpportunity]]:
        query = (
            sa.select(FeedEntry, PublishedOpportunity)
            .join_from(FeedEntry, PublishedOpportunity, feed_entries.c.opportunity_id == published_opportunities.c.id)
            .where(feed_entries.c.centre_id == centre_id)
            .order_by(feed_entries.c.matched_at.desc(), feed_entries.c.id)
            .limit(limit)
            .offset(offset)
        )
        return [(row[0], row[1]) for row in self.session.execute(query)]
