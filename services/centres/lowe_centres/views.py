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
    running_body = fields.String(allow_none=True)
    running_body_name = fields.String(allow_none=True)
    host_school = fields.String(allow_none=True)
    street = fields.String(allow_none=True)
    postal_code = fields.String(allow_none=True)
    city = fields.String(allow_none=True)
    powiat = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    contact_person = fields.String(allow_none=True)
    served_topics = fields.List(fields.String())
    target_groups = fields.List(fields.String())
    languages = fields.List(fields.String())
    status = fields.String()


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
    target_groups = fields.List(fields.String())
    online_anywhere = fields.Boolean()
    free_only = fields.Boolean()
    keywords = fields.List(fields.String())
    min_days_before_deadline = fields.Integer(allow_none=True)
    paused = fields.Boolean()
    paused_at = fields.AwareDateTime(format="iso", allow_none=True)


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
    delivery_mode = fields.String()
    free = fields.Boolean()
    cost_pln = fields.Decimal(as_string=True, allow_none=True)
    starts_at = fields.AwareDateTime(format="iso", allow_none=True)
    ends_at = fields.AwareDateTime(format="iso", allow_none=True)
    apply_by = fields.AwareDateTime(format="iso", allow_none=True)


def centre_view(centre: Centre) -> dict[str, Any]:
    return CentreView().dump(centre)


def subscription_view(subscription: Subscription) -> dict[str, Any]:
    return SubscriptionView().dump(subscription)


def subscriptions_view(subscriptions: list[Subscription]) -> list[dict[str, Any]]:
    return SubscriptionView(many=True).dump(subscriptions)


def feed_view(entries: list[tuple[FeedEntry, PublishedOpportunity]]) -> list[dict[str, Any]]:
    """Each entry: the opportunity, why it is here (`reasons`, see `MatchReasons.as_dict`), its relevance `score`,
    whether it was `recommended` by the centre's profile, and whether it was `retracted` (and when)."""
    return [
        {
            "opportunity": FeedOpportunityView().dump(opportunity),
            "reasons": entry.reasons,
            "score": entry.score,
            "recommended": entry.recommended,
            "retracted": entry.retracted,
            "retracted_at": entry.retracted_at.isoformat() if entry.retracted_at else None,
            "delivery": entry.delivery,
            "matched_at": entry.matched_at.isoformat(),
        }
        for entry, opportunity in entries
    ]
