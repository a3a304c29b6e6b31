"""One event's places and the registrations holding or awaiting them.

Build it from what storage holds under the event's row lock: every decision is made against it, so concurrent
registrations on any replica happen one after the other and never overbook. The waiting line is served strictly
first-in first-out, by the order registrations came in (`sequence`).
"""

from __future__ import annotations

from datetime import datetime

from lowe_events.model.domain_events import (
    RegistrationCancelled,
    RegistrationConfirmed,
    RegistrationIds,
    RegistrationPromoted,
    RegistrationWaitlisted,
)
from lowe_events.model.errors import (
    AlreadyRegistered,
    CapacityBelowConfirmed,
    RegistrationNotChangeable,
    RegistrationNotFound,
)
from lowe_events.model.event import Event
from lowe_events.model.registrations import CANCELLED, CONFIRMED, WAITLISTED, Registration


class Roster:
    def __init__(self, event: Event, registrations: list[Registration]) -> None:
        self.event = event
        self._registrations = {registration.id: registration for registration in registrations}

    @property
    def confirmed(self) -> list[Registration]:
        return self._with(CONFIRMED)

    @property
    def waiting(self) -> list[Registration]:
        """First in line first."""
        return self._with(WAITLISTED)

    @property
    def everyone(self) -> list[Registration]:
        """In the order they came."""
        return sorted(self._registrations.values(), key=lambda registration: registration.sequence)

    @property
    def free_places(self) -> int:
        return max(self.event.capacity - len(self.confirmed), 0)

    def position(self, registration: Registration) -> int | None:
        line = self.waiting
        return line.index(registration) + 1 if registration in line else None

    def register(self, registration: Registration, now: datetime) -> None:
        """Confirmed while places remain and nobody waits; otherwise at the end of the waiting line."""
        self.event.require_open()
        for other in self.everyone:
            if other.active and other.same_person(registration.email, registration.phone):
                same = "email" if registration.email and other.email == registration.email else "phone"
                raise AlreadyRegistered(same)
        place_free = self.free_places > 0 and not self.waiting
        self._registrations[registration.id] = registration
        ids = RegistrationIds.of(registration)
        if place_free:
            registration.status, registration.confirmed_at = CONFIRMED, now
            self.event.events.append(RegistrationConfirmed(ids, now))
        else:
            registration.status = WAITLISTED
            position = self.position(registration)
            assert position is not None
            self.event.events.append(RegistrationWaitlisted(ids, position, now))

    def cancel(self, registration: Registration, now: datetime, reason: str = "cancelled") -> None:
        """Gives up a place (the first waiting takes it) or a place in the line."""
        if registration.id not in self._registrations:
            raise RegistrationNotFound(str(registration.id))
        if not registration.active:
            raise RegistrationNotChangeable(f"The registration is {registration.status}.")
        previous = registration.status
        registration.status, registration.cancelled_at, registration.cancel_reason = CANCELLED, now, reason
        ids = RegistrationIds.of(registration)
        self.event.events.append(RegistrationCancelled(ids, previous, reason, now))
        self.promote(now)

    def resize(self, capacity: int, now: datetime) -> None:
        """No confirmed place is ever taken back: a capacity below those confirmed is refused."""
        if capacity < len(self.confirmed):
            raise CapacityBelowConfirmed(
                f"{len(self.confirmed)} places are confirmed; the capacity cannot go below that."
            )
        self.event.capacity = capacity
        self.promote(now)

    def promote(self, now: datetime) -> None:
        if self.event.cancelled:
            return
        for registration in self.waiting[: self.free_places]:
            registration.status, registration.confirmed_at = CONFIRMED, now
            self.event.events.append(RegistrationPromoted(RegistrationIds.of(registration), now))

    def _with(self, status: str) -> list[Registration]:
        return [registration for registration in self.everyone if registration.status == status]
