"""In-memory stand-ins for the partners service's repositories and unit of work."""

from __future__ import annotations

from uuid import UUID

from lowe_partners.model import Opportunity, Partner


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


class FakeUnitOfWork:
    """Like the real one, `commit` collects the domain events of every opportunity it has seen."""

    def __init__(self) -> None:
        self.partners = FakePartnerRepository()
        self.opportunities = FakeOpportunityRepository()
        self.committed = False
        self.events: list[object] = []

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def commit(self) -> None:
        for opportunity in self.opportunities.seen:
            while opportunity.events:
                self.events.append(opportunity.events.pop(0))
        self.committed = True

    def rollback(self) -> None:
        """Nothing to undo in memory; committed work stays committed."""

    def reset(self) -> None:
        """Forgets what earlier steps of a test committed, so the next step is observed alone."""
        self.committed = False
        self.events.clear()
