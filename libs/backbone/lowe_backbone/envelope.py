"""The envelope every integration event travels in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, validate


@dataclass(frozen=True)
class Envelope:
    type: str
    version: int
    producer: str
    correlation_id: str
    data: dict[str, Any]
    event_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def to_message(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "type": self.type,
            "version": self.version,
            "occurred_at": self.occurred_at,
            "producer": self.producer,
            "correlation_id": self.correlation_id,
            "data": self.data,
        }


class EnvelopeSchema(Schema):
    """Loads any envelope; the `data` payload is validated by the event's own schema."""

    class Meta:
        unknown = EXCLUDE

    event_id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Length(min=1, max=100))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True, format="iso")
    producer = fields.String(required=True, validate=validate.Length(min=1, max=50))
    correlation_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    data = fields.Dict(keys=fields.String(), required=True)


def load_envelope(message: dict[str, Any]) -> dict[str, Any]:
    """Validates the envelope of an incoming message; raises ValidationError on a malformed one."""
    loaded: dict[str, Any] = EnvelopeSchema().load(message)
    loaded["event_id"] = str(loaded["event_id"])
    return loaded
