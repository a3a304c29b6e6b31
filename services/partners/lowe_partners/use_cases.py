"""The partners service's use cases: `verb_noun(cmd, uow)`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from lowe_partners.commands import (
    CreateOpportunity,
    PublishOpportunity,
    RegisterPartner,
    SuspendPartner,
    UpdateOpportunity,
    UpdatePartner,
    VerifyPartner,
    WithdrawOpportunity,
)
from lowe_partners.interest_repository import InterestRepository
from lowe_partners.interests import PlacesBook
from lowe_partners.listing import (
    Cursor,
    OpenOpportunityCounts,
    OpportunitiesById,
    OpportunityQuery,
    PartnerCursor,
    PartnerQuery,
)
from lowe_partners.model import Opportunity, OpportunityNotFound, Partner, PartnerNotFound, UnknownPartner
from lowe_partners.repository import OpportunityRepository, PartnerRepository

Clock = Callable[[], datetime]
SUSPENSION = "partner_suspended"
CLOSING_BATCH = 100


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork(Protocol):
    @property
    def partners(self) -> PartnerRepository: ...

    @property
    def opportunities(self) -> OpportunityRepository: ...

    @property
    def interests(self) -> InterestRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...


@dataclass(frozen=True)
class Page:
    items: list[Opportunity]
    next_cursor: str | None


@dataclass(frozen=True)
class PartnerPage:
    items: list[Partner]
    next_cursor: str | None  # None on the last page


class WithOpportunities(Protocol):
    @property
    def opportunities(self) -> OpportunityRepository: ...


def locked_opportunity(uow: WithOpportunities, opportunity_id: uuid.UUID) -> Opportunity:
    """The opportunity, its row locked until the unit of work ends (PostgreSQL), so changes to it queue up."""
    opportunity = uow.opportunities.get_for_update(opportunity_id)
    if opportunity is None:
        raise OpportunityNotFound(str(opportunity_id))
    return opportunity


def locked_partner(uow: UnitOfWork, partner_id: uuid.UUID) -> Partner:
    partner = uow.partners.get_for_update(partner_id)
    if partner is None:
        raise PartnerNotFound(str(partner_id))
    return partner


def register_partner(cmd: RegisterPartner, uow: UnitOfWork, now: Clock = utc_now) -> Partner:
    partner = Partner(
        id=uuid.uuid4(),
        name=cmd.name.strip(),
        sector=cmd.sector,
        email=cmd.email,
        voivodeship=cmd.voivodeship,
        created_at=now(),
    )
    partner.describe(cmd.profile)
    with uow:
        uow.partners.add(partner)
        uow.commit()
    return partner


def get_partner(partner_id: uuid.UUID, uow: UnitOfWork) -> Partner:
    with uow:
        partner = uow.partners.get(partner_id)
        if partner is None:
            raise PartnerNotFound(str(partner_id))
        return partner


def update_partner(cmd: UpdatePartner, uow: UnitOfWork, now: Clock = utc_now) -> Partner:
    """Changes only the details given (validated as registration validates them); nothing is written if any fails.
    A change that changes something publishes `partner_updated` in the same transaction; one that changes nothing
    publishes nothing."""
    with uow:
        partner = locked_partner(uow, cmd.partner_id)
        partner.change(cmd.changes, now())
        uow.commit()
    return partner


def list_partners(query: PartnerQuery, uow: UnitOfWork) -> PartnerPage:
    with uow:
        found = uow.partners.search(replace(query, limit=query.limit + 1))
    page, more = found[: query.limit], len(found) > query.limit
    return PartnerPage(page, PartnerCursor(page[-1].name, page[-1].id).encode() if more else None)


def count_partners_by_status(uow: UnitOfWork) -> dict[str, int]:
    with uow:
        return uow.partners.count_by_status()


def verify_partner(cmd: VerifyPartner, uow: UnitOfWork, now: Clock = utc_now) -> Partner:
    with uow:
        partner = locked_partner(uow, cmd.partner_id)
        partner.verify(now())
        uow.commit()
    return partner


def suspend_partner(cmd: SuspendPartner, uow: UnitOfWork, now: Clock = utc_now) -> Partner:
    """Withdraws every open opportunity of the partner in the same transaction, so the centres' feeds follow."""
    with uow:
        partner = locked_partner(uow, cmd.partner_id)
        at = now()
        partner.suspend(cmd.reason, at)
        for opportunity in uow.opportunities.open_of_partner(partner.id):
            opportunity.withdraw(SUSPENSION, at)
            _turn_away_interests(opportunity, uow, at)
        uow.commit()
    return partner


def create_opportunity(cmd: CreateOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> Opportunity:
    details = asdict(cmd)
    partner_id = details.pop("partner_id")
    details.update(title=cmd.title.strip(), description=cmd.description.strip())
    with uow:
        if uow.partners.get(partner_id) is None:
            raise UnknownPartner(str(partner_id))
        opportunity = Opportunity(id=uuid.uuid4(), partner_id=partner_id, created_at=now(), **details)
        opportunity.check_schedule()
        uow.opportunities.add(opportunity)
        uow.commit()
    return opportunity


def publish_opportunity(cmd: PublishOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> Opportunity:
    with uow:
        opportunity = locked_opportunity(uow, cmd.opportunity_id)
        partner = locked_partner(uow, opportunity.partner_id)
        opportunity.publish(partner, now())
        uow.commit()
    return opportunity


def update_opportunity(cmd: UpdateOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> Opportunity:
    with uow:
        opportunity = locked_opportunity(uow, cmd.opportunity_id)
        opportunity.update(cmd.changes, now())
        uow.commit()
    return opportunity


def withdraw_opportunity(cmd: WithdrawOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> Opportunity:
    with uow:
        opportunity = locked_opportunity(uow, cmd.opportunity_id)
        at = now()
        opportunity.withdraw("withdrawn_by_partner", at)
        _turn_away_interests(opportunity, uow, at)
        uow.commit()
    return opportunity


def _turn_away_interests(opportunity: Opportunity, uow: UnitOfWork, at: datetime) -> None:
    """Under the opportunity's row lock, as every decision about its places."""
    PlacesBook(opportunity, uow.interests.open_of_opportunity(opportunity.id)).turn_away(at)


def close_expired_opportunities(uow: UnitOfWork, now: Clock = utc_now, batch: int = CLOSING_BATCH) -> int:
    """Closes open opportunities whose deadline passed. Safe on several replicas: each row is claimed once."""
    with uow:
        at = now()
        due = uow.opportunities.due_for_closing(at, batch)
        for opportunity in due:
            opportunity.close("deadline_passed", at)
        uow.commit()
    return len(due)


def get_opportunity(opportunity_id: uuid.UUID, uow: UnitOfWork) -> Opportunity:
    with uow:
        opportunity = uow.opportunities.get(opportunity_id)
        if opportunity is None:
            raise OpportunityNotFound(str(opportunity_id))
        return opportunity


def get_opportunities(query: OpportunitiesById, uow: UnitOfWork) -> list[Opportunity]:
    """Those of the ids the reader may see (as the listing shows drafts), in one read."""
    with uow:
        return uow.opportunities.get_many(query)


def list_opportunities(query: OpportunityQuery, uow: UnitOfWork) -> Page:
    with uow:
        found = uow.opportunities.search(replace(query, limit=query.limit + 1))
    page, more = found[: query.limit], len(found) > query.limit
    return Page(page, Cursor(page[-1].created_at, page[-1].id).encode() if more else None)


def count_open_opportunities(uow: UnitOfWork) -> OpenOpportunityCounts:
    with uow:
        return uow.opportunities.count_open()
