"""The notifications service's own reading of the events it consumes (tolerant of fields it does not use)."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, fields

from lowe_notifications.model import MatchedOpportunity


class _Reasons(Schema):
    class Meta:
        unknown = EXCLUDE

    topics = fields.List(fields.String(), load_default=list)
    region = fields.String(required=True)
    subscriptions = fields.List(fields.String(), load_default=list)


class OpportunityMatchedSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    centre_id = fields.UUID(required=True)
    opportunity_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    partner_name = fields.String(required=True)
    reasons = fields.Nested(_Reasons, required=True)


def matched_opportunity(data: dict[str, Any]) -> MatchedOpportunity:
    loaded = OpportunityMatchedSchema().load(data)
    reasons = loaded.pop("reasons")
    return MatchedOpportunity(
        **loaded, topics=reasons["topics"], region=reasons["region"], subscriptions=reasons["subscriptions"]
    )
