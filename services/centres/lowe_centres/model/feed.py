"""What each centre was given: one feed entry per centre and opportunity, what the centre made of it (its state),
the centre's interest in it as the partner decides on it, and the events that tell others.

An entry's `state`:

- `new` when delivered, and again when a retracted entry is reinstated (unless its interest is still open);
- the centre marks it by hand `seen`, `saved`, `dismissed` or back to `new` (unread), from any of those four;
- `claimed` is never set by hand: the entry becomes claimed when the centre expresses interest in its opportunity
  (from the feed, or through the opportunity's own route: the partners' interest events claim it then);
- a claimed entry stays claimed while its interest is open (requested, waitlisted, allocated): no hand change;
  once the interest is over (declined, released, withdrawn) it may be marked seen, saved or dismissed, not new (it
  was acted on).

Marking an entry with the state it has changes nothing; a change by hand is told to others (`FeedEntryMarked`).
Retraction leaves the state as it is. A retracted entry, or one whose opportunity was withdrawn or closed, cannot be
claimed.

The entry's `interest` follows the partners' interest events, which may arrive late, twice or out of order: what is
recorded is replaced only by news that is newer by the event's own time (on a tie, by the later step:
requested < waitlisted < allocated < declined, released < withdrawn: a withdrawal of allocated places is told as a
release and a withdrawal at the same instant). A centre has at most one open interest per opportunity, and a new one
can only start after the last one ended, so the same rule orders news about successive interests. A withdrawn
interest is over like a declined or released one: the entry stays claimed and may be claimed again (a new interest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from lowe_centres.model.centres import CentresError
from lowe_centres.model.matching import MatchReasons
from lowe_centres.model.shapes import CentreProfile

if TYPE_CHECKING:
    from lowe_centres.model.opportunities import PublishedOpportunity

NO_LONGER_MATCHES = "no_longer_matches"

NEW, SEEN, SAVED, DISMISSED, CLAIMED = "new", "seen", "saved", "dismissed", "claimed"
FEED_STATES = (NEW, SEEN, SAVED, DISMISSED, CLAIMED)
MARKABLE_STATES = (NEW, SEEN, SAVED, DISMISSED)  # what the centre sets by hand
# the states the centre may mark an entry in each state (CLAIMED: only once its interest is over)
BY_HAND: dict[str, tuple[str, ...]] = {
    NEW: (SEEN, SAVED, DISMISSED),
    SEEN: (NEW, SAVED, DISMISSED),
    SAVED: (NEW, SEEN, DISMISSED),
    DISMISSED: (NEW, SEEN, SAVED),
    CLAIMED: (SEEN, SAVED, DISMISSED),
}

REQUESTED, WAITLISTED, ALLOCATED = "requested", "waitlisted", "allocated"
DECLINED, RELEASED, WITHDRAWN = "declined", "released", "withdrawn"
INTEREST_STATUSES = (REQUESTED, WAITLISTED, ALLOCATED, DECLINED, RELEASED, WITHDRAWN)
OPEN_INTEREST = (REQUESTED, WAITLISTED, ALLOCATED)
# on a tie in time, the later step of an interest's life wins
_STEP = {REQUESTED: 0, WAITLISTED: 1, ALLOCATED: 2, DECLINED: 3, RELEASED: 3, WITHDRAWN: 4}


class FeedEntryNotFound(CentresError):
    pass


class StateChangeRefused(CentresError):
    """The entry's state does not allow the change asked for."""


class NotClaimable(CentresError):
    """The centre cannot express interest from this entry."""


@dataclass(frozen=True)
class InterestUpdate:
    """What the partners service said about one interest of a centre, at the time it happened.

    `places_requested` None when unknown from this news (or asked for none); `places_allocated` what the interest
    holds after it (None when it says nothing about that); `waitlist_position` when it joined the line."""

    interest_id: UUID
    status: str
    at: datetime
    places_requested: int | None = None
    places_allocated: int | None = None
    waitlist_position: int | None = None


@dataclass(frozen=True)
class FeedEntryMarked:
    """The centre changed an entry's state by hand (never `claimed`: that comes from its interest)."""

    centre_id: UUID
    entry_id: UUID
    opportunity_id: UUID
    state: str
    previous_state: str
    marked_at: datetime


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
    state: str = NEW
    state_changed_at: datetime | None = None
    interest_id: UUID | None = None
    interest_status: str | None = None
    places_requested: int | None = None
    places_allocated: int | None = None
    waitlist_position: int | None = None
    interest_updated_at: datetime | None = None

    @property
    def retracted(self) -> bool:
        return self.retracted_at is not None

    @property
    def interest_open(self) -> bool:
        return self.interest_status in OPEN_INTEREST

    def mark(self, state: str, at: datetime) -> None:
        """The centre's own change of state (see the module's rules); the same state again changes nothing."""
        if state == self.state:
            return
        if state not in BY_HAND.get(self.state, ()):
            raise StateChangeRefused(f"A {self.state} entry cannot be marked {state}.")
        if self.state == CLAIMED and self.interest_open:
            raise StateChangeRefused(f"The entry is claimed while its interest is {self.interest_status}.")
        previous, self.state, self.state_changed_at = self.state, state, at
        self.events.append(FeedEntryMarked(self.centre_id, self.id, self.opportunity_id, state, previous, at))

    def check_claimable(self, opportunity: PublishedOpportunity) -> None:
        """Before asking the partners service: only a live entry of a published opportunity with no open interest."""
        if self.retracted:
            raise NotClaimable("The opportunity was retracted from the feed: it no longer fits the centre.")
        if opportunity.status != "published":
            raise NotClaimable(f"The opportunity is {opportunity.status}: it takes no interest.")
        if self.interest_open:
            raise NotClaimable(f"The centre's interest in it is already {self.interest_status}.")

    def follow(self, update: InterestUpdate, at: datetime) -> bool:
        """Records the partner's news about the centre's interest and claims the entry; news older than what is
        recorded changes nothing (it may only fill in the places the same interest asked for). True if applied."""
        if not self._newer(update):
            if update.interest_id == self.interest_id and self.places_requested is None:
                self.places_requested = update.places_requested
            return False
        if update.interest_id != self.interest_id:
            self.interest_id, self.places_requested, self.places_allocated = update.interest_id, None, None
        self.interest_status, self.interest_updated_at = update.status, update.at
        if update.places_requested is not None:
            self.places_requested = update.places_requested
        if update.places_allocated is not None:
            self.places_allocated = update.places_allocated
        self.waitlist_position = update.waitlist_position if update.status == WAITLISTED else None
        if self.state != CLAIMED:
            self.state, self.state_changed_at = CLAIMED, at
        return True

    def _newer(self, update: InterestUpdate) -> bool:
        if self.interest_updated_at is None or self.interest_status is None:
            return True
        recorded = (self.interest_updated_at, _STEP[self.interest_status])
        return (update.at, _STEP[update.status]) > recorded

    def explain(self, reasons: MatchReasons, delivery: str) -> None:
        """Brings the explanation up to date after an edit that did not change whether it matches."""
        self.reasons, self.score, self.recommended = reasons.as_dict(), reasons.score, reasons.profile
        self.delivery = delivery

    def retract(
        self, centre: CentreProfile, opportunity: PublishedOpportunity, changed: list[str], at: datetime
    ) -> None:
        if self.retracted:
            return
        self.retracted_at = at
        self.events.append(OpportunityUnmatched(centre.id, centre.name, opportunity, list(changed), at))

    def reinstate(
        self,
        centre: CentreProfile,
        opportunity: PublishedOpportunity,
        reasons: MatchReasons,
        delivery: str,
        at: datetime,
    ) -> None:
        """Retracted once, matching again after a later edit: back in the feed, as a new match (`new`, unless the
        centre's interest in it is still open: then it stays claimed)."""
        self.retracted_at, self.matched_at = None, at
        if not (self.state == CLAIMED and self.interest_open):
            self.state, self.state_changed_at = NEW, at
        self.explain(reasons, delivery)
        self.events.append(OpportunityMatched(centre.id, centre.name, opportunity, reasons, delivery, at))


def deliver(
    centre: CentreProfile,
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
        state=NEW,
        state_changed_at=now,
    )
    entry.events.append(OpportunityMatched(centre.id, centre.name, opportunity, reasons, delivery, now))
    return entry
