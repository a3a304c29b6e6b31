"""The centres service's own reading of the events it consumes (tolerant of fields it does not use)."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, fields

from lowe_centres.commands import (
    FinishOpportunity,
    MatchPublishedOpportunity,
    RenamePartner,
    ReopenOpportunity,
    ReviseOpportunity,
)


class OpportunityPublishedSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(load_default=None)  # whose copies `partner_updated` renames
    partner_name = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    target_groups = fields.List(fields.String(), load_default=list)
    regions = fields.List(fields.String(), required=True)
    nationwide = fields.Boolean(required=True)
    published_at = fields.AwareDateTime(required=True, format="iso")
    # what subscriptions filter on beyond the vocabularies; absent (an older producer) reads as on site, free, undated
    delivery_mode = fields.String(load_default="on_site")
    cost_pln = fields.Decimal(allow_none=True, load_default=None)
    free = fields.Boolean(allow_none=True, load_default=None)
    starts_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    ends_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    apply_by = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)


def _opportunity(loaded: dict[str, Any]) -> MatchPublishedOpportunity:
    loaded["nationwide"] = loaded["nationwide"] or not loaded["regions"]  # no regions can only mean everywhere
    if loaded["free"] is None:
        loaded["free"] = not loaded["cost_pln"]
    return MatchPublishedOpportunity(**loaded)


def match_command(data: dict[str, Any]) -> MatchPublishedOpportunity:
    return _opportunity(OpportunityPublishedSchema().load(data))


class OpportunityUpdatedSchema(OpportunityPublishedSchema):
    changed = fields.List(fields.String(), required=True)
    updated_at = fields.AwareDateTime(format="iso", load_default=None)


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
    changed, at = loaded.pop("changed"), loaded.pop("updated_at")
    return ReviseOpportunity(_opportunity(loaded), changed, at)


class PartnerUpdatedSchema(Schema):
    """`partner_updated`: only the name is kept here (in the copies of the partner's opportunities)."""

    class Meta:
        unknown = EXCLUDE

    partner_id = fields.UUID(required=True)
    name = fields.String(required=True)
    updated_at = fields.AwareDateTime(required=True, format="iso")


def rename_partner_command(data: dict[str, Any]) -> RenamePartner:
    loaded = PartnerUpdatedSchema().load(data)
    return RenamePartner(loaded["partner_id"], loaded["name"], loaded["updated_at"])


def withdrawn_command(data: dict[str, Any]) -> FinishOpportunity:
    loaded = OpportunityWithdrawnSchema().load(data)
    return FinishOpportunity(loaded["opportunity_id"], "withdrawn", loaded["reason"], loaded["withdrawn_at"])


def closed_command(data: dict[str, Any]) -> FinishOpportunity:
    loaded = OpportunityClosedSchema().load(data)
    return FinishOpportunity(loaded["opportunity_id"], "closed", loaded["reason"], loaded["closed_at"])


def reopened_command(data: dict[str, Any]) -> ReopenOpportunity:
    loaded = OpportunityReopenedSchema().load(data)
    return ReopenOpportunity(loaded["opportunity_id"], loaded["reopened_at"])
