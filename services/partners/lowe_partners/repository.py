"""Repositories: the domain's view of storage."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from sqlalchemy.orm import Session

from lowe_partners.model import Opportunity, Partner


class PartnerRepository(Protocol):
    def add(self, partner: Partner) -> None: ...
    def get(self, partner_id: UUID) -> Partner | None: ...


class OpportunityRepository(Protocol):
    seen: set[Opportunity]

    def add(self, opportunity: Opportunity) -> None: ...
    def get(self, opportunity_id: UUID) -> Opportunity | None: ...
    def get_for_update(self, opportunity_id: UUID) -> Opportunity | None: ...


class SqlAlchemyPartnerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, partner: Partner) -> None:
        self.session.add(partner)

    def get(self, partner_id: UUID) -> Partner | None:
        return self.session.get(Partner, partner_id)


class SqlAlchemyOpportunityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: set[Opportunity] = set()

    def add(self, opportunity: Opportunity) -> None:
        self.session.add(opportunity)
        self.seen.add(opportunity)

    def get(self, opportunity_id: UUID) -> Opportunity | None:
        opportunity = self.session.get(Opportunity, opportunity_id)
        if opportunity is not None:
            self.seen.add(opportunity)
        return opportunity

    def get_for_update(self, opportunity_id: UUID) -> Opportunity | None:
        """Locks the row (PostgreSQL) so concurrent state changes on replicas happen one after the other."""
        opportunity = self.session.get(Opportunity, opportunity_id, with_for_update=True)
        if opportunity is not None:
            self.seen.add(opportunity)
        return opportunity
