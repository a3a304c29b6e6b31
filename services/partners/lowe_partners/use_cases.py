"""The partners service's use cases: `verb_noun(cmd, uow)`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from lowe_partners.commands import CreateOpportunity, PublishOpportunity, RegisterPartner
from lowe_partners.model import Opportunity, OpportunityNotFound, Partner, PartnerNotFound
from lowe_partners.repository import OpportunityRepository, PartnerRepository

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork(Protocol):
    @property
    def partners(self) -> PartnerRepository: ...

    @property
    def opportunities(self) -> OpportunityRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...


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


def create_opportunity(cmd: CreateOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> Opportunity:
    with uow:
        if uow.partners.get(cmd.partner_id) is None:
            raise PartnerNotFound(str(cmd.partner_id))
        opportunity = Opportunity(
            id=uuid.uuid4(),
            partner_id=cmd.partner_id,
            kind=cmd.kind,
            title=cmd.title.strip(),
            description=cmd.description.strip(),
            topics=list(cmd.topics),
            target_groups=list(cmd.target_groups),
            regions=list(cmd.regions),
            created_at=now(),
        )
        uow.opportunities.add(opportunity)
        uow.commit()
    return opportunity


def publish_opportunity(cmd: PublishOpportunity, uow: UnitOfWork, now: Clock = utc_now) -> Opportunity:
    with uow:
        opportunity = uow.opportunities.get_for_update(cmd.opportunity_id)
        if opportunity is None:
            raise OpportunityNotFound(str(cmd.opportunity_id))
        partner = uow.partners.get(opportunity.partner_id)
        if partner is None:
            raise PartnerNotFound(str(opportunity.partner_id))
        opportunity.publish(partner, now())
        uow.commit()
    return opportunity


def get_opportunity(opportunity_id: uuid.UUID, uow: UnitOfWork) -> Opportunity:
    with uow:
        opportunity = uow.opportunities.get(opportunity_id)
        if opportunity is None:
            raise OpportunityNotFound(str(opportunity_id))
        return opportunity
