"""An opportunity's details at the boundary, shared by creating (all of them) and editing (some of them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import RAISE, Schema, fields, post_load, validate

from lowe_backbone.contracts.vocabulary import DELIVERY_MODES, OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_backbone.validation import NonBlank, NoNul

MAX_COST_PLN = Decimal("1000000")


class ContactSchema(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(validate=[validate.Length(max=200), NonBlank(), NoNul()], load_default=None)
    email = fields.Email(validate=validate.Length(max=254), load_default=None)
    phone = fields.String(
        validate=validate.Regexp(r"^\+?[\d ()-]{9,20}\Z", error="Not a valid phone number."), load_default=None
    )


def _codes(choices: Any, **options: Any) -> fields.List:
    return fields.List(fields.String(validate=validate.OneOf(choices)), **options)


class OpportunityDetailsSchema(Schema):
    """Types and vocabularies only; the schedule rules live in the domain, which sees the whole opportunity."""

    class Meta:
        unknown = RAISE

    kind = fields.String(required=True, validate=validate.OneOf(OPPORTUNITY_KINDS))
    title = fields.String(required=True, validate=[validate.Length(max=200), NonBlank(), NoNul()])
    description = fields.String(required=True, validate=[validate.Length(max=10_000), NonBlank(), NoNul()])
    topics = _codes(TOPICS, required=True, validate=validate.Length(min=1, max=11))
    target_groups = _codes(TARGET_GROUPS, load_default=list, validate=validate.Length(max=8))
    regions = _codes(
        list(VOIVODESHIPS),
        required=True,
        validate=validate.Length(max=16),
        metadata={"description": "voivodeship TERYT codes; an empty list means nationwide"},
    )
    delivery_mode = fields.String(load_default="on_site", validate=validate.OneOf(DELIVERY_MODES))
    languages = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z]{2}\Z", error="Use a two-letter ISO 639-1 code.")),
        load_default=lambda: ["pl"],
        validate=validate.Length(min=1, max=10),
    )
    places = fields.Integer(strict=True, allow_none=True, load_default=None, validate=validate.Range(min=1))
    cost_pln = fields.Decimal(
        places=2,
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=0, max=MAX_COST_PLN),
        metadata={"description": "null or 0 when free"},
    )
    starts_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    ends_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    apply_by = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    contact = fields.Nested(ContactSchema, allow_none=True, load_default=None)
    links = fields.List(fields.Url(schemes={"http", "https"}), load_default=list, validate=validate.Length(max=10))

    @post_load
    def _to_domain_shape(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        for name in ("topics", "target_groups", "regions", "languages"):
            if name in data:
                data[name] = sorted(set(data[name]))
        if "cost_pln" in data and data["cost_pln"] is not None and data["cost_pln"] == 0:
            data["cost_pln"] = None  # free
        if "contact" in data:
            contact = data.pop("contact") or {}
            for part in ("name", "email", "phone"):
                data[f"contact_{part}"] = contact.get(part)
        if "title" in data:
            data["title"] = data["title"].strip()
        if "description" in data:
            data["description"] = data["description"].strip()
        return data
