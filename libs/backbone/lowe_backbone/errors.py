"""Errors that cross the RPC boundary as themselves, so the gateway can map them to HTTP in one table."""

from __future__ import annotations

from typing import Any

from nameko.exceptions import deserialize_to_instance


class ServiceError(Exception):
    code = "error"

    def __init__(self, message: str, fields: dict[str, Any] | None = None) -> None:
        super().__init__(message, fields or {})
        self.message = message
        self.fields = fields or {}

    def __str__(self) -> str:
        return self.message


@deserialize_to_instance
class InvalidInput(ServiceError):
    code = "invalid_input"


@deserialize_to_instance
class NotFound(ServiceError):
    code = "not_found"


@deserialize_to_instance
class Conflict(ServiceError):
    code = "conflict"


@deserialize_to_instance
class Forbidden(ServiceError):
    code = "forbidden"


@deserialize_to_instance
class Unavailable(ServiceError):
    """Another service this one needed did not answer in time."""

    code = "service_unavailable"


class PermanentFailure(Exception):
    """A message that can never succeed (off-contract, malformed): dead-lettered without retries."""
