"""What the use cases need from the outside: a unit of work over the repositories, and a clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from lowe_centres.repository import CentreRepository, FeedRepository, OpportunityRepository, SubscriptionRepository

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

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...
