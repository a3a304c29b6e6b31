"""What happens to centres' interests and an opportunity's places, as the domain records it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class InterestIds:
    """Who and what an interest concerns; every interest event carries these and no personal data."""

    interest_id: UUID
    opportunity_id: UUID
    partner_id: UUID
    centre_id: UUID


@dataclass(frozen=True)
class InterestExpressed:
    ids: InterestIds
    places: int | None  # asked for; None when the centre asked for no number of places
    expressed_at: datetime


@dataclass(frozen=True)
class PlacesAllocated:
    """The interest was accepted with `places` (0 when it asked for none); `promoted` from the waiting line."""

    ids: InterestIds
    places: int
    allocated: int  # on the whole opportunity, after this allocation
    remaining: int | None  # None when the opportunity has no limit
    promoted: bool
    allocated_at: datetime


@dataclass(frozen=True)
class InterestWaitlisted:
    ids: InterestIds
    places: int
    position: int  # 1 = next in line, when it joined the line
    waitlisted_at: datetime


@dataclass(frozen=True)
class InterestDeclined:
    ids: InterestIds
    places: int | None
    declined_at: datetime


@dataclass(frozen=True)
class PlacesReleased:
    ids: InterestIds
    places: int  # released now
    still_held: int  # by this interest, after the release
    allocated: int  # on the whole opportunity, after the release (and before any promotion)
    remaining: int | None
    released_at: datetime


@dataclass(frozen=True)
class InterestWithdrawn:
    """The centre gave up its interest (pending, waiting or allocated); `places_released` what it still held."""

    ids: InterestIds
    places_released: int
    withdrawn_at: datetime


@dataclass(frozen=True)
class OpportunityReopened:
    """A closed-for-`places_exhausted` opportunity has room again and nobody waits for it."""

    opportunity_id: UUID
    partner_id: UUID
    reason: str
    remaining: int | None
    reopened_at: datetime
