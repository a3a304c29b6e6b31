"""Looks up the producer's schema for an event and validates what the producer is about to publish."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema

from lowe_backbone.contracts import centres, events, partners

_SCHEMAS: dict[tuple[str, str, int], type[Schema]] = {}
for _module in (partners, centres, events):
    for (_event_type, _version), _schema in _module.SCHEMAS.items():
        _SCHEMAS[(_module.PRODUCER, _event_type, _version)] = _schema


class UnknownEventContract(LookupError):
    pass


def producer_schema(producer: str, event_type: str, version: int) -> type[Schema]:
    try:
        return _SCHEMAS[(producer, event_type, version)]
    except KeyError:
        raise UnknownEventContract(f"no contract for {producer}/{event_type} v{version}") from None


def validated_payload(producer: str, event_type: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
    """Dumps with the producer's schema and loads it back, so nothing off-contract reaches the outbox."""
    schema = producer_schema(producer, event_type, version)()
    dumped: dict[str, Any] = schema.dump(data)
    schema.load(dumped)
    return dumped
