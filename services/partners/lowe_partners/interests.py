"""Centres' interest in opportunities and how an opportunity's places are shared. Plain Python.

A centre expresses interest (optionally asking for places); the partner accepts or declines it. Accepting
allocates the places when they fit and nobody earlier waits, and waitlists the interest otherwise. The
waiting line is served strictly first-in first-out by when the interest was expressed: it moves only while
its head fits. An opportunity whose places run out closes; freed places reopen it when nobody waits.
The centre may withdraw its open interest: what it holds is released as a release would, then it is withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from lowe_partners.interest_events import (
    InterestDeclined,
    InterestExpressed,
    InterestIds,
    InterestWaitlisted,
    InterestWithdrawn,
    PlacesAllocated,
    PlacesReleased,
)
from lowe_partners.model import OPEN, Opportunity, OpportunityNotFound, PartnersError

PENDING, WAITLISTED, ACCEPTED = "pending", "waitlisted", "accepted"
DECLINED, RELEASED, WITHDRAWN = "declined", "released", "withdrawn"
OPEN_STATUSES = (PENDING, WAITLISTED, ACCEPTED)  # at most one of these per (opportunity, centre)
PLACES_EXHAUSTED, PLACES_FREED = "places_exhausted", "places_freed"


class InterestNotFound(PartnersError):
    pass


class InterestAlreadyExpressed(PartnersError):
    def __init__(self, existing_id: UUID) -> None:
        super().__init__(str(existing_id))
        self.existing_id = existing_id


class NotOpenForInterest(PartnersError):
    """The opportunity takes no interest (or no decision on one) in its state."""


class InterestNotChangeable(PartnersError):
    """The interest's state does not allow the step."""


class PlacesUnavailable(PartnersError):
    """The places asked for or given back do not fit what the opportunity or the interest has."""


@dataclass(eq=False)
class Interest:
    id: UUID
    opportunity_id: UUID
    partner_id: UUID
    centre_id: UUID
    expressed_at: datetime
    places: int | None = None
    note: str | None = None
    status: str = PENDING
    allocated: int = 0
    decided_at: datetime | None = None
    allocated_at: datetime | None = None
    released_at: datetime | None = None
    withdrawn_at: datetime | None = None
    events: list[object] = field(default_factory=list)

    @property
    def ids(self) -> InterestIds:
        return InterestIds(self.id, self.opportunity_id, self.partner_id, self.centre_id)

    @property
    def line_key(self) -> tuple[datetime, UUID]:
        """Its place in the waiting line: who expressed interest first comes first."""
        return self.expressed_at, self.id

    @classmethod
    def express(
        cls,
        interest_id: UUID,
        opportunity: Opportunity,
        centre_id: UUID,
        places: int | None,
        note: str | None,
        already_open: Interest | None,
        now: datetime,
    ) -> Interest:
        """A centre's new interest; `already_open` is the centre's open interest in the opportunity, if any. A draft is
        private to its partner: to a centre it does not exist."""
        if opportunity.status == "draft":
            raise OpportunityNotFound(str(opportunity.id))
        if opportunity.status != OPEN or opportunity.past_deadline(now):
            state = "past its deadline" if opportunity.status == OPEN else opportunity.status
            raise NotOpenForInterest(f"The opportunity takes no interest: it is {state}.")
        if already_open is not None:
            raise InterestAlreadyExpressed(already_open.id)
        if places is not None and opportunity.places is not None and places > opportunity.places:
            raise PlacesUnavailable(f"The opportunity has {opportunity.places} places in all.")
        interest = cls(interest_id, opportunity.id, opportunity.partner_id, centre_id, now, places, note)
        interest.events.append(InterestExpressed(interest.ids, places, now))
        return interest

    def require(self, action: str, *statuses: str) -> None:
        if self.status not in statuses:
            allowed = " or ".join(statuses)
            raise InterestNotChangeable(f"The interest is {self.status}; it {action} only when {allowed}.")


@dataclass(frozen=True)
class PlacesSummary:
    opportunity_id: UUID
    status: str
    places: int | None
    allocated: int
    remaining: int | None
    waiting: list[UUID]  # the line, first to be served first

    def position(self, interest_id: UUID) -> int | None:
        return self.waiting.index(interest_id) + 1 if interest_id in self.waiting else None


class PlacesBook:
    """One opportunity's places and the open interests holding or awaiting them.

    Build it from what storage holds under the opportunity's row lock: every decision is made against it,
    so concurrent decisions on replicas happen one after the other and never overbook.
    """

    def __init__(self, opportunity: Opportunity, open_interests: list[Interest]) -> None:
        self.opportunity = opportunity
        self._interests = {interest.id: interest for interest in open_interests}

    @property
    def limit(self) -> int | None:
        return self.opportunity.places

    @property
    def allocated(self) -> int:
        return sum(interest.allocated for interest in self._interests.values() if interest.status == ACCEPTED)

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.allocated, 0)

    @property
    def waiting(self) -> list[Interest]:
        line = [interest for interest in self._interests.values() if interest.status == WAITLISTED]
        return sorted(line, key=lambda interest: interest.line_key)

    def summary(self) -> PlacesSummary:
        waiting = [interest.id for interest in self.waiting]
        opportunity = self.opportunity
        return PlacesSummary(opportunity.id, opportunity.status, self.limit, self.allocated, self.remaining, waiting)

    def accept(self, interest: Interest, now: datetime) -> None:
        self._include(interest)
        interest.require("can be accepted", PENDING)
        if self.opportunity.status not in (OPEN, "closed"):
            raise NotOpenForInterest(f"The opportunity is {self.opportunity.status}.")
        asked = interest.places
        if asked is not None and self.limit is not None and asked > self.limit:
            raise PlacesUnavailable(f"The interest asks for {asked} places; the opportunity has {self.limit}.")
        interest.decided_at = now
        if asked is None:
            self._allocate(interest, 0, now, promoted=False)
        elif self._first_in_line(interest) and self._fits(asked):
            self._allocate(interest, asked, now, promoted=False)
        else:
            interest.status = WAITLISTED
            position = [waiting.id for waiting in self.waiting].index(interest.id) + 1
            interest.events.append(InterestWaitlisted(interest.ids, asked, position, now))
        self._settle(now)

    def decline(self, interest: Interest, now: datetime) -> None:
        self._include(interest)
        interest.require("can be declined", PENDING, WAITLISTED)
        interest.status, interest.decided_at = DECLINED, now
        interest.events.append(InterestDeclined(interest.ids, interest.places, now))
        self._settle(now)  # declining the head of the line may let the next one in

    def release(self, interest: Interest, places: int | None, now: datetime) -> None:
        """Gives back `places` of what the interest holds, or all of it."""
        self._include(interest)
        interest.require("can release places", ACCEPTED)
        given_back = interest.allocated if places is None else places
        if places is not None and not 1 <= places <= interest.allocated:
            raise PlacesUnavailable(f"The interest holds {interest.allocated} places; it cannot release {places}.")
        interest.allocated -= given_back
        interest.released_at = now
        if interest.allocated == 0:
            interest.status = RELEASED
        released = PlacesReleased(interest.ids, given_back, interest.allocated, self.allocated, self.remaining, now)
        interest.events.append(released)
        self._settle(now)

    def withdraw(self, interest: Interest, now: datetime) -> int:
        """The centre gives up its open interest. Places it holds are released first, exactly as `release` gives
        them back (`places_released`, then the waiting line moves and the opportunity may reopen); the interest is
        then `withdrawn` (`interest_withdrawn`). Returns the places released."""
        self._include(interest)
        interest.require("can be withdrawn", PENDING, WAITLISTED, ACCEPTED)
        held = interest.allocated
        if interest.status == ACCEPTED:
            interest.allocated, interest.released_at = 0, now
            interest.status = RELEASED
            released = PlacesReleased(interest.ids, held, 0, self.allocated, self.remaining, now)
            interest.events.append(released)
        interest.status, interest.withdrawn_at = WITHDRAWN, now
        interest.events.append(InterestWithdrawn(interest.ids, held, now))
        self._settle(now)  # a place freed, or the head of the line gone, may let the next one in
        return held

    def turn_away(self, now: datetime) -> None:
        """The opportunity was withdrawn: every interest still pending or waiting is declined, so its centre knows it
        will not be met; places already allocated stay on record (the centre learns of the withdrawal itself)."""
        for interest in self._interests.values():
            if interest.status in (PENDING, WAITLISTED):
                interest.status, interest.decided_at = DECLINED, now
                interest.events.append(InterestDeclined(interest.ids, interest.places, now))

    def _include(self, interest: Interest) -> None:
        if interest.opportunity_id != self.opportunity.id:
            raise InterestNotFound(str(interest.id))
        self._interests.setdefault(interest.id, interest)

    def _first_in_line(self, interest: Interest) -> bool:
        return not any(waiting.line_key < interest.line_key for waiting in self.waiting)

    def _fits(self, places: int | None) -> bool:
        remaining = self.remaining
        return places is None or remaining is None or places <= remaining

    def _allocate(self, interest: Interest, places: int, now: datetime, promoted: bool) -> None:
        interest.status, interest.allocated, interest.allocated_at = ACCEPTED, places, now
        allocated = PlacesAllocated(interest.ids, places, self.allocated, self.remaining, promoted, now)
        interest.events.append(allocated)

    def _settle(self, now: datetime) -> None:
        """Serves the line while its head fits, then closes or reopens the opportunity as its places say."""
        opportunity = self.opportunity
        if opportunity.status not in (OPEN, "closed"):
            return
        for head in self.waiting:
            if not self._fits(head.places):
                break  # strictly first-in first-out: nobody overtakes the head
            self._allocate(head, head.places or 0, now, promoted=True)
        exhausted = self.remaining == 0
        if exhausted and opportunity.status == OPEN:
            opportunity.close(PLACES_EXHAUSTED, now)
        elif self._may_reopen(exhausted, now):
            opportunity.reopen(PLACES_FREED, self.remaining, now)

    def _may_reopen(self, exhausted: bool, now: datetime) -> bool:
        opportunity = self.opportunity
        closed_for_places = opportunity.status == "closed" and opportunity.finish_reason == PLACES_EXHAUSTED
        before_deadline = opportunity.deadline is None or opportunity.deadline > now
        return closed_for_places and not exhausted and not self.waiting and before_deadline
