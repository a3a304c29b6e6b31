"""Partner organisations and their opportunities. Plain Python: no framework imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from lowe_backbone.contracts.vocabulary import ORGANISATION_TYPES
from lowe_partners.events import (
    OpportunityClosed,
    OpportunityPublished,
    OpportunityUpdated,
    OpportunityWithdrawn,
    PartnerSuspended,
    PartnerUpdated,
    PartnerVerified,
)
from lowe_partners.interest_events import OpportunityReopened


class PartnersError(Exception):
    pass


class PartnerNotFound(PartnersError):
    pass


class InvalidPartner(PartnersError):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


class UnknownPartner(PartnersError):
    """An opportunity names a partner that does not exist."""


class OpportunityNotFound(PartnersError):
    pass


class AlreadyPublished(PartnersError):
    pass


class PartnerNotVerified(PartnersError):
    pass


class NotChangeable(PartnersError):
    """The opportunity is closed or withdrawn, or the change does not apply in its state."""


class InvalidOpportunity(PartnersError):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


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
    status: str = "pending"
    status_changed_at: datetime | None = None
    events: list[object] = field(default_factory=list)

    def describe(self, profile: Profile) -> None:
        for name, value in vars(profile).items():
            setattr(self, name, value)

    def change(self, changes: dict[str, Any], now: datetime) -> dict[str, Any]:
        """The partner's own details (never its status); the organisation type must still fit the sector, whichever
        of the two changed. Nothing changes when that fails. Returns what differed; when anything did, the other
        services are told (`partner_updated`: the current name and contact, and which fields changed)."""
        sector = changes.get("sector", self.sector)
        organisation_type = changes.get("organisation_type", self.organisation_type)
        touched = "sector" in changes or "organisation_type" in changes
        if touched and sector in ORGANISATION_TYPES and organisation_type not in ORGANISATION_TYPES[sector]:
            allowed = ", ".join(ORGANISATION_TYPES[sector])
            raise InvalidPartner({"organisation_type": f"A {sector} partner is one of: {allowed}."})
        changed = {name: value for name, value in changes.items() if getattr(self, name) != value}
        for name, value in changed.items():
            setattr(self, name, value)
        if changed:
            self.events.append(
                PartnerUpdated(
                    self.id, self.name, self.email, self.contact_person, self.phone, tuple(sorted(changed)), now
                )
            )
        return changed

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def verify(self, now: datetime) -> None:
        if self.status == "verified":
            return
        self.status, self.status_changed_at = "verified", now
        self.events.append(PartnerVerified(self.id, self.name, self.email, now))

    def suspend(self, reason: str, now: datetime) -> None:
        """The caller withdraws the partner's open opportunities in the same unit of work."""
        if self.status == "suspended":
            return
        self.status, self.status_changed_at = "suspended", now
        self.events.append(PartnerSuspended(self.id, self.name, self.email, reason, now))


OPEN = "published"
FINISHED = ("closed", "withdrawn")


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
    delivery_mode: str = "on_site"
    languages: list[str] = field(default_factory=lambda: ["pl"])
    places: int | None = None
    cost_pln: Decimal | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    apply_by: datetime | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    links: list[str] = field(default_factory=list)
    status: str = "draft"
    published_at: datetime | None = None
    finished_at: datetime | None = None
    finish_reason: str | None = None
    events: list[object] = field(default_factory=list)

    @property
    def nationwide(self) -> bool:
        return not self.regions

    @property
    def free(self) -> bool:
        return not self.cost_pln

    @property
    def deadline(self) -> datetime | None:
        """When applying stops: the apply-by date, or else the start."""
        return self.apply_by or self.starts_at

    def check_schedule(self) -> None:
        problems = {}
        if self.apply_by and self.starts_at and self.apply_by > self.starts_at:
            problems["apply_by"] = "Applications must close no later than the start."
        if self.starts_at and self.ends_at and self.starts_at > self.ends_at:
            problems["ends_at"] = "The end must not come before the start."
        if problems:
            raise InvalidOpportunity(problems)

    def publish(self, partner: Partner, now: datetime) -> None:
        if partner.id != self.partner_id:
            raise OpportunityNotFound(str(self.id))
        if self.status != "draft":
            raise AlreadyPublished(str(self.id))
        if not partner.verified:
            raise PartnerNotVerified(str(partner.id))
        past: dict[str, str] = {
            name: "Must not be in the past when publishing."
            for name in ("apply_by", "starts_at", "ends_at")
            if getattr(self, name) is not None and getattr(self, name) <= now
        }
        if past:
            raise InvalidOpportunity(past)
        self.check_schedule()
        self.status, self.published_at = OPEN, now
        self.events.append(OpportunityPublished(self, partner.name, now))

    def update(self, changes: dict[str, Any], now: datetime) -> dict[str, Any]:
        """Applies the changes that differ; a published opportunity tells the centres what changed."""
        if self.status in FINISHED:
            raise NotChangeable(f"The opportunity is {self.status}.")
        changed = {name: value for name, value in changes.items() if getattr(self, name) != value}
        previous = {name: getattr(self, name) for name in changed}
        for name, value in changed.items():
            setattr(self, name, value)
        try:
            self.check_schedule()
            if self.status == OPEN:
                past: dict[str, str] = {
                    name: "Must not be in the past."
                    for name in ("apply_by", "starts_at", "ends_at")
                    if name in changed and changed[name] is not None and changed[name] <= now
                }
                if past:
                    raise InvalidOpportunity(past)
        except InvalidOpportunity:
            for name, value in previous.items():
                setattr(self, name, value)
            raise
        if changed and self.status == OPEN:
            self.events.append(OpportunityUpdated(self, changed, now))
        return changed

    def withdraw(self, reason: str, now: datetime) -> None:
        if self.status in FINISHED:
            raise NotChangeable(f"The opportunity is already {self.status}.")
        self.status, self.finished_at, self.finish_reason = "withdrawn", now, reason
        # every transition is an event, a draft's too: no consumer has to know it was never published
        self.events.append(OpportunityWithdrawn(self.id, self.partner_id, reason, now))

    def close(self, reason: str, now: datetime) -> None:
        if self.status != OPEN:
            raise NotChangeable(f"Only a published opportunity closes; this one is {self.status}.")
        self.status, self.finished_at, self.finish_reason = "closed", now, reason
        self.events.append(OpportunityClosed(self.id, self.partner_id, reason, now))

    def past_deadline(self, now: datetime) -> bool:
        return self.status == OPEN and self.deadline is not None and self.deadline <= now

    def reopen(self, reason: str, remaining: int | None, now: datetime) -> None:
        """Published again after closing for `places_exhausted`; the caller has found room and nobody waiting."""
        if self.status != "closed" or self.finish_reason != "places_exhausted":
            raise NotChangeable(f"Only an opportunity closed for lack of places reopens; this one is {self.status}.")
        if self.deadline is not None and self.deadline <= now:
            raise NotChangeable("Applications are over: the opportunity stays closed.")
        self.status, self.finished_at, self.finish_reason = OPEN, None, None
        self.events.append(OpportunityReopened(self.id, self.partner_id, reason, remaining, now))
