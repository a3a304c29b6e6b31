"""What the partners service returns about interests and places over RPC: plain JSON types only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, fields

from lowe_partners.interest_use_cases import Decision, InterestList
from lowe_partners.interests import Interest, PlacesSummary


class InterestView(Schema):
    id = fields.UUID()
    opportunity_id = fields.UUID()
    partner_id = fields.UUID()
    centre_id = fields.UUID()
    places = fields.Integer(allow_none=True)
    note = fields.String(allow_none=True)
    status = fields.String()
    allocated = fields.Integer()
    expressed_at = fields.AwareDateTime(format="iso")
    decided_at = fields.AwareDateTime(format="iso", allow_none=True)
    allocated_at = fields.AwareDateTime(format="iso", allow_none=True)
    released_at = fields.AwareDateTime(format="iso", allow_none=True)
    withdrawn_at = fields.AwareDateTime(format="iso", allow_none=True)


class PlacesView(Schema):
    """The opportunity's places: `remaining` null when it has no limit; `waiting` the line, next first."""

    opportunity_id = fields.UUID()
    status = fields.String()
    places = fields.Integer(allow_none=True)
    allocated = fields.Integer()
    remaining = fields.Integer(allow_none=True)
    waiting = fields.List(fields.UUID())


def _interest(interest: Interest, places: PlacesSummary) -> dict[str, Any]:
    view: dict[str, Any] = InterestView().dump(interest)
    view["position"] = places.position(interest.id)  # in the waiting line, 1 = next; null when not waiting
    return view


def interest_view(interest: Interest) -> dict[str, Any]:
    """A new interest: nobody has decided on it yet."""
    return {**InterestView().dump(interest), "position": None}


def interest_detail_view(decision: Decision) -> dict[str, Any]:
    """One interest as it is now: `partner_id` is its opportunity's partner; `position` in the line, or null."""
    return _interest(decision.interest, decision.places)


def decision_view(decision: Decision) -> dict[str, Any]:
    return {**_interest(decision.interest, decision.places), "opportunity": PlacesView().dump(decision.places)}


def interest_list_view(listed: InterestList) -> dict[str, Any]:
    return {
        "items": [_interest(interest, listed.places) for interest in listed.interests],
        "places": PlacesView().dump(listed.places),
    }


def interest_lists_view(listed: dict[UUID, InterestList]) -> dict[str, Any]:
    return {str(opportunity_id): interest_list_view(one) for opportunity_id, one in listed.items()}
