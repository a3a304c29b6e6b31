"""The gateway's one table from errors to HTTP statuses."""

from __future__ import annotations

import json

import pytest

from lowe_backbone.errors import Conflict, Forbidden, InvalidInput, NotFound, ServiceError, Unavailable
from lowe_gateway.errors import error_response


@pytest.mark.parametrize(
    ("error", "status"),
    [(InvalidInput, 400), (Forbidden, 403), (NotFound, 404), (Conflict, 409), (Unavailable, 503)],
)
def test_each_service_error_has_its_status_and_keeps_its_code_message_and_fields(
    error: type[ServiceError], status: int
) -> None:
    response = error_response(error("Said plainly.", {"field": ["why"]}))

    assert response.status_code == status
    assert json.loads(response.get_data()) == {
        "error": {"code": error.code, "message": "Said plainly.", "fields": {"field": ["why"]}}
    }
