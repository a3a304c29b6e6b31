"""Partner organisations and their opportunities. Plain Python: no framework imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID


class PartnersError(Exception):
    pass


class PartnerNotFound(PartnersError):
    pass


class OpportunityNotFound(PartnersError):
    pass


class AlreadyPublished(PartnersError):
    pass


@dataclass(frozen=True)
class OpportunityPublished:
    opportunity_id: UUID
    partner_id: UUID
    partner_name: str
    kind: str
    title: str
    description: str
    topics: list[str]
    target_groups: list[str]
    regions: list[str]
    nationwide: bool
    published_at: datetime


@dataclass(frozen=True)
class Profile:
    """Who the partner is and how to reach it; registry identifiers are already validated."""

    organisation_type: str
    description: str = ""
    website: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    nip: str | None = None
    regon: str | None = None
    krs: str | None = None
    erasmus_oid: str | None = None


@dataclass(eq=False)
class Partner:
    id: UUID
    name: str
    sector: str
    email: str
    voivodeship: str
    created_at: datetime
    organisation_type: str = "other"
    description: str = ""
    website: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    nip: str | None = None
    regon: str | None = None
    krs: str | None = None
    erasmus_oid: str | None = None

    def describe(self, profile: Profile) -> None:
        for name, value in vars(profile).items():
            setattr(self, name, value)


@dataclass(eq=False)
class Opportunity:
    id: UUID
    partner_id: UUID
    kind: str
    title: str
    description: str
    topics: list[str]
    target_groups: list[str]
    regions: list[str]
    created_at: datetime
    status: str = "draft"
    published_at: datetime | None = None
    events: list[object] = field(default_factory=list)

    @property
    def nationwide(self) -> bool:
        return not self.regions

    def publish(self, partner: Partner, now: datetime) -> None:
        if partner.id != self.partner_id:
            raise OpportunityNotFound(str(self.id))
        if self.status == "published":
            raise AlreadyPublished(str(self.id))
        self.status = "published"
        self.published_at = now
        self.events.append(
            OpportunityPublished(
                opportunity_id=self.id,
                partner_id=self.partner_id,
                partner_name=partner.name,
                kind=self.kind,
                title=self.title,
                description=self.description,
                topics=list(self.topics),
                target_groups=list(self.target_groups),
                regions=list(self.regions),
                nationwide=self.nationwide,
                published_at=now,
            )
        )
