"""In-memory stand-ins for the partners service's repositories and unit of work."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from lowe_partners.model import Opportunity, Partner
from tests.unit.fakes import FakeUnitOfWorkBase


class FakePartnerRepository:
    def __init__(self, partners: list[Partner] | None = None) -> None:
        self._partners = {partner.id: partner for partner in partners or []}

    def add(self, partner: Partner) -> None:
        self._partners[partner.id] = partner

    def get(self, partner_id: UUID) -> Partner | None:
        return self._partners.get(partner_id)

    def all(self) -> list[Partner]:
        return list(self._partners.values())


class FakeOpportunityRepository:
    def __init__(self, opportunities: list[Opportunity] | None = None) -> None:
        self._opportunities = {opportunity.id: opportunity for opportunity in opportunities or []}
        self.seen: set[Opportunity] = set()

    def add(self, opportunity: Opportunity) -> None:
        self._opportunities[opportunity.id] = opportunity
        self.seen.add(opportunity)

    def get(self, opportunity_id: UUID) -> Opportunity | None:
        opportunity = self._opportunities.get(opportunity_id)
        if opportunity is not None:
            self.seen.add(opportunity)
        return opportunity

    def get_for_update(self, opportunity_id: UUID) -> Opportunity | None:
        return self.get(opportunity_id)

    def all(self) -> list[Opportunity]:
        return list(self._opportunities.values())


class FakeUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.partners = FakePartnerRepository()
        self.opportunities = FakeOpportunityRepository()

    def _seen_aggregates(self) -> list[Any]:
        return list(self.opportunities.seen)
