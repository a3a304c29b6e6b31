"""What the events service is asked to read: the pages of events and the participation reports' scopes."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import load_or_raise
from lowe_events.commands import Actor, ReportQuery, ReportQuerySchema, actor_of
from lowe_events.model import WARSAW

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
Cursor = tuple[datetime, UUID]  # the last item's first session start and id


@dataclass(frozen=True)
class EventListQuery:
    """A page of events by first session start then id: one centre's, or (`centre_id` None) every centre's.
    `starts`/`ends` (UTC, end exclusive) keep the events with a session starting in between."""

    centre_id: UUID | None
    starts: datetime | None
    ends: datetime | None
    after: Cursor | None
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass(frozen=True)
class ReportScope:
    """Whose figures: one centre's, one partner's opportunities' events, both (that centre's events from that
    partner), or neither (the whole network)."""

    centre_id: UUID | None
    partner_id: UUID | None
    query: ReportQuery


class _Period(Schema):
    class Meta:
        unknown = RAISE

    starts = fields.Date(load_default=None, data_key="from")
    ends = fields.Date(load_default=None, data_key="to")

    @validates_schema
    def _period(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            raise ValidationError("The period must not end before it starts.", "to")


class _EventListSchema(_Period):
    page_size = fields.Integer(load_default=DEFAULT_PAGE_SIZE, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))
    cursor = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    centre_id = fields.UUID(load_default=None, allow_none=True)


class _ReportScopeSchema(ReportQuerySchema):
    centre_id = fields.UUID(load_default=None, allow_none=True)
    partner_id = fields.UUID(load_default=None, allow_none=True)


def warsaw_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=WARSAW)


def encode_cursor(cursor: Cursor | None) -> str | None:
    if cursor is None:
        return None
    return base64.urlsafe_b64encode(f"{cursor[0].isoformat()}|{cursor[1]}".encode()).decode()


def _decoded(token: str | None) -> Cursor | None:
    if not token:
        return None
    try:
        at, _, last_id = base64.urlsafe_b64decode(token.encode()).decode().partition("|")
        starts = datetime.fromisoformat(at)
        if starts.tzinfo is None:
            raise ValueError("naive time")
        return starts, UUID(last_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput("The request has invalid fields.", {"cursor": ["Not a valid cursor."]}) from None


def event_list_query(centre_id: Any, params: Any, operator: bool = False) -> tuple[Actor, EventListQuery]:
    """A centre lists its own events (a `centre_id` parameter may only name itself); an operator with no centre
    lists every centre's, or the one `centre_id` names."""
    actor = actor_of(centre_id, operator)
    data = load_or_raise(_EventListSchema(), {} if params is None else params)
    wanted = data["centre_id"]
    if actor.centre_id is not None and wanted not in (None, actor.centre_id):
        raise InvalidInput("The request has invalid fields.", {"centre_id": ["Only an operator lists another centre."]})
    starts = warsaw_midnight(data["starts"]) if data["starts"] else None
    ends = warsaw_midnight(data["ends"] + timedelta(days=1)) if data["ends"] else None
    query = EventListQuery(actor.centre_id or wanted, starts, ends, _decoded(data["cursor"]), data["page_size"])
    return actor, query


def report_scope(query: Any) -> ReportScope:
    data = load_or_raise(_ReportScopeSchema(), {} if query is None else query)
    parsed = ReportQuery(data["starts"], data["ends"], data["format"])
    return ReportScope(data["centre_id"], data["partner_id"], parsed)
