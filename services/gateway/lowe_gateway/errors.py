"""The one table that maps errors to HTTP status codes, and the JSON error body."""

from __future__ import annotations

import json
from typing import Any

import eventlet
from kombu.exceptions import OperationalError as BrokerUnreachable
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from lowe_backbone.errors import Conflict, Forbidden, InvalidInput, NotFound, ServiceError, Unavailable
from lowe_backbone.logs import get_logger

log = get_logger(__name__)


class MalformedJson(ServiceError):
    code = "malformed_json"


class BodyTooLarge(ServiceError):
    code = "body_too_large"


class ServiceUnavailable(ServiceError):
    code = "service_unavailable"


class NotAuthenticated(ServiceError):
    code = "unauthenticated"


class RateLimited(ServiceError):
    code = "rate_limited"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many requests with this key; try again in {retry_after} s.")
        self.retry_after = retry_after


STATUS_BY_ERROR: dict[type[Exception], int] = {
    MalformedJson: 400,
    InvalidInput: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    BodyTooLarge: 413,
    RateLimited: 429,
    ServiceUnavailable: 503,
    Unavailable: 503,
    eventlet.Timeout: 503,
    BrokerUnreachable: 503,  # the request could not even be sent to the service
}

EXPECTED_ERRORS = tuple(STATUS_BY_ERROR)


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> str:
    return json.dumps({"error": {"code": code, "message": message, "fields": fields or {}}})


def error_response(exc: BaseException) -> Response:
    if isinstance(exc, HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        response = Response(error_body(code, exc.description or exc.name), status=exc.code, mimetype="application/json")
        if exc.code == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
        return response
    for error_type, status in STATUS_BY_ERROR.items():
        if isinstance(exc, error_type):
            if isinstance(exc, ServiceError):
                body = error_body(exc.code, exc.message, exc.fields)
            else:
                body = error_body("service_unavailable", "A service did not answer in time.")
            response = Response(body, status=status, mimetype="application/json")
            if isinstance(exc, NotAuthenticated):
                response.headers["WWW-Authenticate"] = 'Bearer realm="lowe"'
            if isinstance(exc, RateLimited):
                response.headers["Retry-After"] = str(exc.retry_after)
            return response
    log.error("unexpected_error", exc_info=exc)
    return Response(
        error_body("internal_error", "Something went wrong on our side."), status=500, mimetype="application/json"
    )
