"""What the centres service returns over RPC: plain JSON types only."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from marshmallow import Schema, fields

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_centres.model import Centre, FeedEntry, PublishedOpportunity, Subscription
from lowe_centres.ports import ExpressedInterest


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


def centre_names_view(centres: list[Centre]) -> dict[str, str]:
    return {str(centre.id): centre.name for centre in centres}


def centre_counts_view(counts: dict[UUID, int]) -> dict[str, int]:
    return {str(opportunity_id): count for opportunity_id, count in counts.items()}


def voivodeship_counts_view(counts: dict[str, int]) -> dict[str, Any]:
    """Every voivodeship named (0 when it has no centre), and the centres in all."""
    return {"voivodeships": {**dict.fromkeys(VOIVODESHIPS, 0), **counts}, "total": sum(counts.values())}


def subscription_view(subscription: Subscription) -> dict[str, Any]:
    return SubscriptionView().dump(subscription)


def subscriptions_view(subscriptions: list[Subscription]) -> list[dict[str, Any]]:
    return SubscriptionView(many=True).dump(subscriptions)


def feed_view(entries: list[tuple[FeedEntry, PublishedOpportunity]]) -> list[dict[str, Any]]:
    """Each entry: its `id`, the opportunity, why it is here (`reasons`, see `MatchReasons.as_dict`), its relevance
    `score`, whether it was `recommended` by the centre's profile, whether it was `retracted` (and when), what the
    centre made of it (`state`, `state_changed_at`) and its `interest` in the opportunity (null when none)."""
    return [feed_entry_view(entry, opportunity) for entry, opportunity in entries]


def feed_entry_view(entry: FeedEntry, opportunity: PublishedOpportunity) -> dict[str, Any]:
    return {
        "id": str(entry.id),
        "opportunity": FeedOpportunityView().dump(opportunity),
        "reasons": entry.reasons,
        "score": entry.score,
        "recommended": entry.recommended,
        "retracted": entry.retracted,
        "retracted_at": _iso(entry.retracted_at),
        "delivery": entry.delivery,
        "matched_at": entry.matched_at.isoformat(),
        "state": entry.state,
        "state_changed_at": _iso(entry.state_changed_at),
        "interest": _interest(entry),
    }


def feed_page_view(items: list[tuple[FeedEntry, PublishedOpportunity]], next_cursor: str | None) -> dict[str, Any]:
    return {"items": feed_view(items), "next_cursor": next_cursor}


def centres_page_view(centres: list[Centre], next_cursor: str | None) -> dict[str, Any]:
    return {"items": CentreView(many=True).dump(centres), "next_cursor": next_cursor}


def expressed_interest_view(interest: ExpressedInterest, entry_id: UUID | None) -> dict[str, Any]:
    """The interest as the partners service returned it, and the feed entry it claimed (null when none)."""
    reply = interest.reply or {
        "id": str(interest.id),
        "places": interest.places,
        "expressed_at": interest.expressed_at.isoformat(),
    }
    return {**reply, "entry_id": str(entry_id) if entry_id is not None else None}


def _interest(entry: FeedEntry) -> dict[str, Any] | None:
    """The centre's latest interest in the opportunity, as the partner last decided on it."""
    if entry.interest_id is None:
        return None
    return {
        "id": str(entry.interest_id),
        "status": entry.interest_status,
        "places_requested": entry.places_requested,
        "places_allocated": entry.places_allocated,
        "waitlist_position": entry.waitlist_position,
        "updated_at": _iso(entry.interest_updated_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
