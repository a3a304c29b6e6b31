"""A person's registration for an event: the least personal data that works, and what they consented to.

Name and one way to reach them (e-mail or phone), with the consent (its time and the version of the text agreed
to). Demographic data for funders' indicators only with a second, explicit consent; disability, being health
data, only when that consent covers health data too. Erasure removes all of it and keeps the anonymous rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"
DEFAULT_LANGUAGE = "pl"  # of the messages the person gets: pl or en
ACTIVE_STATUSES = (CONFIRMED, WAITLISTED)


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class Consent:
    version: str
    given_at: datetime


@dataclass(frozen=True)
class Demographics:
    """Given with its own consent; `health_data` when that consent also covers `disability`."""

    consent: Consent
    health_data: bool = False
    age_band: str | None = None
    gender: str | None = None
    labour_market_status: str | None = None
    target_groups: list[str] = field(default_factory=list)
    disability: bool | None = None


@dataclass(eq=False)
class Registration:
    id: UUID
    event_id: UUID
    centre_id: UUID
    sequence: int  # the order registrations came in, per event
    status: str
    registered_at: datetime
    consent_version: str
    consent_at: datetime
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    demographics_consent_version: str | None = None
    demographics_consent_at: datetime | None = None
    health_data_consent: bool = False
    age_band: str | None = None
    gender: str | None = None
    labour_market_status: str | None = None
    target_groups: list[str] = field(default_factory=list)
    disability: bool | None = None
    confirmed_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    erased_at: datetime | None = None
    language: str = DEFAULT_LANGUAGE  # not personal data: it stays after an erasure

    @classmethod
    def new(
        cls,
        registration_id: UUID,
        event_id: UUID,
        centre_id: UUID,
        sequence: int,
        contact: Contact,
        consent: Consent,
        demographics: Demographics | None,
        now: datetime,
        language: str = DEFAULT_LANGUAGE,
    ) -> Registration:
        registration = cls(
            registration_id,
            event_id,
            centre_id,
            sequence,
            WAITLISTED,
            now,
            consent.version,
            consent.given_at,
            name=contact.name,
            email=contact.email,
            phone=contact.phone,
            language=language,
        )
        if demographics is not None:
            registration._describe(demographics)
        return registration

    def _describe(self, demographics: Demographics) -> None:
        self.demographics_consent_version = demographics.consent.version
        self.demographics_consent_at = demographics.consent.given_at
        self.health_data_consent = demographics.health_data
        self.age_band, self.gender = demographics.age_band, demographics.gender
        self.labour_market_status = demographics.labour_market_status
        self.target_groups = sorted(set(demographics.target_groups))
        self.disability = demographics.disability if demographics.health_data else None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    @property
    def demographics_consented(self) -> bool:
        return self.demographics_consent_version is not None

    @property
    def contact_channel(self) -> str | None:
        if self.email:
            return "email"
        return "phone" if self.phone else None

    def same_person(self, email: str | None, phone: str | None) -> bool:
        return bool((email and self.email == email) or (phone and self.phone == phone))

    def erase(self, at: datetime) -> None:
        """Nothing that names or describes the person stays; status, sequence and attendance stay, anonymous."""
        self.name = self.email = self.phone = None
        self.demographics_consent_version = self.demographics_consent_at = None
        self.health_data_consent = False
        self.age_band = self.gender = self.labour_market_status = None
        self.target_groups, self.disability = [], None
        self.erased_at = at
