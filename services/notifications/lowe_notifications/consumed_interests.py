"""How the notifications service reads the partners' interest news and withdrawals (ids and numbers only).

A centre's interest is news for the partner (`interest_expressed`, `places_released`, `interest_withdrawn`) or for
the centre (the
partner's decision: `places_allocated`, `interest_waitlisted`, `interest_declined` → `allocation_decided`). The
opportunity's title and the centre's name come from what `opportunity_matched` told this service, when it did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from marshmallow import EXCLUDE, Schema, ValidationError, fields

from lowe_notifications.deadline_use_cases import OpportunityInfo
from lowe_notifications.model.notices import CENTRE, PARTNER, Notice
from lowe_notifications.repository import Audience

# event type -> (notification type, who is told, the decision it stands for)
INTEREST_NEWS = {
    "interest_expressed": ("interest_expressed", PARTNER, "requested", "expressed_at"),
    "places_allocated": ("allocation_decided", CENTRE, "allocated", "allocated_at"),
    "interest_waitlisted": ("allocation_decided", CENTRE, "waitlisted", "waitlisted_at"),
    "interest_declined": ("allocation_decided", CENTRE, "declined", "declined_at"),
    "places_released": ("places_released", PARTNER, "released", "released_at"),
    "interest_withdrawn": ("interest_withdrawn", PARTNER, "withdrawn", "withdrawn_at"),
}


class _InterestSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    interest_id = fields.UUID(required=True)
    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)
    places = fields.Integer(allow_none=True, load_default=None)
    position = fields.Integer(allow_none=True, load_default=None)
    still_held = fields.Integer(allow_none=True, load_default=None)
    remaining = fields.Integer(allow_none=True, load_default=None)
    places_released = fields.Integer(allow_none=True, load_default=None)  # `interest_withdrawn` only


# one schema per event: the interest's ids and numbers, and the event's own time
_SCHEMAS: dict[str, type[Schema]] = {
    event_type: type(f"{event_type}_schema", (_InterestSchema,), {time_field: fields.AwareDateTime(required=True)})
    for event_type, (_, _, _, time_field) in INTEREST_NEWS.items()
}


@dataclass(frozen=True)
class InterestNews:
    event_id: str
    event_type: str
    opportunity_id: UUID
    centre_id: UUID
    partner_id: UUID
    at: datetime
    numbers: dict[str, Any]

    @property
    def claim_active(self) -> bool | None:
        """How this news changes the centre's claim on the opportunity: begun, ended, or (None) unchanged."""
        if self.event_type == "interest_expressed":
            return True
        if self.event_type in ("interest_declined", "interest_withdrawn") or (
            self.event_type == "places_released" and self.numbers.get("still_held") == 0
        ):
            return False
        return None

    def notice(self, audience: Audience | None) -> Notice:
        notification_type, told, decision, _ = INTEREST_NEWS[self.event_type]
        data = {
            "opportunity_id": str(self.opportunity_id),
            "centre_id": str(self.centre_id),
            "title": audience.title if audience else "",
            "centre_name": audience.centre_name if audience else "",
            "decision": decision,
            **self.numbers,
        }
        recipient = self.partner_id if told == PARTNER else self.centre_id
        return Notice(self.event_id, recipient, told, notification_type, data, self.at)


def interest_news(event_id: str, event_type: str, data: dict[str, Any]) -> InterestNews:
    time_field = INTEREST_NEWS[event_type][3]
    loaded = _SCHEMAS[event_type]().load(data)
    numbers = {key: loaded[key] for key in ("places", "position", "still_held", "remaining")}
    if event_type == "interest_withdrawn":
        numbers["places_released"] = loaded["places_released"]
    return InterestNews(
        event_id,
        event_type,
        loaded["opportunity_id"],
        loaded["centre_id"],
        loaded["partner_id"],
        loaded[time_field],
        numbers,
    )


class _WithdrawnSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    reason = fields.String(required=True)
    withdrawn_at = fields.AwareDateTime(required=True)


@dataclass(frozen=True)
class Withdrawal:
    opportunity_id: UUID
    make: Callable[[Audience | None], Notice | None]


def withdrawal(event_id: str, data: dict[str, Any]) -> Withdrawal:
    """Every centre the opportunity reached is told, in its own notice."""
    loaded = _WithdrawnSchema().load(data)

    def make(audience: Audience | None) -> Notice | None:
        if audience is None:
            return None
        shown = {
            "opportunity_id": str(loaded["opportunity_id"]),
            "title": audience.title,
            "partner_name": audience.partner_name,
            "reason": loaded["reason"],
            "withdrawn_at": loaded["withdrawn_at"].isoformat(),
        }
        return Notice(event_id, audience.centre_id, CENTRE, "opportunity_withdrawn", shown, loaded["withdrawn_at"])

    return Withdrawal(loaded["opportunity_id"], make)


class _OpportunitySchema(Schema):
    """`opportunity_published` and `opportunity_updated`: only what the deadline warnings need."""

    class Meta:
        unknown = EXCLUDE

    opportunity_id = fields.UUID(required=True)
    title = fields.String(required=True)
    apply_by = fields.AwareDateTime(allow_none=True, load_default=None)
    starts_at = fields.AwareDateTime(allow_none=True, load_default=None)
    published_at = fields.AwareDateTime(load_default=None)
    updated_at = fields.AwareDateTime(load_default=None)


def opportunity_info(data: dict[str, Any]) -> OpportunityInfo:
    loaded = _OpportunitySchema().load(data)
    at = loaded["updated_at"] or loaded["published_at"]
    if at is None:
        raise ValidationError({"published_at": ["Missing data for required field."]})
    deadline = loaded["apply_by"] or loaded["starts_at"]
    return OpportunityInfo(loaded["opportunity_id"], loaded["title"], deadline, at)


class _ClosedSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    opportunity_id = fields.UUID(required=True)
    closed_at = fields.AwareDateTime(required=True)


def closed_opportunity(data: dict[str, Any]) -> tuple[UUID, datetime]:
    loaded = _ClosedSchema().load(data)
    return loaded["opportunity_id"], loaded["closed_at"]
