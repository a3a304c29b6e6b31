"""What the use cases need from the outside: a unit of work over the repositories, and a clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from lowe_events.repository import (
    AllocationRepository,
    AttendanceRepository,
    EventRepository,
    RegistrationRepository,
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork(Protocol):
    @property
    def events(self) -> EventRepository: ...

    @property
    def registrations(self) -> RegistrationRepository: ...

    @property
    def attendance(self) -> AttendanceRepository: ...

    @property
    def allocations(self) -> AllocationRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...
