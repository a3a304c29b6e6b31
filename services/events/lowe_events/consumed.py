"""The events service's own reading of the partners' events it consumes (tolerant of fields it does not use)."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, fields

from lowe_events.use_cases import AllocationChange


class _InterestSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    interest_id = fields.UUID(required=True)
    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)


class PlacesAllocatedSchema(_InterestSchema):
    places = fields.Integer(required=True)
    allocated_at = fields.AwareDateTime(required=True, format="iso")


class PlacesReleasedSchema(_InterestSchema):
    still_held = fields.Integer(required=True)
    released_at = fields.AwareDateTime(required=True, format="iso")


def allocated_command(data: dict[str, Any]) -> AllocationChange:
    loaded = PlacesAllocatedSchema().load(data)
    at, places = loaded.pop("allocated_at"), loaded.pop("places")
    return AllocationChange(**loaded, places=places, released=False, at=at)


def released_command(data: dict[str, Any]) -> AllocationChange:
    loaded = PlacesReleasedSchema().load(data)
    at, still_held = loaded.pop("released_at"), loaded.pop("still_held")
    return AllocationChange(**loaded, places=still_held, released=True, at=at)
