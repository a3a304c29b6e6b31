"""The centres service's use cases: `verb_noun(cmd, uow)`."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from lowe_centres.commands import (
    AddSubscription,
    FinishOpportunity,
    MatchPublishedOpportunity,
    RegisterCentre,
    ReopenOpportunity,
    ReviseOpportunity,
)
from lowe_centres.model import (
    Centre,
    CentreNotFound,
    FeedEntry,
    MatchReasons,
    PublishedOpportunity,
    Subscription,
    deliver,
    match,
    merge,
)
from lowe_centres.repository import CentreRepository, FeedRepository, OpportunityRepository, SubscriptionRepository

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork(Protocol):
    @property
    def centres(self) -> CentreRepository: ...

    @property
    def subscriptions(self) -> SubscriptionRepository: ...

    @property
    def opportunities(self) -> OpportunityRepository: ...

    @property
    def feed(self) -> FeedRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...


def register_centre(cmd: RegisterCentre, uow: UnitOfWork, now: Clock = utc_now) -> Centre:
    centre = Centre(
        id=uuid.uuid4(), name=cmd.name, voivodeship=cmd.voivodeship, municipality=cmd.municipality, created_at=now()
    )
    with uow:
        uow.centres.add(centre)
        uow.commit()
    return centre


def get_centre(centre_id: uuid.UUID, uow: UnitOfWork) -> Centre:
    with uow:
        centre = uow.centres.get(centre_id)
        if centre is None:
            raise CentreNotFound(str(centre_id))
        return centre


def add_subscription(cmd: AddSubscription, uow: UnitOfWork, now: Clock = utc_now) -> Subscription:
    with uow:
        centre = uow.centres.get(cmd.centre_id)
        if centre is None:
            raise CentreNotFound(str(cmd.centre_id))
        subscription = Subscription(
            id=uuid.uuid4(),
            centre_id=centre.id,
            name=cmd.name,
            kinds=list(cmd.kinds),
            topics=list(cmd.topics),
            regions=[] if cmd.nationwide else list(cmd.regions or [centre.voivodeship]),
            nationwide=cmd.nationwide,
            delivery=cmd.delivery,
            created_at=now(),
        )
        uow.subscriptions.add(subscription)
        uow.commit()
    return subscription


def match_published_opportunity(cmd: MatchPublishedOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> int:
    """Puts the opportunity in the feed of every centre with a matching subscription; returns how many."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity_id)
        if opportunity is None:
            opportunity = _copy_of(cmd)
            uow.opportunities.add(opportunity)
        elif opportunity.status != "published":
            opportunity.revise(_details_of(cmd))  # it finished before its publication reached us
        delivered = _deliver_to_matching_centres(opportunity, uow, now()) if opportunity.status == "published" else 0
        uow.commit()
    return delivered


def revise_opportunity(cmd: ReviseOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> int:
    """Keeps the copy current and delivers it to centres it matches now; returns how many newly got it."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity.opportunity_id)
        if opportunity is None:
            opportunity = _copy_of(cmd.opportunity)
            uow.opportunities.add(opportunity)
        else:
            opportunity.revise(_details_of(cmd.opportunity))
        delivered = _deliver_to_matching_centres(opportunity, uow, now()) if opportunity.status == "published" else 0
        uow.commit()
    return delivered


def finish_opportunity(cmd: FinishOpportunity, uow: UnitOfWork) -> None:
    """Marks the copy withdrawn or closed, so feeds show it; remembered even if its publication comes later."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity_id)
        if opportunity is None:
            opportunity = PublishedOpportunity(
                id=cmd.opportunity_id,
                partner_name="",
                kind="",
                title="",
                description="",
                topics=[],
                target_groups=[],
                regions=[],
                nationwide=False,
                published_at=cmd.at,
            )
            uow.opportunities.add(opportunity)
        opportunity.finish(cmd.status, cmd.reason, cmd.at)
        uow.commit()


def reopen_opportunity(cmd: ReopenOpportunity, uow: UnitOfWork) -> None:
    """Places freed up on an opportunity that had closed for lack of them; its publication may still be on the way."""
    with uow:
        opportunity = uow.opportunities.get(cmd.opportunity_id)
        if opportunity is not None:
            opportunity.reopen(cmd.at)
        uow.commit()


def _details_of(cmd: MatchPublishedOpportunity) -> dict[str, object]:
    return {
        "partner_name": cmd.partner_name,
        "kind": cmd.kind,
        "title": cmd.title,
        "description": cmd.description,
        "topics": list(cmd.topics),
        "target_groups": list(cmd.target_groups),
        "regions": list(cmd.regions),
        "nationwide": cmd.nationwide,
        "published_at": cmd.published_at,
    }


def _copy_of(cmd: MatchPublishedOpportunity) -> PublishedOpportunity:
    return PublishedOpportunity(id=cmd.opportunity_id, **_details_of(cmd))  # type: ignore[arg-type]


def _deliver_to_matching_centres(opportunity: PublishedOpportunity, uow: UnitOfWork, matched_at: datetime) -> int:
    reasons_by_centre: dict[uuid.UUID, list[MatchReasons]] = defaultdict(list)
    delivery_by_centre: dict[uuid.UUID, set[str]] = defaultdict(set)
    for subscription in uow.subscriptions.candidates_for(opportunity):
        reasons = match(subscription, opportunity)
        if reasons is not None:
            reasons_by_centre[subscription.centre_id].append(reasons)
            delivery_by_centre[subscription.centre_id].add(subscription.delivery)
    already = uow.feed.centres_with(opportunity.id)
    delivered = 0
    for centre in uow.centres.get_many(set(reasons_by_centre) - already):
        delivery = "instant" if "instant" in delivery_by_centre[centre.id] else "daily_digest"
        reasons = merge(reasons_by_centre[centre.id])
        uow.feed.add(deliver(centre, opportunity, reasons, delivery, matched_at, uuid.uuid4()))
        delivered += 1
    return delivered


def list_feed(
    centre_id: uuid.UUID, uow: UnitOfWork, limit: int = 50, offset: int = 0
) -> list[tuple[FeedEntry, PublishedOpportunity]]:
    with uow:
        if uow.centres.get(centre_id) is None:
            raise CentreNotFound(str(centre_id))
        return uow.feed.list_for(centre_id, limit, offset)
