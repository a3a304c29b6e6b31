"""LOWE centres, their subscriptions and matching. Plain Python: no framework imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

NATIONWIDE = "nationwide"


class CentresError(Exception):
    pass


class CentreNotFound(CentresError):
    pass


@dataclass(eq=False)
class Centre:
    id: UUID
    name: str
    voivodeship: str
    municipality: str
    created_at: datetime


@dataclass(eq=False)
class Subscription:
    """Empty `kinds` or `topics` mean any; `nationwide` accepts opportunities from every region."""

    id: UUID
    centre_id: UUID
    name: str
    kinds: list[str]
    topics: list[str]
    regions: list[str]
    nationwide: bool
    delivery: str
    created_at: datetime


@dataclass(eq=False)
class PublishedOpportunity:
    """The centres service's own copy of a published opportunity, kept from `opportunity_published`."""

    id: UUID
    partner_name: str
    kind: str
    title: str
    description: str
    topics: list[str]
    target_groups: list[str]
    regions: list[str]
    nationwide: bool
    published_at: datetime
    status: str = "published"
    status_reason: str | None = None
    status_changed_at: datetime | None = None

    def revise(self, details: dict[str, object]) -> None:
        """The partner edited it; a copy that already finished stays finished."""
        for name, value in details.items():
            setattr(self, name, value)

    def finish(self, status: str, reason: str, at: datetime) -> None:
        self._change_status(status, reason, at)

    def reopen(self, at: datetime) -> None:
        self._change_status("published", None, at)

    def _change_status(self, status: str, reason: str | None, at: datetime) -> None:
        """Events about one opportunity travel on separate queues; the latest change wins, whatever arrives last."""
        if self.status_changed_at is not None and at < self.status_changed_at:
            return
        self.status, self.status_reason, self.status_changed_at = status, reason, at


@dataclass(frozen=True)
class MatchReasons:
    kind: str
    topics: list[str]
    region: str
    subscriptions: list[str]


@dataclass(frozen=True)
class OpportunityMatched:
    centre_id: UUID
    centre_name: str
    opportunity: PublishedOpportunity
    reasons: MatchReasons
    delivery: str
    matched_at: datetime


@dataclass(eq=False)
class FeedEntry:
    id: UUID
    centre_id: UUID
    opportunity_id: UUID
    reasons: dict[str, object]
    delivery: str
    matched_at: datetime
    events: list[object] = field(default_factory=list)


def match(subscription: Subscription, opportunity: PublishedOpportunity) -> MatchReasons | None:
    """Why the opportunity fits the subscription, or None when it does not."""
    if subscription.kinds and opportunity.kind not in subscription.kinds:
        return None
    topics = (
        sorted(set(opportunity.topics) & set(subscription.topics))
        if subscription.topics
        else sorted(opportunity.topics)
    )
    if subscription.topics and not topics:
        return None
    if opportunity.nationwide:
        region = NATIONWIDE
    elif subscription.nationwide:
        region = sorted(opportunity.regions)[0]
    else:
        shared = sorted(set(opportunity.regions) & set(subscription.regions))
        if not shared:
            return None
        region = shared[0]
    return MatchReasons(kind=opportunity.kind, topics=topics, region=region, subscriptions=[subscription.name])


def merge(reasons: list[MatchReasons]) -> MatchReasons:
    """One centre is matched once per opportunity, whatever number of its subscriptions matched."""
    return MatchReasons(
        kind=reasons[0].kind,
        topics=sorted({topic for reason in reasons for topic in reason.topics}),
        region=sorted({reason.region for reason in reasons})[0],
        subscriptions=sorted({name for reason in reasons for name in reason.subscriptions}),
    )


def deliver(
    centre: Centre,
    opportunity: PublishedOpportunity,
    reasons: MatchReasons,
    delivery: str,
    now: datetime,
    entry_id: UUID,
) -> FeedEntry:
    entry = FeedEntry(
        id=entry_id,
        centre_id=centre.id,
        opportunity_id=opportunity.id,
        reasons={
            "kind": reasons.kind,
            "topics": reasons.topics,
            "region": reasons.region,
            "subscriptions": reasons.subscriptions,
        },
        delivery=delivery,
        matched_at=now,
    )
    entry.events.append(OpportunityMatched(centre.id, centre.name, opportunity, reasons, delivery, now))
    return entry
