"""The registry: LOWE centres and their subscriptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

RUNNING_BODIES = ("municipality", "association")
CENTRE_STATUSES = ("active", "inactive")
DELIVERIES = ("instant", "daily_digest")


class CentresError(Exception):
    pass


class CentreNotFound(CentresError):
    pass


class SubscriptionNotFound(CentresError):
    pass


@dataclass(eq=False)
class Centre:
    """A LOWE centre. `municipality` is the gmina it serves; its profile (`served_topics`, `target_groups`) finds
    it recommendations while it has no active subscription. An `inactive` centre is matched with nothing new."""

    id: UUID
    name: str
    voivodeship: str
    municipality: str
    created_at: datetime
    running_body: str | None = None  # municipality or association
    running_body_name: str | None = None
    host_school: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    powiat: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    email: str | None = None
    phone: str | None = None
    contact_person: str | None = None
    served_topics: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["pl"])
    status: str = "active"

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def has_profile(self) -> bool:
        return bool(self.served_topics or self.target_groups)

    def update(self, changes: dict[str, object]) -> None:
        for name, value in changes.items():
            setattr(self, name, value)


@dataclass(eq=False)
class Subscription:
    """What one centre wants to hear about. Empty `kinds`, `topics`, `target_groups` or `keywords` mean any;
    `nationwide` accepts every region, else `regions` (by default the centre's own voivodeship);
    `online_anywhere` also accepts online opportunities held anywhere; `free_only` refuses paid ones;
    `min_days_before_deadline` refuses opportunities whose deadline is nearer than that when matched.
    A paused subscription matches nothing new until resumed."""

    id: UUID
    centre_id: UUID
    name: str
    kinds: list[str]
    topics: list[str]
    regions: list[str]
    nationwide: bool
    delivery: str
    created_at: datetime
    target_groups: list[str] = field(default_factory=list)
    online_anywhere: bool = False
    free_only: bool = False
    keywords: list[str] = field(default_factory=list)
    min_days_before_deadline: int | None = None
    paused: bool = False
    paused_at: datetime | None = None

    def pause(self, at: datetime) -> None:
        """Pausing a paused subscription changes nothing (it stays paused since the first time)."""
        if not self.paused:
            self.paused, self.paused_at = True, at

    def resume(self) -> None:
        """Opportunities published while it was paused are not delivered afterwards."""
        self.paused, self.paused_at = False, None

    def change(self, changes: dict[str, object], active: bool | None, at: datetime) -> None:
        """Its filters and delivery as given (already resolved: regions or nationwide); `active` False pauses it, True
        resumes it, exactly as `pause` and `resume` do. What it already matched stays in the feeds."""
        for name, value in changes.items():
            setattr(self, name, value)
        if active is True:
            self.resume()
        elif active is False:
            self.pause(at)
