"""What the partners service is asked to do, validated at its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, fields, validate

from lowe_backbone.contracts.vocabulary import (
    PARTNER_SECTORS,
    VOIVODESHIPS,
)
from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import NonBlank, NoNul, load_id, load_or_raise
from lowe_partners.model import Profile
from lowe_partners.opportunity_schema import OpportunityDetailsSchema
from lowe_partners.profile_schema import ProfileFields, profile_from

MAX_BATCH_IDS = 100  # ids per batch read: a page of the portal asks about one page's worth at most


@dataclass(frozen=True)
class RegisterPartner:
    name: str
    sector: str
    email: str
    voivodeship: str
    profile: Profile = field(default_factory=lambda: Profile(organisation_type="other"))


@dataclass(frozen=True)
class CreateOpportunity:
    partner_id: UUID
    kind: str
    title: str
    description: str
    topics: list[str]
    target_groups: list[str]
    regions: list[str]
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


@dataclass(frozen=True)
class UpdateOpportunity:
    opportunity_id: UUID
    changes: dict[str, Any]


@dataclass(frozen=True)
class WithdrawOpportunity:
    opportunity_id: UUID


@dataclass(frozen=True)
class UpdatePartner:
    partner_id: UUID
    changes: dict[str, Any]  # Partner's own field names, validated as registration validates them


@dataclass(frozen=True)
class VerifyPartner:
    partner_id: UUID


@dataclass(frozen=True)
class SuspendPartner:
    partner_id: UUID
    reason: str


@dataclass(frozen=True)
class PublishOpportunity:
    opportunity_id: UUID


class RegisterPartnerSchema(ProfileFields):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=[validate.Length(max=200), NonBlank(), NoNul()])
    sector = fields.String(required=True, validate=validate.OneOf(PARTNER_SECTORS))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    voivodeship = fields.String(required=True, validate=validate.OneOf(list(VOIVODESHIPS)))


class CreateOpportunitySchema(OpportunityDetailsSchema):
    partner_id = fields.UUID(required=True)


class _SuspensionSchema(Schema):
    class Meta:
        unknown = RAISE

    reason = fields.String(required=True, validate=[validate.Length(max=500), NonBlank(), NoNul()])


def register_partner_command(payload: Any) -> RegisterPartner:
    data = load_or_raise(RegisterPartnerSchema(), payload)
    profile = profile_from(data)
    return RegisterPartner(**data, profile=profile)


def update_partner_command(partner_id: Any, payload: Any) -> UpdatePartner:
    """What registration accepts, each optional; anything else (status, ids, times) is an unknown field."""
    partner = partner_id_of(partner_id)
    given = set(payload) if isinstance(payload, dict) else set()
    changes = load_or_raise(RegisterPartnerSchema(partial=True), payload)
    if "organisation_type" not in given:
        changes.pop("organisation_type", None)  # the default for the sector is for registration only
    if not changes:
        raise InvalidInput("Say what to change.", {"_body": ["Give at least one field to change."]})
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    return UpdatePartner(partner, changes)


def create_opportunity_command(payload: Any) -> CreateOpportunity:
    return CreateOpportunity(**load_or_raise(CreateOpportunitySchema(), payload))


def update_opportunity_command(opportunity_id: Any, payload: Any) -> UpdateOpportunity:
    cmd = PublishOpportunity(opportunity_id_of(opportunity_id))
    changes = load_or_raise(OpportunityDetailsSchema(partial=True), payload)
    if not changes:
        raise InvalidInput("Say what to change.", {"_body": ["Give at least one field to change."]})
    return UpdateOpportunity(cmd.opportunity_id, changes)


def withdraw_opportunity_command(opportunity_id: Any) -> WithdrawOpportunity:
    return WithdrawOpportunity(opportunity_id_of(opportunity_id))


def opportunity_id_of(opportunity_id: Any) -> UUID:
    return load_id("opportunity_id", opportunity_id)


def partner_id_of(partner_id: Any) -> UUID:
    return load_id("partner_id", partner_id)


def ids_of(name: str, values: Any) -> tuple[UUID, ...]:
    """A batch read's ids, each once in the order given, at most `MAX_BATCH_IDS`; otherwise InvalidInput naming
    `name`."""
    bounded = validate.Length(max=MAX_BATCH_IDS, error=f"At most {MAX_BATCH_IDS} ids at a time.")
    schema = Schema.from_dict({name: fields.List(fields.UUID(), required=True, validate=bounded)})()
    return tuple(dict.fromkeys(load_or_raise(schema, {name: values})[name]))


def suspend_partner_command(partner_id: Any, payload: Any) -> SuspendPartner:
    return SuspendPartner(partner_id_of(partner_id), load_or_raise(_SuspensionSchema(), payload)["reason"].strip())


def publish_opportunity_command(opportunity_id: Any) -> PublishOpportunity:
    return PublishOpportunity(opportunity_id_of(opportunity_id))
