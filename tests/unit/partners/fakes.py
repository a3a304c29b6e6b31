"""In-memory stand-ins for the partners service's repositories and unit of work, and builders for its objects."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from lowe_partners.listing import OpportunityQuery
from lowe_partners.model import OPEN, Opportunity, Partner
from tests.unit.fakes import FakeUnitOfWorkBase
from tests.unit.partners.interest_fakes import FakeInterests

REGISTERED_AT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CREATED_AT = datetime(2025, 3, 2, 10, 0, tzinfo=UTC)
NOW = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)
DAY = timedelta(days=1)


class FakePartnerRepository:
    def __init__(self, partners: list[Partner] | None = None) -> None:
        self._partners = {partner.id: partner for partner in partners or []}
        self.seen: set[Partner] = set()
        self.locked: set[UUID] = set()  # what `get_for_update` claimed, as a row lock would

    def add(self, partner: Partner) -> None:
        self._partners[partner.id] = partner
        self.seen.add(partner)

    def get(self, partner_id: UUID) -> Partner | None:
        partner = self._partners.get(partner_id)
        if partner is not None:
            self.seen.add(partner)
        return partner

    def get_for_update(self, partner_id: UUID) -> Partner | None:
        self.locked.add(partner_id)
        return self.get(partner_id)

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
        return None if opportunity is None else self._track(opportunity)

    def get_for_update(self, opportunity_id: UUID) -> Opportunity | None:
        return self.get(opportunity_id)

    def open_of_partner(self, partner_id: UUID) -> list[Opportunity]:
        return [
            self._track(found)
            for found in self._opportunities.values()
            if found.partner_id == partner_id and found.status == OPEN
        ]

    def due_for_closing(self, now: datetime, limit: int) -> list[Opportunity]:
        due = [found for found in self._opportunities.values() if found.status == OPEN and found.past_deadline(now)]
        due.sort(key=lambda found: found.deadline or now)
        return [self._track(found) for found in due[:limit]]

    def search(self, query: OpportunityQuery) -> list[Opportunity]:
        raise NotImplementedError("searching is tested against a database")

    def all(self) -> list[Opportunity]:
        return list(self._opportunities.values())

    def _track(self, opportunity: Opportunity) -> Opportunity:
        self.seen.add(opportunity)
        return opportunity


class FakeUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self, partners: list[Partner] | None = None, opportunities: list[Opportunity] | None = None) -> None:
        super().__init__()
        self.partners = FakePartnerRepository(partners)
        self.opportunities = FakeOpportunityRepository(opportunities)
        self.interests = FakeInterests()

    def _seen_aggregates(self) -> list[Any]:
        # like PartnersUnitOfWork: the partners' events first, then the interests', then the opportunities'
        return [*self.partners.seen, *self.interests.seen.values(), *self.opportunities.seen]


def a_partner(status: str = "verified", name: str = "Fundacja Cyfrowa") -> Partner:
    return Partner(
        id=uuid.uuid4(),
        name=name,
        sector="social",
        email="kontakt@fundacja.example",
        voivodeship="14",
        created_at=REGISTERED_AT,
        status=status,
    )


def an_opportunity(partner: Partner, status: str = "draft", **details: Any) -> Opportunity:
    """A stored opportunity in the given state, as a repository would hand it out (no pending events)."""
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "partner_id": partner.id,
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        "created_at": CREATED_AT,
        "status": status,
    }
    if status != "draft":
        fields["published_at"] = CREATED_AT
    if status in ("closed", "withdrawn"):
        fields.update(finished_at=CREATED_AT, finish_reason="earlier")
    fields.update(details)
    return Opportunity(**fields)
