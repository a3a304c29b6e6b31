"""What centres and partners ask about interests and places, validated at the service's boundary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, fields, validate

from lowe_backbone.validation import NoNul, load_id, load_or_raise
from lowe_partners.commands import ids_of

NOTE_MAX_LENGTH = 500
PLACES_MAX = 10_000


@dataclass(frozen=True)
class ExpressInterest:
    opportunity_id: UUID
    centre_id: UUID  # from the body until centres authenticate
    places: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class AcceptInterest:
    interest_id: UUID


@dataclass(frozen=True)
class DeclineInterest:
    interest_id: UUID


@dataclass(frozen=True)
class WithdrawInterest:
    interest_id: UUID


@dataclass(frozen=True)
class ReleasePlaces:
    interest_id: UUID
    places: int | None = None  # all the interest holds


@dataclass(frozen=True)
class ListPartnerInterests:
    """The interest in those of the opportunities that are the partner's own."""

    partner_id: UUID
    opportunity_ids: tuple[UUID, ...]


def _places() -> fields.Integer:
    return fields.Integer(strict=True, allow_none=True, load_default=None, validate=validate.Range(1, PLACES_MAX))


class ExpressInterestSchema(Schema):
    class Meta:
        unknown = RAISE

    centre_id = fields.UUID(required=True)
    places = _places()
    note = fields.String(allow_none=True, load_default=None, validate=[validate.Length(max=NOTE_MAX_LENGTH), NoNul()])


class ReleasePlacesSchema(Schema):
    class Meta:
        unknown = RAISE

    places = _places()


def opportunity_id_of(opportunity_id: Any) -> UUID:
    return load_id("opportunity_id", opportunity_id)


def interest_id_of(interest_id: Any) -> UUID:
    return load_id("interest_id", interest_id)


def list_partner_interests_command(partner_id: Any, opportunity_ids: Any) -> ListPartnerInterests:
    return ListPartnerInterests(load_id("partner_id", partner_id), ids_of("opportunity_ids", opportunity_ids))


def express_interest_command(opportunity_id: Any, payload: Any) -> ExpressInterest:
    opportunity = opportunity_id_of(opportunity_id)
    data = load_or_raise(ExpressInterestSchema(), payload)
    note = (data["note"] or "").strip() or None
    return ExpressInterest(opportunity, data["centre_id"], data["places"], note)


def accept_interest_command(interest_id: Any) -> AcceptInterest:
    return AcceptInterest(interest_id_of(interest_id))


def decline_interest_command(interest_id: Any) -> DeclineInterest:
    return DeclineInterest(interest_id_of(interest_id))


def withdraw_interest_command(interest_id: Any) -> WithdrawInterest:
    return WithdrawInterest(interest_id_of(interest_id))


def release_places_command(interest_id: Any, payload: Any) -> ReleasePlaces:
    """An empty body (None) releases everything the interest holds."""
    interest = interest_id_of(interest_id)
    data = load_or_raise(ReleasePlacesSchema(), {} if payload is None else payload)
    return ReleasePlaces(interest, data["places"])
