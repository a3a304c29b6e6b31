"""The centres service's own reading of the events it consumes (tolerant of fields it does not use)."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, fields

from lowe_centres.commands import MatchPublishedOpportunity


class OpportunityPublishedSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    opportunity_id = fields.UUID(required=True)
    partner_name = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    target_groups = fields.List(fields.String(), load_default=list)
    regions = fields.List(fields.String(), required=True)
    nationwide = fields.Boolean(required=True)
    published_at = fields.AwareDateTime(required=True, format="iso")


def match_command(data: dict[str, Any]) -> MatchPublishedOpportunity:
    loaded = OpportunityPublishedSchema().load(data)
    loaded["nationwide"] = loaded["nationwide"] or not loaded["regions"]  # no regions can only mean everywhere
    return MatchPublishedOpportunity(**loaded)
