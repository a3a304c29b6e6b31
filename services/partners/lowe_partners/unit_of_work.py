from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork
from lowe_partners.integration import to_integration_event
from lowe_partners.repository import SqlAlchemyOpportunityRepository, SqlAlchemyPartnerRepository


class PartnersUnitOfWork(SqlAlchemyUnitOfWork):
    partners: SqlAlchemyPartnerRepository
    opportunities: SqlAlchemyOpportunityRepository

    def _open_repositories(self, session: Session) -> None:
        self.partners = SqlAlchemyPartnerRepository(session)
        self.opportunities = SqlAlchemyOpportunityRepository(session)

    def _collect_domain_events(self) -> list[tuple[str, int, dict[str, Any]]]:
        collected = []
        for opportunity in self.opportunities.seen:
            while opportunity.events:
                collected.append(to_integration_event(opportunity.events.pop(0)))
        return collected
