"""Reading the listings' query parameters (opportunities, partners) and who reads: each one validated, named when
wrong."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import load_or_raise
from lowe_partners.commands import ids_of
from lowe_partners.listing import (
    BadCursor,
    Cursor,
    OpportunitiesById,
    OpportunityQuery,
    PartnerCursor,
    PartnerQuery,
)

STATUSES = ("draft", "published", "closed", "withdrawn")
PARTNER_STATUSES = ("pending", "verified", "suspended")
MAX_PAGE_SIZE = 100


def _page_size() -> fields.Integer:
    return fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class _ListingSchema(Schema):
    class Meta:
        unknown = RAISE

    kind = fields.List(fields.String(validate=validate.OneOf(OPPORTUNITY_KINDS)), load_default=list)
    topic = fields.String(validate=validate.OneOf(TOPICS), load_default=None)
    target_group = fields.String(validate=validate.OneOf(TARGET_GROUPS), load_default=None)
    region = fields.String(validate=validate.OneOf(list(VOIVODESHIPS)), load_default=None)
    status = fields.List(fields.String(validate=validate.OneOf(STATUSES)), load_default=list)
    partner_id = fields.UUID(load_default=None)
    q = fields.String(validate=validate.Length(min=2, max=100), load_default=None)
    starts_from = fields.AwareDateTime(format="iso", load_default=None)
    starts_until = fields.AwareDateTime(format="iso", load_default=None)
    cursor = fields.String(load_default=None, validate=validate.Length(max=200))
    page_size = _page_size()


class _PartnerListingSchema(Schema):
    class Meta:
        unknown = RAISE

    status = fields.List(fields.String(validate=validate.OneOf(PARTNER_STATUSES)), load_default=list)
    q = fields.String(validate=validate.Length(min=2, max=100), load_default=None)
    cursor = fields.String(load_default=None, validate=validate.Length(max=2000))
    page_size = _page_size()


class _ViewerSchema(Schema):
    """Who reads the listing: an operator (everything), a partner (its own drafts too) or a centre (no drafts)."""

    class Meta:
        unknown = RAISE

    operator = fields.Boolean(validate=validate.Equal(True))
    partner_id = fields.UUID()
    centre_id = fields.UUID()

    @validates_schema
    def _exactly_one(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if len(data) != 1:
            raise ValidationError("Give exactly one of operator, partner_id, centre_id.", "_schema")


def partner_query(params: Any) -> PartnerQuery:
    data = load_or_raise(_PartnerListingSchema(), {} if params is None else params)
    after = None
    if data["cursor"]:
        try:
            after = PartnerCursor.decode(data["cursor"])
        except BadCursor as exc:
            raise InvalidInput("The cursor is not valid.", {"cursor": [str(exc)]}) from None
    text = (data["q"] or "").strip() or None
    return PartnerQuery(tuple(sorted(set(data["status"]))), text, after, data["page_size"])


def opportunity_query(params: Any, viewer: Any = None) -> OpportunityQuery:
    """`params` maps names to a value or a list of values, as a query string has them. `viewer` None or
    `{"operator": true}` sees everything; `{"partner_id": ...}` every opportunity but other partners' drafts;
    `{"centre_id": ...}` no drafts at all — whatever `status` asks for."""
    all_drafts, drafts_of = _visibility(viewer)
    data = load_or_raise(_ListingSchema(), params)
    after = None
    if data["cursor"]:
        try:
            after = Cursor.decode(data["cursor"])
        except BadCursor as exc:
            raise InvalidInput("The cursor is not valid.", {"cursor": [str(exc)]}) from None
    if data["starts_from"] and data["starts_until"] and data["starts_from"] > data["starts_until"]:
        raise InvalidInput("The date range is reversed.", {"starts_until": ["Must not be before starts_from."]})
    return OpportunityQuery(
        kinds=tuple(data["kind"]),
        topic=data["topic"],
        target_group=data["target_group"],
        region=data["region"],
        statuses=tuple(data["status"]),
        partner_id=data["partner_id"],
        text=data["q"],
        starts_from=data["starts_from"],
        starts_until=data["starts_until"],
        after=after,
        limit=data["page_size"],
        all_drafts=all_drafts,
        drafts_of=drafts_of,
    )


def opportunities_by_id(opportunity_ids: Any, viewer: Any) -> OpportunitiesById:
    """Up to `MAX_BATCH_IDS` ids, read by `viewer` as `opportunity_query` reads it."""
    all_drafts, drafts_of = _visibility(viewer)
    return OpportunitiesById(ids_of("opportunity_ids", opportunity_ids), all_drafts, drafts_of)


def _visibility(viewer: Any) -> tuple[bool, Any]:
    if viewer is None:
        return True, None
    try:
        data = load_or_raise(_ViewerSchema(), viewer)
    except InvalidInput as exc:
        raise InvalidInput("The viewer is not valid.", {"viewer": exc.fields}) from None
    if data.get("operator"):
        return True, None
    return False, data.get("partner_id")
