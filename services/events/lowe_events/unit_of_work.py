from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork
from lowe_events.integration import to_integration_event
from lowe_events.repository import (
    SqlAlchemyAllocationRepository,
    SqlAlchemyAttendanceRepository,
    SqlAlchemyEventRepository,
    SqlAlchemyRegistrationRepository,
)


class EventsUnitOfWork(SqlAlchemyUnitOfWork):
    events: SqlAlchemyEventRepository
    registrations: SqlAlchemyRegistrationRepository
    attendance: SqlAlchemyAttendanceRepository
    allocations: SqlAlchemyAllocationRepository

    def _open_repositories(self, session: Session) -> None:
        self.events = SqlAlchemyEventRepository(session)
        self.registrations = SqlAlchemyRegistrationRepository(session)
        self.attendance = SqlAlchemyAttendanceRepository(session)
        self.allocations = SqlAlchemyAllocationRepository(session)

    def _collect_domain_events(self) -> list[tuple[str, int, dict[str, Any]]]:
        """The event is the aggregate: its registrations' events are recorded on it, in the order they happened."""
        collected = []
        for event in self.events.seen:
            while event.events:
                collected.append(to_integration_event(event.events.pop(0)))
        return collected
