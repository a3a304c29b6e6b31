"""How the centres service reads the partners' interest events: each one is news about a centre's interest in an
opportunity (tolerant of fields it does not use)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from marshmallow import EXCLUDE, Schema, fields

from lowe_centres.model.feed import (
    ALLOCATED,
    DECLINED,
    RELEASED,
    REQUESTED,
    WAITLISTED,
    WITHDRAWN,
    InterestUpdate,
)


@dataclass(frozen=True)
class FollowInterest:
    centre_id: UUID
    opportunity_id: UUID
    update: InterestUpdate


class _InterestSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    interest_id = fields.UUID(required=True)
    opportunity_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)


class InterestExpressedSchema(_InterestSchema):
    places = fields.Integer(required=True, allow_none=True)
    expressed_at = fields.AwareDateTime(required=True, format="iso")


class PlacesAllocatedSchema(_InterestSchema):
    places = fields.Integer(required=True)
    allocated_at = fields.AwareDateTime(required=True, format="iso")


class InterestWaitlistedSchema(_InterestSchema):
    places = fields.Integer(required=True)
    position = fields.Integer(required=True)
    waitlisted_at = fields.AwareDateTime(required=True, format="iso")


class InterestDeclinedSchema(_InterestSchema):
    places = fields.Integer(required=True, allow_none=True)
    declined_at = fields.AwareDateTime(required=True, format="iso")


class PlacesReleasedSchema(_InterestSchema):
    still_held = fields.Integer(required=True)
    released_at = fields.AwareDateTime(required=True, format="iso")


class InterestWithdrawnSchema(_InterestSchema):
    withdrawn_at = fields.AwareDateTime(required=True, format="iso")


def _follow(loaded: dict[str, Any], update: InterestUpdate) -> FollowInterest:
    return FollowInterest(loaded["centre_id"], loaded["opportunity_id"], update)


def expressed_command(data: dict[str, Any]) -> FollowInterest:
    loaded = InterestExpressedSchema().load(data)
    update = InterestUpdate(loaded["interest_id"], REQUESTED, loaded["expressed_at"], places_requested=loaded["places"])
    return _follow(loaded, update)


def allocated_command(data: dict[str, Any]) -> FollowInterest:
    """Partners allocate exactly what was asked for (0 when the interest asked for no places)."""
    loaded = PlacesAllocatedSchema().load(data)
    places = loaded["places"]
    update = InterestUpdate(
        loaded["interest_id"],
        ALLOCATED,
        loaded["allocated_at"],
        places_requested=places or None,
        places_allocated=places,
    )
    return _follow(loaded, update)


def waitlisted_command(data: dict[str, Any]) -> FollowInterest:
    loaded = InterestWaitlistedSchema().load(data)
    update = InterestUpdate(
        loaded["interest_id"],
        WAITLISTED,
        loaded["waitlisted_at"],
        places_requested=loaded["places"],
        places_allocated=0,
        waitlist_position=loaded["position"],
    )
    return _follow(loaded, update)


def declined_command(data: dict[str, Any]) -> FollowInterest:
    loaded = InterestDeclinedSchema().load(data)
    update = InterestUpdate(
        loaded["interest_id"], DECLINED, loaded["declined_at"], places_requested=loaded["places"], places_allocated=0
    )
    return _follow(loaded, update)


def released_command(data: dict[str, Any]) -> FollowInterest:
    """Giving back only some places leaves the interest allocated, with what it still holds."""
    loaded = PlacesReleasedSchema().load(data)
    held = loaded["still_held"]
    status = ALLOCATED if held else RELEASED
    return _follow(loaded, InterestUpdate(loaded["interest_id"], status, loaded["released_at"], places_allocated=held))


def withdrawn_command(data: dict[str, Any]) -> FollowInterest:
    """The centre gave up its interest: it holds nothing any more (places it held came back as `places_released`)."""
    loaded = InterestWithdrawnSchema().load(data)
    update = InterestUpdate(loaded["interest_id"], WITHDRAWN, loaded["withdrawn_at"], places_allocated=0)
    return _follow(loaded, update)
