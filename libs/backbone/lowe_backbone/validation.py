"""Boundary validation with marshmallow that fails as `InvalidInput`, naming every bad field."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marshmallow import Schema, ValidationError, fields
from marshmallow.validate import Validator

from lowe_backbone.errors import InvalidInput


class NonBlank(Validator):
    error = "Must not be blank."

    def __call__(self, value: str) -> str:
        if not value.strip():
            raise ValidationError(self.error)
        return value


class NoNul(Validator):
    """PostgreSQL text cannot hold NUL characters; refuse them at the boundary on every backend."""

    error = "Must not contain NUL characters."

    def __call__(self, value: str) -> str:
        if "\x00" in value:
            raise ValidationError(self.error)
        return value


def load_or_raise(schema: Schema, payload: Any, message: str = "The request has invalid fields.") -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise InvalidInput("The request body must be a JSON object.", {"_body": ["Must be a JSON object."]})
    try:
        loaded: dict[str, Any] = schema.load(payload)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_body": exc.messages}
        raise InvalidInput(message, _stringify_keys(messages)) from None
    return loaded


def _stringify_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _stringify_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(item) for item in value]
    return value


def load_id(name: str, value: Any) -> UUID:
    """One id from a path or an RPC argument: a UUID, or an InvalidInput naming `name`."""
    loaded: UUID = load_or_raise(Schema.from_dict({name: fields.UUID(required=True)})(), {name: value})[name]
    return loaded
