"""What centres ask of their feed, and the registry listing, validated at the service's boundary (400 naming the
parameter or field)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, fields, validate

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, VOIVODESHIPS
from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import NoNul, load_id, load_or_raise
from lowe_centres.listing import (
    DEFAULT_PAGE_SIZE,
    FEED_ORDERS,
    MAX_PAGE_SIZE,
    NEWEST,
    BadCursor,
    CentreCursor,
    CentreQuery,
    FeedCursor,
    FeedQuery,
)
from lowe_centres.model import CENTRE_STATUSES
from lowe_centres.model.feed import FEED_STATES, MARKABLE_STATES

PLACES_MAX = 10_000  # as the partners service bounds them
MESSAGE_MAX_LENGTH = 500  # the partners service's bound on an interest's note
MARKABLE = "Must be one of: new, seen, saved, dismissed (an entry is claimed by expressing interest from it)."


@dataclass(frozen=True)
class EntryRef:
    centre_id: UUID
    entry_id: UUID


@dataclass(frozen=True)
class MarkFeedEntry:
    entry: EntryRef
    state: str


@dataclass(frozen=True)
class ClaimFeedEntry:
    """Express interest from the entry; `places` None: interest without asking for places; `message` for the
    partner (the interest's note), or None."""

    entry: EntryRef
    places: int | None = None
    message: str | None = None


@dataclass(frozen=True)
class ExpressInterest:
    """Interest in an opportunity, whether or not it is in the centre's feed."""

    centre_id: UUID
    opportunity_id: UUID
    places: int | None = None
    message: str | None = None


class _EntryRefSchema(Schema):
    centre_id = fields.UUID(required=True)
    entry_id = fields.UUID(required=True)


class MarkFeedEntrySchema(Schema):
    class Meta:
        unknown = RAISE

    state = fields.String(required=True, validate=validate.OneOf(MARKABLE_STATES, error=MARKABLE))


def _places() -> fields.Integer:
    return fields.Integer(strict=True, allow_none=True, load_default=None, validate=validate.Range(1, PLACES_MAX))


def _message() -> fields.String:
    return fields.String(
        allow_none=True, load_default=None, validate=[validate.Length(max=MESSAGE_MAX_LENGTH), NoNul()]
    )


class ClaimFeedEntrySchema(Schema):
    class Meta:
        unknown = RAISE

    places = _places()
    message = _message()


class ExpressInterestSchema(ClaimFeedEntrySchema):
    opportunity_id = fields.UUID(required=True)


def _page_size() -> fields.Integer:
    return fields.Integer(load_default=DEFAULT_PAGE_SIZE, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


def _cursor() -> fields.String:
    return fields.String(load_default=None, validate=validate.Length(max=400))


class FeedQuerySchema(Schema):
    """The query string: `state` and `kind` may repeat; left out, any."""

    class Meta:
        unknown = RAISE

    state = fields.List(fields.String(validate=validate.OneOf(FEED_STATES)), load_default=list)
    kind = fields.List(fields.String(validate=validate.OneOf(OPPORTUNITY_KINDS)), load_default=list)
    recommended = fields.Boolean(load_default=None, allow_none=True)
    include_retracted = fields.Boolean(load_default=True)
    order = fields.String(load_default=NEWEST, validate=validate.OneOf(FEED_ORDERS))
    page_size = _page_size()
    cursor = _cursor()


class CentreQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    voivodeship = fields.String(validate=validate.OneOf(list(VOIVODESHIPS)), load_default=None)
    status = fields.String(validate=validate.OneOf(CENTRE_STATUSES), load_default=None)
    q = fields.String(validate=validate.Length(min=2, max=100), load_default=None)
    page_size = _page_size()
    cursor = _cursor()


def entry_ref(centre_id: Any, entry_id: Any) -> EntryRef:
    loaded = load_or_raise(_EntryRefSchema(), {"centre_id": centre_id, "entry_id": entry_id})
    return EntryRef(loaded["centre_id"], loaded["entry_id"])


def mark_feed_entry_command(centre_id: Any, entry_id: Any, payload: Any) -> MarkFeedEntry:
    ref = entry_ref(centre_id, entry_id)
    return MarkFeedEntry(ref, load_or_raise(MarkFeedEntrySchema(), payload)["state"])


def claim_feed_entry_command(centre_id: Any, entry_id: Any, payload: Any) -> ClaimFeedEntry:
    """No body (None) asks for no places."""
    ref = entry_ref(centre_id, entry_id)
    data = load_or_raise(ClaimFeedEntrySchema(), {} if payload is None else payload)
    return ClaimFeedEntry(ref, data["places"], _tidy(data["message"]))


def express_interest_command(centre_id: Any, payload: Any) -> ExpressInterest:
    centre = load_id("centre_id", centre_id)
    data = load_or_raise(ExpressInterestSchema(), payload)
    return ExpressInterest(centre, data["opportunity_id"], data["places"], _tidy(data["message"]))


def _tidy(message: str | None) -> str | None:
    return (message or "").strip() or None


def feed_query(centre_id: Any, params: Any) -> FeedQuery:
    """`params` maps names to a value or a list of values, as a query string has them."""
    centre = load_id("centre_id", centre_id)
    data = load_or_raise(FeedQuerySchema(), {} if params is None else params)
    after = _decoded(lambda token: FeedCursor.decode(token, data["order"]), data["cursor"])
    return FeedQuery(
        centre_id=centre,
        states=tuple(sorted(set(data["state"]))),
        kinds=tuple(sorted(set(data["kind"]))),
        recommended=data["recommended"],
        include_retracted=data["include_retracted"],
        order=data["order"],
        after=after,
        limit=data["page_size"],
    )


def centre_query(params: Any) -> CentreQuery:
    data = load_or_raise(CentreQuerySchema(), {} if params is None else params)
    text = (data["q"] or "").strip() or None
    return CentreQuery(
        data["voivodeship"], data["status"], text, _decoded(CentreCursor.decode, data["cursor"]), data["page_size"]
    )


def _decoded(decode: Any, token: str | None) -> Any:
    if not token:
        return None
    try:
        return decode(token)
    except BadCursor as exc:
        raise InvalidInput("The cursor is not valid.", {"cursor": [str(exc)]}) from None
