"""Reading the listing's query parameters: each one validated, named when wrong."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, fields, validate

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import load_or_raise
from lowe_partners.listing import BadCursor, Cursor, OpportunityQuery

STATUSES = ("draft", "published", "closed", "withdrawn")
MAX_PAGE_SIZE = 100


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
    page_size = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


def opportunity_query(params: Any) -> OpportunityQuery:
    """`params` maps names to a value or a list of values, as a query string has them."""
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
    )
