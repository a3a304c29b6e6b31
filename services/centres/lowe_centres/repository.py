"""Repositories for centres, subscriptions (both asked for matching candidates through the replica's in-memory
matching index), the published opportunities and the feeds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_centres.feed_repository import FeedRepository, SqlAlchemyFeedRepository
from lowe_centres.index import probes
from lowe_centres.index_sync import LiveMatchingIndex
from lowe_centres.model import Centre, PartnerName, PublishedOpportunity, Subscription
from lowe_centres.model.shapes import CentreProfile, SubscriptionFilters
from lowe_centres.orm import centres, published_opportunities, subscriptions

Candidates = tuple[CentreProfile, Sequence[SubscriptionFilters]]  # a centre and those of its subscriptions that may fit

# the feeds' repository lives in `feed_repository`
__all__ = ["FeedRepository", "SqlAlchemyFeedRepository"]


class CentreRepository(Protocol):
    def add(self, centre: Centre) -> None: ...
    def get(self, centre_id: UUID) -> Centre | None: ...
    def get_many(self, centre_ids: set[UUID]) -> list[Centre]: ...
    def count_by_voivodeship(self) -> dict[str, int]: ...
    def recommendation_candidates(self, opportunity: PublishedOpportunity) -> Sequence[CentreProfile]: ...


class SubscriptionRepository(Protocol):
    def add(self, subscription: Subscription) -> None: ...
    def remove(self, subscription: Subscription) -> None: ...
    def get(self, subscription_id: UUID) -> Subscription | None: ...
    def list_for(self, centre_id: UUID) -> list[Subscription]: ...
    def for_centres(self, centre_ids: set[UUID]) -> list[Subscription]: ...
    def candidates_by_centre(
        self, opportunity: PublishedOpportunity, now: datetime | None = None
    ) -> Sequence[Candidates]: ...


class OpportunityRepository(Protocol):
    def get(self, opportunity_id: UUID) -> PublishedOpportunity | None: ...
    def add(self, opportunity: PublishedOpportunity) -> None: ...
    def of_partner(self, partner_id: UUID) -> list[PublishedOpportunity]: ...


class PartnerNameRepository(Protocol):
    def get(self, partner_id: UUID) -> PartnerName | None: ...
    def add(self, known: PartnerName) -> None: ...


class SqlAlchemyCentreRepository:
    def __init__(self, session: Session, matching_index: LiveMatchingIndex) -> None:
        self.session = session
        self.matching_index = matching_index

    def add(self, centre: Centre) -> None:
        self.session.add(centre)

    def get(self, centre_id: UUID) -> Centre | None:
        return self.session.get(Centre, centre_id)

    def get_many(self, centre_ids: set[UUID]) -> list[Centre]:
        if not centre_ids:
            return []
        return list(self.session.scalars(sa.select(Centre).where(centres.c.id.in_(centre_ids))))

    def count_by_voivodeship(self) -> dict[str, int]:
        """Every centre, inactive ones too, in its voivodeship; one query, however many centres."""
        query = sa.select(centres.c.voivodeship, sa.func.count()).group_by(centres.c.voivodeship)
        return {voivodeship: count for voivodeship, count in self.session.execute(query)}

    def recommendation_candidates(self, opportunity: PublishedOpportunity) -> list[CentreProfile]:
        """Active centres with no active subscription whose profile may fit (topic, target group, voivodeship),
        named by the index; the domain's `recommend` then decides and explains."""
        regions = None if opportunity.nationwide else list(opportunity.regions)
        with self.matching_index.current(self.session) as index:
            return list(
                index.recommendation_candidates(list(opportunity.topics), list(opportunity.target_groups), regions)
            )


class SqlAlchemySubscriptionRepository:
    def __init__(self, session: Session, matching_index: LiveMatchingIndex) -> None:
        self.session = session
        self.matching_index = matching_index

    def add(self, subscription: Subscription) -> None:
        self.session.add(subscription)

    def remove(self, subscription: Subscription) -> None:
        """Logged for the matching index at flush, as any change (`index_sync.track_index_changes`)."""
        self.session.delete(subscription)

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

    def candidates_by_centre(
        self, opportunity: PublishedOpportunity, now: datetime | None = None
    ) -> Sequence[Candidates]:
        """Named by the index (live subscriptions accepting what the opportunity offers in every dimension), with
        their centre; the domain's `match` then decides and explains. Given `now`, a too-near deadline is left out
        here too."""
        days = opportunity.days_to_deadline(now) if now is not None else None
        with self.matching_index.current(self.session) as index:
            found: Sequence[Candidates] = index.candidates_by_centre(probes(opportunity))
        if days is None:
            return found
        timely = [(centre, [s for s in own if _in_time(s, days)]) for centre, own in found]
        return [(centre, own) for centre, own in timely if own]


def _in_time(subscription: SubscriptionFilters, days: float) -> bool:
    minimum = subscription.min_days_before_deadline
    return minimum is None or minimum <= days


class SqlAlchemyOpportunityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, opportunity_id: UUID) -> PublishedOpportunity | None:
        return self.session.get(PublishedOpportunity, opportunity_id)

    def add(self, opportunity: PublishedOpportunity) -> None:
        self.session.add(opportunity)

    def of_partner(self, partner_id: UUID) -> list[PublishedOpportunity]:
        query = sa.select(PublishedOpportunity).where(published_opportunities.c.partner_id == partner_id)
        return list(self.session.scalars(query.order_by(published_opportunities.c.id)))


class SqlAlchemyPartnerNameRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, partner_id: UUID) -> PartnerName | None:
        return self.session.get(PartnerName, partner_id)

    def add(self, known: PartnerName) -> None:
        self.session.add(known)
