"""What the centres service returns over RPC: plain JSON types only."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from lowe_centres.model import Centre, FeedEntry, PublishedOpportunity, Subscription


class CentreView(Schema):
    id = fields.UUID()
    name = fields.String()
    voivodeship = fields.String()
    municipality = fields.String()
    created_at = fields.AwareDateTime(format="iso")


class SubscriptionView(Schema):
    id = fields.UUID()
    centre_id = fields.UUID()
    name = fields.String()
    kinds = fields.List(fields.String())
    topics = fields.List(fields.String())
    regions = fields.List(fields.String())
    nationwide = fields.Boolean()
    delivery = fields.String()
    created_at = fields.AwareDateTime(format="iso")


class FeedOpportunityView(Schema):
    id = fields.UUID()
    partner_name = fields.String()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    topics = fields.List(fields.String())
    target_groups = fields.List(fields.String())
    regions = fields.List(fields.String())
    nationwide = fields.Boolean()
    published_at = fields.AwareDateTime(format="iso")
    status = fields.String()
    status_reason = fields.String(allow_none=True)


def centre_view(centre: Centre) -> dict[str, Any]:
    return CentreView().dump(centre)


def subscription_view(subscription: Subscription) -> dict[str, Any]:
    return SubscriptionView().dump(subscription)


def feed_view(entries: list[tuple[FeedEntry, PublishedOpportunity]]) -> list[dict[str, Any]]:
    return [
        {
            "opportunity": FeedOpportunityView().dump(opportunity),
            "reasons": entry.reasons,
            "delivery": entry.delivery,
            "matched_at": entry.matched_at.isoformat(),
        }
        for entry, opportunity in entries
    ]
