"""What the use cases need from the outside: a unit of work over the repositories, a clock, and the partners
service (for interests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from lowe_centres.repository import (
    CentreRepository,
    FeedRepository,
    OpportunityRepository,
    PartnerNameRepository,
    SubscriptionRepository,
)

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

    @property
    def partner_names(self) -> PartnerNameRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...
    def commit_progress(self) -> None: ...


@dataclass(frozen=True)
class ExpressedInterest:
    """The interest the partners service recorded for the centre; `reply` its whole answer, as it gave it."""

    id: UUID
    places: int | None
    expressed_at: datetime
    reply: dict[str, Any] = field(default_factory=dict, compare=False)


class Partners(Protocol):
    """The partners service, which owns interests and places: its refusals reach the caller as they are."""

    def express_interest(
        self, opportunity_id: UUID, centre_id: UUID, places: int | None, note: str | None = None
    ) -> ExpressedInterest: ...
