"""The centres service's own reading of the events it consumes (tolerant of fields it does not use)."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, fields

from lowe_centres.commands import FinishOpportunity, MatchPublishedOpportunity, ReopenOpportunity, ReviseOpportunity


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


class OpportunityUpdatedSchema(OpportunityPublishedSchema):
    changed = fields.List(fields.String(), required=True)


class _OpportunityFinishedSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    opportunity_id = fields.UUID(required=True)
    reason = fields.String(required=True)


class OpportunityWithdrawnSchema(_OpportunityFinishedSchema):
    withdrawn_at = fields.AwareDateTime(required=True, format="iso")


class OpportunityClosedSchema(_OpportunityFinishedSchema):
    closed_at = fields.AwareDateTime(required=True, format="iso")


class OpportunityReopenedSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    opportunity_id = fields.UUID(required=True)
    reopened_at = fields.AwareDateTime(required=True, format="iso")


def revise_command(data: dict[str, Any]) -> ReviseOpportunity:
    loaded = OpportunityUpdatedSchema().load(data)
    changed = loaded.pop("changed")
    loaded["nationwide"] = loaded["nationwide"] or not loaded["regions"]
    return ReviseOpportunity(MatchPublishedOpportunity(**loaded), changed)


def withdrawn_command(data: dict[str, Any]) -> FinishOpportunity:
    loaded = OpportunityWithdrawnSchema().load(data)
    return FinishOpportunity(loaded["opportunity_id"], "withdrawn", loaded["reason"], loaded["withdrawn_at"])


def closed_command(data: dict[str, Any]) -> FinishOpportunity:
    loaded = OpportunityClosedSchema().load(data)
    return FinishOpportunity(loaded["opportunity_id"], "closed", loaded["reason"], loaded["closed_at"])


def reopened_command(data: dict[str, Any]) -> ReopenOpportunity:
    loaded = OpportunityReopenedSchema().load(data)
    return ReopenOpportunity(loaded["opportunity_id"], loaded["reopened_at"])
