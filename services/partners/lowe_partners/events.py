"""What happens to partners and opportunities, as the domain records it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class OpportunityPublished:
    opportunity: Any  # the Opportunity, as published
    partner_name: str
    published_at: datetime


@dataclass(frozen=True)
class OpportunityUpdated:
    opportunity: Any
    changed: dict[str, Any]
    updated_at: datetime


@dataclass(frozen=True)
class OpportunityWithdrawn:
    opportunity_id: UUID
    partner_id: UUID
    reason: str
    withdrawn_at: datetime


@dataclass(frozen=True)
class OpportunityClosed:
    opportunity_id: UUID
    partner_id: UUID
    reason: str
    closed_at: datetime


@dataclass(frozen=True)
class PartnerVerified:
    partner_id: UUID
    name: str
    email: str
    verified_at: datetime


@dataclass(frozen=True)
class PartnerSuspended:
    partner_id: UUID
    name: str
    email: str
    reason: str
    suspended_at: datetime


@dataclass(frozen=True)
class PartnerUpdated:
    """The partner's own details changed: its current name and contact, and which fields changed."""

    partner_id: UUID
    name: str
    email: str
    contact_person: str | None
    phone: str | None
    changed: tuple[str, ...]
    updated_at: datetime
