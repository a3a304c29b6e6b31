"""What the centres service is asked to do, validated at its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from marshmallow import Schema, fields, validate

from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import load_id, load_or_raise
from lowe_centres.centre_schema import CentreSchema
from lowe_centres.subscription_schema import AddSubscriptionSchema, UpdateSubscriptionSchema, normalised_keywords

RegisterCentreSchema = CentreSchema
MAX_BATCH_IDS = 100  # ids per batch read: a page of the portal asks about one page's worth at most

__all__ = ["AddSubscriptionSchema", "CentreSchema", "RegisterCentreSchema"]


@dataclass(frozen=True)
class RegisterCentre:
    name: str
    voivodeship: str
    municipality: str
    details: dict[str, Any] = field(default_factory=dict)  # the optional ones given: Centre's own field names


@dataclass(frozen=True)
class UpdateCentre:
    centre_id: UUID
    changes: dict[str, Any]


@dataclass(frozen=True)
class AddSubscription:
    centre_id: UUID
    name: str
    kinds: list[str]
    topics: list[str]
    regions: list[str] | None
    nationwide: bool
    delivery: str
    target_groups: list[str] = field(default_factory=list)
    online_anywhere: bool = False
    free_only: bool = False
    keywords: list[str] = field(default_factory=list)
    min_days_before_deadline: int | None = None


@dataclass(frozen=True)
class SubscriptionRef:
    centre_id: UUID
    subscription_id: UUID


@dataclass(frozen=True)
class UpdateSubscription:
    """`changes` in Subscription's own names; `regions` None there means the centre's own voivodeship; `active` None
    leaves pausing as it is."""

    ref: SubscriptionRef
    changes: dict[str, Any]
    active: bool | None = None


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
    delivery_mode: str = "on_site"
    free: bool = True
    cost_pln: Decimal | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    apply_by: datetime | None = None
    partner_id: UUID | None = None


@dataclass(frozen=True)
class ReviseOpportunity:
    """The partner edited a published opportunity: its current details, which of them changed, and when."""

    opportunity: MatchPublishedOpportunity
    changed: list[str]
    at: datetime | None = None


@dataclass(frozen=True)
class RenamePartner:
    """`partner_updated`: the partner's current name, as of `at`."""

    partner_id: UUID
    name: str
    at: datetime


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


class _SubscriptionRefSchema(Schema):
    centre_id = fields.UUID(required=True)
    subscription_id = fields.UUID(required=True)


def register_centre_command(payload: Any) -> RegisterCentre:
    data = load_or_raise(CentreSchema(), payload)
    name, voivodeship, municipality = data.pop("name"), data.pop("voivodeship"), data.pop("municipality")
    return RegisterCentre(name=name, voivodeship=voivodeship, municipality=municipality, details=data)


def update_centre_command(centre_id: Any, payload: Any) -> UpdateCentre:
    changes = load_or_raise(CentreSchema(partial=True), payload)
    if not changes:
        raise InvalidInput("Nothing to change.", {"_body": ["Give at least one field to change."]})
    return UpdateCentre(centre_id_of(centre_id), changes)


def centre_id_of(centre_id: Any) -> UUID:
    return load_id("centre_id", centre_id)


def ids_of(name: str, values: Any) -> tuple[UUID, ...]:
    """A batch read's ids, each once in the order given, at most `MAX_BATCH_IDS`; otherwise InvalidInput naming
    `name`."""
    bounded = validate.Length(max=MAX_BATCH_IDS, error=f"At most {MAX_BATCH_IDS} ids at a time.")
    schema = Schema.from_dict({name: fields.List(fields.UUID(), required=True, validate=bounded)})()
    return tuple(dict.fromkeys(load_or_raise(schema, {name: values})[name]))


def subscription_ref(centre_id: Any, subscription_id: Any) -> SubscriptionRef:
    loaded = load_or_raise(_SubscriptionRefSchema(), {"centre_id": centre_id, "subscription_id": subscription_id})
    return SubscriptionRef(loaded["centre_id"], loaded["subscription_id"])


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
        target_groups=sorted(set(data["target_groups"])),
        online_anywhere=data["online_anywhere"],
        free_only=data["free_only"],
        keywords=normalised_keywords(data["keywords"]),
        min_days_before_deadline=data["min_days_before_deadline"],
    )


def update_subscription_command(centre_id: Any, subscription_id: Any, payload: Any) -> UpdateSubscription:
    ref = subscription_ref(centre_id, subscription_id)
    data = load_or_raise(UpdateSubscriptionSchema(partial=True), payload)
    if not data:
        raise InvalidInput("Nothing to change.", {"_body": ["Give at least one field to change."]})
    active = data.pop("active", None)
    if "name" in data:
        data["name"] = data["name"].strip()
    for name in ("kinds", "topics", "target_groups"):
        if name in data:
            data[name] = sorted(set(data[name]))
    if data.get("regions") is not None:
        data["regions"] = sorted(set(data["regions"]))
    if "keywords" in data:
        data["keywords"] = normalised_keywords(data["keywords"])
    return UpdateSubscription(ref, data, active)
