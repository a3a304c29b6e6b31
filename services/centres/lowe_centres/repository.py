"""Repositories for centres, subscriptions (with their matching index), published opportunities and feeds."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_centres.model import Centre, FeedEntry, PublishedOpportunity, Subscription
from lowe_centres.orm import centres, feed_entries, published_opportunities, subscription_terms, subscriptions

ANY = "*"


class CentreRepository(Protocol):
    def add(self, centre: Centre) -> None: ...
    def get(self, centre_id: UUID) -> Centre | None: ...
    def get_many(self, centre_ids: set[UUID]) -> list[Centre]: ...


class SubscriptionRepository(Protocol):
    def add(self, subscription: Subscription) -> None: ...
    def candidates_for(self, opportunity: PublishedOpportunity) -> list[Subscription]: ...


class OpportunityRepository(Protocol):
    def get(self, opportunity_id: UUID) -> PublishedOpportunity | None: ...
    def add(self, opportunity: PublishedOpportunity) -> None: ...


class FeedRepository(Protocol):
    seen: set[FeedEntry]

    def add(self, entry: FeedEntry) -> None: ...
    def centres_with(self, opportunity_id: UUID) -> set[UUID]: ...
    def list_for(self, centre_id: UUID, limit: int, offset: int) -> list[tuple[FeedEntry, PublishedOpportunity]]: ...


def index_terms(subscription: Subscription) -> list[tuple[str, str]]:
    terms = [("kind", kind) for kind in subscription.kinds] or [("kind", ANY)]
    terms += [("topic", topic) for topic in subscription.topics] or [("topic", ANY)]
    if subscription.nationwide:
        terms.append(("region", ANY))
    else:
        terms += [("region", region) for region in subscription.regions]
    return terms


class SqlAlchemyCentreRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, centre: Centre) -> None:
        self.session.add(centre)

    def get(self, centre_id: UUID) -> Centre | None:
        return self.session.get(Centre, centre_id)

    def get_many(self, centre_ids: set[UUID]) -> list[Centre]:
        if not centre_ids:
            return []
        return list(self.session.scalars(sa.select(Centre).where(centres.c.id.in_(centre_ids))))


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

    def candidates_for(self, opportunity: PublishedOpportunity) -> list[Subscription]:
        """Narrows by the index in the database; the domain's `match` then decides and explains."""
        query = sa.select(Subscription).where(
            _accepts("kind", [opportunity.kind]), _accepts("topic", opportunity.topics)
        )
        if not opportunity.nationwide:
            query = query.where(_accepts("region", opportunity.regions))
        return list(self.session.scalars(query))


def _accepts(dimension: str, values: list[str]) -> sa.Exists:
    return sa.exists().where(
        subscription_terms.c.subscription_id == subscriptions.c.id,
        subscription_terms.c.dimension == dimension,
        subscription_terms.c.value.in_([*values, ANY]),
    )


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
