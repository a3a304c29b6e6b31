from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork
from lowe_centres.integration import to_integration_event
from lowe_centres.repository import (
    SqlAlchemyCentreRepository,
    SqlAlchemyFeedRepository,
    SqlAlchemyOpportunityRepository,
    SqlAlchemySubscriptionRepository,
)


class CentresUnitOfWork(SqlAlchemyUnitOfWork):
    centres: SqlAlchemyCentreRepository
    subscriptions: SqlAlchemySubscriptionRepository
    opportunities: SqlAlchemyOpportunityRepository
    feed: SqlAlchemyFeedRepository

    def _open_repositories(self, session: Session) -> None:
        self.centres = SqlAlchemyCentreRepository(session)
        self.subscriptions = SqlAlchemySubscriptionRepository(session)
        self.opportunities = SqlAlchemyOpportunityRepository(session)
        self.feed = SqlAlchemyFeedRepository(session)

    def _collect_domain_events(self) -> list[tuple[str, int, dict[str, Any]]]:
        collected = []
        for entry in self.feed.seen:
            while entry.events:
                collected.append(to_integration_event(entry.events.pop(0)))
        return collected
