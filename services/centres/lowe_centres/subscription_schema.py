"""A subscription at the boundary: its filters, each optional, and how it is delivered."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_backbone.validation import NonBlank, NoNul
from lowe_centres.model import DELIVERIES
from lowe_centres.model.text import MAX_KEYWORD

MAX_KEYWORDS = 20
MAX_DAYS_BEFORE_DEADLINE = 365


def _has_a_word(value: str) -> str:
    if not re.search(r"\w", value):
        raise ValidationError("Must contain a letter or a digit.")
    return value


class _StrictBoolean(fields.Boolean):
    """JSON true or false only: not 1, 0 or "yes" (1 == True in Python, so `truthy` alone lets 1 through)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def _strict_boolean() -> fields.Boolean:
    return _StrictBoolean(load_default=False)


class AddSubscriptionSchema(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=[validate.Length(max=100), NonBlank(), NoNul()])
    kinds = fields.List(fields.String(validate=validate.OneOf(OPPORTUNITY_KINDS)), load_default=list)
    topics = fields.List(fields.String(validate=validate.OneOf(TOPICS)), load_default=list)
    target_groups = fields.List(fields.String(validate=validate.OneOf(TARGET_GROUPS)), load_default=list)
    regions = fields.List(
        fields.String(validate=validate.OneOf(list(VOIVODESHIPS))),
        load_default=None,
        validate=validate.Length(min=1),
        metadata={"description": "voivodeship TERYT codes; omitted means the centre's own voivodeship"},
    )
    nationwide = _strict_boolean()
    online_anywhere = _strict_boolean()
    free_only = _strict_boolean()
    keywords = fields.List(
        fields.String(validate=[validate.Length(max=MAX_KEYWORD), NonBlank(), NoNul(), _has_a_word]),
        load_default=list,
        validate=validate.Length(max=MAX_KEYWORDS),
        metadata={"description": "whole words or phrases of the title or description; any one of them will do"},
    )
    min_days_before_deadline = fields.Integer(
        strict=True,
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=0, max=MAX_DAYS_BEFORE_DEADLINE),
        metadata={"description": "days at least between matching and the deadline (apply_by, else starts_at)"},
    )
    delivery = fields.String(load_default="instant", validate=validate.OneOf(DELIVERIES))

    @validates_schema
    def _regions_or_nationwide(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("nationwide") and data.get("regions"):
            raise ValidationError("Give regions or nationwide, not both.", field_name="regions")


class UpdateSubscriptionSchema(AddSubscriptionSchema):
    """Any field `AddSubscriptionSchema` takes (load it with `partial=True`), and `active`: false pauses, true
    resumes."""

    active = _StrictBoolean()


def normalised_keywords(keywords: list[str]) -> list[str]:
    """Spaces tidied, repeats (whatever their case) dropped, sorted case-insensitively."""
    unique: dict[str, str] = {}
    for keyword in keywords:
        tidy = " ".join(keyword.split())
        unique.setdefault(tidy.casefold(), tidy)
    return [unique[key] for key in sorted(unique)]
