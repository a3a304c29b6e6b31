"""The `X-Correlation-ID` header on every answer and along the flow it starts; `GET /health`."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    CENTRE,
    PARTNER,
    SERVICES,
    SUBSCRIPTION,
    UNKNOWN_ID,
    Network,
    opportunity_for,
)
from tests.support import wait_for

HEADER = "X-Correlation-ID"


@pytest.fixture(scope="module")
def as_partner(network: Network) -> Network:
    return network.partner(PARTNER)[1]


# method, path, body as keyword arguments to `requests`, the status it gets
REQUESTS = [
    pytest.param("POST", "/api/v1/centres", {"json": CENTRE}, 201, id="created"),
    pytest.param("GET", "/health", {}, 200, id="read"),
    pytest.param("GET", "/api/v1/partners", {"key": None}, 401, id="no-key"),
    pytest.param("GET", "/api/v1/partners", {"key": "lowe_nonsense"}, 401, id="unknown-key"),
    pytest.param("POST", "/api/v1/opportunities", {"json": {}}, 403, id="wrong-role"),
    pytest.param("POST", "/api/v1/partners", {"json": {}}, 400, id="invalid"),
    pytest.param("POST", "/api/v1/centres", {"data": b"{"}, 400, id="malformed"),
    pytest.param("GET", f"/api/v1/opportunities/{UNKNOWN_ID}", {}, 404, id="unknown-id"),
    pytest.param("GET", "/api/v1/nowhere", {}, 404, id="unknown-route"),
    pytest.param("DELETE", "/api/v1/partners", {}, 405, id="wrong-method"),
    pytest.param("POST", "/api/v1/partners", {"data": b" " * (1024 * 1024 + 1)}, 413, id="too-large"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), REQUESTS)
@pytest.mark.parametrize(
    "given",
    ["flow-42", "0b7e1c1e-5a6f-4f57-9d2c-3f0e4b8f9a10", "a.B_c:D-" + "x" * 92],
    ids=["word", "uuid", "100-chars"],
)
def test_a_safe_correlation_id_is_echoed(
    network: Network, method: str, path: str, kwargs: dict[str, Any], status: int, given: str
) -> None:
    response = network.call(method, path, headers={HEADER: given}, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers[HEADER] == given


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), REQUESTS)
@pytest.mark.parametrize(
    "given",
    [None, "", "two words", "x" * 101, "semi;colon", "<script>", "zażółć".encode().decode("latin-1")],
    ids=["absent", "empty", "space", "too-long", "semicolon", "markup", "non-ascii"],
)
def test_a_missing_or_unsafe_correlation_id_is_replaced_by_a_fresh_one(
    network: Network, method: str, path: str, kwargs: dict[str, Any], status: int, given: str | None
) -> None:
    headers = {} if given is None else {HEADER: given}
    first = network.call(method, path, headers=headers, **kwargs)
    second = network.call(method, path, headers=headers, **kwargs)
    assert first.status_code == status, first.text
    assert uuid.UUID(first.headers[HEADER]) != uuid.UUID(second.headers[HEADER])


@pytest.mark.parametrize(("given", "kept"), [("publish-flow-7", True), ("not safe!", False)], ids=["safe", "unsafe"])
def test_the_correlation_id_follows_the_flow_into_every_event_it_causes(
    network: Network, as_partner: Network, given: str, kept: bool
) -> None:
    centre, as_centre = network.centre(CENTRE)
    as_centre.create(f"/api/v1/centres/{centre['id']}/subscriptions", SUBSCRIPTION)
    opportunity = as_partner.create("/api/v1/opportunities", opportunity_for())

    response = as_partner.post(f"/api/v1/opportunities/{opportunity['id']}/publish", headers={HEADER: given})
    assert response.status_code == 200, response.text
    flow = response.headers[HEADER]
    assert flow == given if kept else uuid.UUID(flow)

    wait_for(network.settled, what="the publish to be relayed and consumed")
    published = "SELECT correlation_id FROM outbox WHERE payload LIKE :opportunity"
    matched = published + " AND payload LIKE :centre"
    assert network.scalar("partners", published, opportunity=f"%{opportunity['id']}%") == flow
    assert network.scalar("centres", matched, opportunity=f"%{opportunity['id']}%", centre=f"%{centre['id']}%") == flow


def test_health_reports_every_service_up(network: Network) -> None:
    response = network.get("/health")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    health = response.json()
    assert health["status"] == "up"
    assert set(health["services"]) == set(SERVICES)
    for name, report in health["services"].items():
        assert report["service"] == name
        assert report["status"] == "up", report
        assert report["checks"] == {"broker": {"status": "up"}, "database": {"status": "up"}}
