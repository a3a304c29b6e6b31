"""What the partners service is asked to do, validated at its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, fields, validate

from lowe_backbone.contracts.vocabulary import (
    OPPORTUNITY_KINDS,
    PARTNER_SECTORS,
    TARGET_GROUPS,
    TOPICS,
    VOIVODESHIPS,
)
from lowe_backbone.validation import NonBlank, NoNul, load_or_raise
from lowe_partners.model import Profile
from lowe_partners.profile_schema import ProfileFields, profile_from


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


class CreateOpportunitySchema(Schema):
    class Meta:
        unknown = RAISE

    partner_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(OPPORTUNITY_KINDS))
    title = fields.String(required=True, validate=[validate.Length(max=200), NonBlank(), NoNul()])
    description = fields.String(required=True, validate=[validate.Length(max=10_000), NonBlank(), NoNul()])
    topics = fields.List(
        fields.String(validate=validate.OneOf(TOPICS)), required=True, validate=validate.Length(min=1, max=11)
    )
    target_groups = fields.List(
        fields.String(validate=validate.OneOf(TARGET_GROUPS)), load_default=list, validate=validate.Length(max=8)
    )
    regions = fields.List(
        fields.String(validate=validate.OneOf(list(VOIVODESHIPS))),
        required=True,
        validate=validate.Length(max=16),
        metadata={"description": "voivodeship TERYT codes; an empty list means nationwide"},
    )


def register_partner_command(payload: Any) -> RegisterPartner:
    data = load_or_raise(RegisterPartnerSchema(), payload)
    profile = profile_from(data)
    return RegisterPartner(**data, profile=profile)


def create_opportunity_command(payload: Any) -> CreateOpportunity:
    data = load_or_raise(CreateOpportunitySchema(), payload)
    for name in ("topics", "target_groups", "regions"):
        data[name] = sorted(set(data[name]))
    return CreateOpportunity(**data)


def publish_opportunity_command(opportunity_id: Any) -> PublishOpportunity:
    return PublishOpportunity(**load_or_raise(_OpportunityIdSchema(), {"opportunity_id": opportunity_id}))


class _OpportunityIdSchema(Schema):
    opportunity_id = fields.UUID(required=True)
