from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork
from lowe_partners.events import OpportunityUpdated
from lowe_partners.integration import to_integration_event
from lowe_partners.interest_repository import SqlAlchemyInterestRepository
from lowe_partners.repository import SqlAlchemyOpportunityRepository, SqlAlchemyPartnerRepository


class PartnersUnitOfWork(SqlAlchemyUnitOfWork):
    partners: SqlAlchemyPartnerRepository
    opportunities: SqlAlchemyOpportunityRepository
    interests: SqlAlchemyInterestRepository

    def _open_repositories(self, session: Session) -> None:
        self.partners = SqlAlchemyPartnerRepository(session)
        self.opportunities = SqlAlchemyOpportunityRepository(session)
        self.interests = SqlAlchemyInterestRepository(session)

    def commit(self) -> None:
        self.opportunities.sync_tags()
        super().commit()

    def _collect_domain_events(self) -> list[tuple[str, int, dict[str, Any]]]:
        collected = []
        for interest in self.interests.seen.values():  # first: an allocation comes before the closing it causes
            while interest.events:
                collected.append(to_integration_event(interest.events.pop(0)))
        for partner in self.partners.seen:
            while partner.events:
                collected.append(to_integration_event(partner.events.pop(0)))
        for opportunity in self.opportunities.seen:
            while opportunity.events:
                event = opportunity.events.pop(0)
                partner_name = (
                    self._partner_name(opportunity.partner_id) if isinstance(event, OpportunityUpdated) else ""
                )
                collected.append(to_integration_event(event, partner_name))
        return collected

    def _partner_name(self, partner_id: Any) -> str:
        partner = self.partners.get(partner_id)
        return partner.name if partner is not None else ""
