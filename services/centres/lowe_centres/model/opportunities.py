"""The centres service's own copy of what partners published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

DAY = timedelta(days=1)


@dataclass(eq=False)
class PublishedOpportunity:
    """Kept from `opportunity_published` and `opportunity_updated`, with its status from the later lifecycle events."""

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
    delivery_mode: str = "on_site"
    free: bool = True
    cost_pln: Decimal | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    apply_by: datetime | None = None
    partner_id: UUID | None = None
    partner_name_at: datetime | None = None  # as of when `partner_name` is known (the newest news wins)

    @property
    def online(self) -> bool:
        """Only fully online ones: a hybrid opportunity still needs someone on site."""
        return self.delivery_mode == "online"

    @property
    def deadline(self) -> datetime | None:
        """The last moment to join: applications close at `apply_by`, else it starts at `starts_at`."""
        return self.apply_by or self.starts_at

    def days_to_deadline(self, now: datetime) -> float | None:
        deadline = self.deadline
        return None if deadline is None else (deadline - now) / DAY

    def revise(self, details: dict[str, object]) -> None:
        """The partner edited it; a copy that already finished stays finished."""
        for name, value in details.items():
            setattr(self, name, value)

    def name_partner(self, name: str, at: datetime) -> bool:
        """The partner's name as of `at`: taken only when it is no older than the one the copy has."""
        if self.partner_name_at is not None and at < self.partner_name_at:
            return False
        changed = name != self.partner_name
        self.partner_name, self.partner_name_at = name, at
        return changed

    def finish(self, status: str, reason: str, at: datetime) -> None:
        self._change_status(status, reason, at)

    def reopen(self, at: datetime) -> None:
        self._change_status("published", None, at)

    def _change_status(self, status: str, reason: str | None, at: datetime) -> None:
        """Events about one opportunity travel on separate queues; the latest change wins, whatever arrives last."""
        if self.status_changed_at is not None and at < self.status_changed_at:
            return
        self.status, self.status_reason, self.status_changed_at = status, reason, at


@dataclass(eq=False)
class PartnerName:
    """A partner's newest name from `partner_updated`, for copies that arrive after it (their news being older)."""

    partner_id: UUID
    name: str
    updated_at: datetime

    def learn(self, name: str, at: datetime) -> bool:
        if at < self.updated_at:
            return False
        self.name, self.updated_at = name, at
        return True
