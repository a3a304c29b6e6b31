"""The events service's own record of the places partners allocated to centres, from the partners' events.

One allocation per interest: `places_allocated` makes it held, `places_released` leaves what is `still_held`.
The two travel on separate queues and may arrive out of order: a change older than the last one applied is
ignored. A centre holds an opportunity while one of its allocations is held (one accepted without a number
of places counts: the partner accepted the centre).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(eq=False)
class Allocation:
    interest_id: UUID
    opportunity_id: UUID
    partner_id: UUID
    centre_id: UUID
    places: int
    held: bool
    changed_at: datetime

    def allocated(self, places: int, at: datetime) -> None:
        if at >= self.changed_at:
            self.places, self.held, self.changed_at = places, True, at

    def released(self, still_held: int, at: datetime) -> None:
        if at >= self.changed_at:
            self.places, self.held, self.changed_at = still_held, still_held > 0, at
