"""An event at the boundary: types, vocabularies and bounds. Session times are Europe/Warsaw wall-clock times
(`2026-03-05T17:00`), or carry their own offset."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from lowe_backbone.contracts.events import LOCATION_KINDS
from lowe_backbone.contracts.vocabulary import ACCESSIBILITY, EVENT_KINDS, TARGET_GROUPS
from lowe_backbone.validation import NonBlank, NoNul
from lowe_events.model.schedule import MAX_SESSIONS

CAPACITY_MAX = 10_000
MAX_WEEKS = 52


def text(length: int, **options: Any) -> fields.String:
    return fields.String(validate=[validate.Length(max=length), NonBlank(), NoNul()], **options)


def codes(choices: Any) -> fields.List:
    return fields.List(fields.String(validate=validate.OneOf(choices)), validate=validate.Length(max=len(choices)))


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class SessionSchema(_Strict):
    starts_at = fields.DateTime(required=True, format="iso")
    ends_at = fields.DateTime(required=True, format="iso")

    @validates_schema
    def _ends_after_it_starts(self, data: dict[str, Any], **_kwargs: Any) -> None:
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at is None or ends_at is None:
            return
        if (starts_at.tzinfo is None) != (ends_at.tzinfo is None):
            raise ValidationError("Give both times in local time, or both with an offset.", "ends_at")
        if ends_at <= starts_at:
            raise ValidationError("A session must end after it starts.", "ends_at")


class LocationSchema(_Strict):
    """`centre`: at the centre's own address; `address`: elsewhere (give it); `online`: give the link."""

    kind = fields.String(required=True, validate=validate.OneOf(LOCATION_KINDS))
    address = text(300, allow_none=True, load_default=None)
    url = fields.Url(allow_none=True, load_default=None, schemes={"http", "https"}, validate=validate.Length(max=500))

    @validates_schema
    def _what_the_kind_needs(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("kind") == "address" and not data.get("address"):
            raise ValidationError("Give the address of the venue.", "address")
        if data.get("kind") == "online" and not data.get("url"):
            raise ValidationError("Give the link to join online.", "url")


class EventSchema(_Strict):
    """`sessions` (at most 100) with `repeat_weekly`: each given session happens that many weeks in a row
    (the same local time each week). Left out: no description, at the centre, Polish, no target groups."""

    title = text(200, required=True)
    description = fields.String(load_default="", validate=[validate.Length(max=5000), NoNul()])
    kind = fields.String(required=True, validate=validate.OneOf(EVENT_KINDS))
    sessions = fields.List(
        fields.Nested(SessionSchema), required=True, validate=validate.Length(min=1, max=MAX_SESSIONS)
    )
    repeat_weekly = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(1, MAX_WEEKS)
    )
    location = fields.Nested(LocationSchema, load_default=lambda: {"kind": "centre", "address": None, "url": None})
    capacity = fields.Integer(strict=True, required=True, validate=validate.Range(1, CAPACITY_MAX))
    languages = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z]{2}\Z", error="Use a two-letter ISO 639-1 code.")),
        validate=validate.Length(min=1, max=10),
        load_default=lambda: ["pl"],
    )
    target_groups = codes(TARGET_GROUPS)
    accessibility = codes(ACCESSIBILITY)
    accessibility_notes = text(1000, allow_none=True)
    organiser = text(200, allow_none=True)
    opportunity_id = fields.UUID(allow_none=True, load_default=None)

    @post_load
    def _normalised(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        for name in ("target_groups", "accessibility", "languages"):
            if name in data:
                data[name] = sorted(set(data[name]))
        for name in ("title", "organiser", "accessibility_notes"):
            if isinstance(data.get(name), str):
                data[name] = data[name].strip()
        return data


class EventChangesSchema(EventSchema):
    """What may change: everything but where the event came from. `sessions` replace the whole schedule."""

    class Meta:
        unknown = RAISE
        exclude = ("opportunity_id",)

    @validates_schema
    def _weeks_with_sessions(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("repeat_weekly") is not None and "sessions" not in data:
            raise ValidationError("Give the sessions to repeat.", "repeat_weekly")


class CancelEventSchema(_Strict):
    reason = text(500, allow_none=True, load_default=None)
