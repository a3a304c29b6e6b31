"""What the centres service is asked to do, validated at its boundary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TOPICS, VOIVODESHIPS
from lowe_backbone.validation import NonBlank, NoNul, load_or_raise


@dataclass(frozen=True)
class RegisterCentre:
    name: str
    voivodeship: str
    municipality: str


@dataclass(frozen=True)
class AddSubscription:
    centre_id: UUID
    name: str
    kinds: list[str]
    topics: list[str]
    regions: list[str] | None
    nationwide: bool
    delivery: str


@dataclass(frozen=True)
class MatchPublishedOpportunity:
    opportunity_id: UUID
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
class ReviseOpportunity:
    """The partner edited a published opportunity: its current details, and which of them changed."""

    opportunity: MatchPublishedOpportunity
    changed: list[str]


@dataclass(frozen=True)
class ReopenOpportunity:
    opportunity_id: UUID
    at: datetime


@dataclass(frozen=True)
class FinishOpportunity:
    opportunity_id: UUID
    status: str  # withdrawn or closed
    reason: str
    at: datetime


class RegisterCentreSchema(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=[validate.Length(max=200), NonBlank(), NoNul()])
    voivodeship = fields.String(required=True, validate=validate.OneOf(list(VOIVODESHIPS)))
    municipality = fields.String(required=True, validate=[validate.Length(max=100), NonBlank(), NoNul()])


class AddSubscriptionSchema(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=[validate.Length(max=100), NonBlank(), NoNul()])
    kinds = fields.List(fields.String(validate=validate.OneOf(OPPORTUNITY_KINDS)), load_default=list)
    topics = fields.List(fields.String(validate=validate.OneOf(TOPICS)), load_default=list)
    regions = fields.List(
        fields.String(validate=validate.OneOf(list(VOIVODESHIPS))),
        load_default=None,
        validate=validate.Length(min=1),
        metadata={"description": "voivodeship TERYT codes; omitted means the centre's own voivodeship"},
    )
    nationwide = fields.Boolean(load_default=False, truthy={True}, falsy={False})
    delivery = fields.String(load_default="instant", validate=validate.OneOf(["instant", "daily_digest"]))

    @validates_schema
    def _regions_or_nationwide(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("nationwide") and data.get("regions"):
            raise ValidationError("Give regions or nationwide, not both.", field_name="regions")


class _CentreIdSchema(Schema):
    centre_id = fields.UUID(required=True)


def register_centre_command(payload: Any) -> RegisterCentre:
    data = load_or_raise(RegisterCentreSchema(), payload)
    return RegisterCentre(
        name=data["name"].strip(), voivodeship=data["voivodeship"], municipality=data["municipality"].strip()
    )


def centre_id_of(centre_id: Any) -> UUID:
    loaded: UUID = load_or_raise(_CentreIdSchema(), {"centre_id": centre_id})["centre_id"]
    return loaded


def add_subscription_command(centre_id: Any, payload: Any) -> AddSubscription:
    data = load_or_raise(AddSubscriptionSchema(), payload)
    regions = sorted(set(data["regions"])) if data["regions"] is not None else None
    return AddSubscription(
        centre_id=centre_id_of(centre_id),
        name=data["name"].strip(),
        kinds=sorted(set(data["kinds"])),
        topics=sorted(set(data["topics"])),
        regions=regions,
        nationwide=data["nationwide"],
        delivery=data["delivery"],
    )
