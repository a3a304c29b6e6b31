"""What each centre was given: one feed entry per centre and opportunity, and the events that tell others."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from lowe_centres.model.matching import MatchReasons

if TYPE_CHECKING:
    from lowe_centres.model.centres import Centre
    from lowe_centres.model.opportunities import PublishedOpportunity

NO_LONGER_MATCHES = "no_longer_matches"


@dataclass(frozen=True)
class OpportunityMatched:
    """It reached the centre's feed (again, after a retraction); `reasons.profile` when recommended."""

    centre_id: UUID
    centre_name: str
    opportunity: PublishedOpportunity
    reasons: MatchReasons
    delivery: str
    matched_at: datetime


@dataclass(frozen=True)
class OpportunityUnmatched:
    """The partner changed it (`changed` names what) and it no longer fits the centre: retracted from its feed."""

    centre_id: UUID
    centre_name: str
    opportunity: PublishedOpportunity
    changed: list[str]
    unmatched_at: datetime
    reason: str = NO_LONGER_MATCHES


@dataclass(eq=False)
class FeedEntry:
    """`reasons` is the explanation (`MatchReasons.as_dict`); a retracted entry stays, marked, so the centre sees
    that it went and why (its `opportunity_unmatched`)."""

    id: UUID
    centre_id: UUID
    opportunity_id: UUID
    reasons: dict[str, Any]
    delivery: str
    matched_at: datetime
    events: list[object] = field(default_factory=list)
    score: float = 0.0
    recommended: bool = False
    retracted_at: datetime | None = None

    @property
    def retracted(self) -> bool:
        return self.retracted_at is not None

    def explain(self, reasons: MatchReasons, delivery: str) -> None:
        """Brings the explanation up to date after an edit that did not change whether it matches."""
        self.reasons, self.score, self.recommended = reasons.as_dict(), reasons.score, reasons.profile
        self.delivery = delivery

    def retract(self, centre: Centre, opportunity: PublishedOpportunity, changed: list[str], at: datetime) -> None:
        if self.retracted:
            return
        self.retracted_at = at
        self.events.append(OpportunityUnmatched(centre.id, centre.name, opportunity, list(changed), at))

    def reinstate(
        self, centre: Centre, opportunity: PublishedOpportunity, reasons: MatchReasons, delivery: str, at: datetime
    ) -> None:
        """Retracted once, matching again after a later edit: back in the feed, as a new match."""
        self.retracted_at, self.matched_at = None, at
        self.explain(reasons, delivery)
        self.events.append(OpportunityMatched(centre.id, centre.name, opportunity, reasons, delivery, at))


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
        reasons=reasons.as_dict(),
        delivery=delivery,
        matched_at=now,
        score=reasons.score,
        recommended=reasons.profile,
    )
    entry.events.append(OpportunityMatched(centre.id, centre.name, opportunity, reasons, delivery, now))
    return entry
