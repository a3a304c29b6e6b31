"""The envelope every integration event travels in: what the producer writes, the consumer loads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.envelope import Envelope, load_envelope


def an_envelope() -> Envelope:
    return Envelope(
        type="opportunity_published",
        version=1,
        producer="partners",
        correlation_id="req-42",
        data={"opportunity_id": "0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01", "topics": ["languages"]},
    )


def a_message(**changes: Any) -> dict[str, Any]:
    message = json.loads(json.dumps(an_envelope().to_message()))
    message.update(changes)
    return message


def test_an_envelope_survives_the_trip_through_the_broker() -> None:
    envelope = an_envelope()

    loaded = load_envelope(json.loads(json.dumps(envelope.to_message())))

    assert loaded["event_id"] == envelope.event_id
    assert (loaded["type"], loaded["version"], loaded["producer"]) == ("opportunity_published", 1, "partners")
    assert loaded["correlation_id"] == "req-42"
    assert loaded["data"] == envelope.data
    assert loaded["occurred_at"].isoformat() == envelope.occurred_at


def test_every_envelope_gets_its_own_event_id_and_an_aware_timestamp() -> None:
    first, second = load_envelope(an_envelope().to_message()), load_envelope(an_envelope().to_message())

    assert first["event_id"] != second["event_id"]
    assert first["occurred_at"].tzinfo is not None


def test_an_envelope_may_carry_fields_this_reader_does_not_know() -> None:
    assert load_envelope(a_message(trace_id="abc"))["type"] == "opportunity_published"


@pytest.mark.parametrize("field", ["event_id", "type", "version", "occurred_at", "producer", "correlation_id", "data"])
def test_a_missing_envelope_field_is_refused(field: str) -> None:
    message = a_message()
    del message[field]

    with pytest.raises(ValidationError) as caught:
        load_envelope(message)

    assert field in caught.value.messages


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("event_id", "not-a-uuid"),
        ("type", ""),
        ("version", "1"),
        ("version", 0),
        ("occurred_at", "2025-03-03T11:30:00"),
        ("occurred_at", "yesterday"),
        ("producer", ""),
        ("correlation_id", ""),
        ("data", ["not", "an", "object"]),
    ],
)
def test_a_malformed_envelope_field_is_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        load_envelope(a_message(**{field: value}))

    assert field in caught.value.messages
