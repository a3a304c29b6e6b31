"""The notifications service's own reading of the events it consumes (tolerant of fields it does not use).

Each reader turns an event's `data` into the notices it causes. Interest and withdrawal news name the
opportunity (and the centre) from what `opportunity_matched` told this service earlier (`opportunity_audience`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from marshmallow import EXCLUDE, Schema, fields

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_notifications.model.notices import CENTRE, PARTNER, MatchedOpportunity, Notice
from lowe_notifications.repository import Audience


class _Tolerant(Schema):
    class Meta:
        unknown = EXCLUDE


class _Reasons(_Tolerant):
    topics = fields.List(fields.String(), load_default=list)
    region = fields.String(required=True)
    subscriptions = fields.List(fields.String(), load_default=list)


class OpportunityMatchedSchema(_Tolerant):
    centre_id = fields.UUID(required=True)
    centre_name = fields.String(load_default="")
    opportunity_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    partner_name = fields.String(required=True)
    reasons = fields.Nested(_Reasons, required=True)
    delivery = fields.String(load_default=None)
    recommended = fields.Boolean(load_default=False)
    matched_at = fields.AwareDateTime(load_default=None)


def matched_opportunity(data: dict[str, Any]) -> MatchedOpportunity:
    loaded = OpportunityMatchedSchema().load(data)
    reasons = loaded.pop("reasons")
    return MatchedOpportunity(
        **loaded, topics=reasons["topics"], region=reasons["region"], subscriptions=reasons["subscriptions"]
    )


def matched_notice(event_id: str, matched: MatchedOpportunity) -> tuple[Audience, Notice]:
    region = "cała Polska / nationwide" if matched.region == "nationwide" else VOIVODESHIPS.get(matched.region, "")
    data = {
        "opportunity_id": str(matched.opportunity_id),
        "kind": matched.kind,
        "title": matched.title,
        "partner_name": matched.partner_name,
        "centre_name": matched.centre_name,
        "topics": [topic.replace("_", " ") for topic in matched.topics],
        "region_name": region or matched.region,
        "subscriptions": matched.subscriptions,
        "recommended": matched.recommended,
    }
    audience = Audience(
        matched.opportunity_id, matched.centre_id, matched.title, matched.partner_name, matched.centre_name
    )
    notice = Notice(
        event_id,
        matched.centre_id,
        CENTRE,
        "opportunity_matched",
        data,
        matched.matched_at or datetime.now(UTC),
        matched.delivery,
    )
    return audience, notice


class OpportunityUnmatchedSchema(_Tolerant):
    centre_id = fields.UUID(required=True)
    centre_name = fields.String(load_default="")
    opportunity_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    partner_name = fields.String(required=True)
    changed = fields.List(fields.String(), load_default=list)
    unmatched_at = fields.AwareDateTime(required=True)


def unmatched_notice(event_id: str, data: dict[str, Any]) -> Notice:
    loaded = OpportunityUnmatchedSchema().load(data)
    at: datetime = loaded.pop("unmatched_at")
    shown = {key: str(value) if isinstance(value, UUID) else value for key, value in loaded.items()}
    return Notice(event_id, loaded["centre_id"], CENTRE, "opportunity_unmatched", shown, at)


class PartnerStatusSchema(_Tolerant):
    partner_id = fields.UUID(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    reason = fields.String(load_default="")
    verified_at = fields.AwareDateTime(load_default=None)
    suspended_at = fields.AwareDateTime(load_default=None)


def partner_status_notice(event_id: str, notification_type: str, data: dict[str, Any]) -> Notice:
    loaded = PartnerStatusSchema().load(data)
    at = loaded["verified_at"] or loaded["suspended_at"]
    if at is None:
        raise_missing("verified_at" if notification_type == "partner_verified" else "suspended_at")
    shown = {"partner_id": str(loaded["partner_id"]), "name": loaded["name"], "reason": loaded["reason"]}
    shown["at"] = at.isoformat()
    return Notice(event_id, loaded["partner_id"], PARTNER, notification_type, shown, at, email_hint=loaded["email"])


class PartnerUpdatedSchema(_Tolerant):
    """`partner_updated`: only the organisation e-mail is kept here (the partner's address, `recipients`); this
    service keeps no partner name of its own (the names in notices come with the news that causes them)."""

    partner_id = fields.UUID(required=True)
    email = fields.String(required=True)
    updated_at = fields.AwareDateTime(required=True)


@dataclass(frozen=True)
class PartnerDetails:
    partner_id: UUID
    email: str
    at: datetime


def partner_details(data: dict[str, Any]) -> PartnerDetails:
    loaded = PartnerUpdatedSchema().load(data)
    return PartnerDetails(loaded["partner_id"], loaded["email"], loaded["updated_at"])


def raise_missing(field: str) -> None:
    from marshmallow import ValidationError

    raise ValidationError({field: ["Missing data for required field."]})


class _FeedEntryMarked(_Tolerant):
    centre_id = fields.UUID(required=True)
    opportunity_id = fields.UUID(required=True)
    state = fields.String(required=True)
    marked_at = fields.AwareDateTime(required=True)


def feed_mark(data: dict[str, Any]) -> tuple[UUID, UUID, bool, datetime]:
    """`feed_entry_marked`: (opportunity, centre, whether the entry is now `saved`, when)."""
    loaded = _FeedEntryMarked().load(data)
    return loaded["opportunity_id"], loaded["centre_id"], loaded["state"] == "saved", loaded["marked_at"]
