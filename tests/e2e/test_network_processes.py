"""End to end: every service in its own process, as in production, driven over HTTP."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.fixtures.process_network import ProcessNetwork
from tests.integration.gateway_helpers import operator_key
from tests.support import wait_for

SERVICES = ("partners", "centres", "notifications", "events", "gateway")


@pytest.fixture
def network(
    broker_uri: str, database_url: Callable[[str], str], tmp_path: Path
) -> Iterator[tuple[str, ProcessNetwork, str]]:
    """The network's URL, its processes and an operator's key (made as `lowe keys create --operator` does)."""
    urls = {name: database_url(name) for name in SERVICES}
    processes = ProcessNetwork(
        broker_uri, urls, tmp_path, {"RETRY_DELAYS_MS": "100,200", "OUTBOX_POLL_INTERVAL": "0.5"}
    )
    try:
        processes.start()
        yield processes.url, processes, operator_key(urls["gateway"])
    finally:
        killed = processes.stop()
    assert not killed, f"{killed} did not stop on SIGTERM"


def test_a_published_opportunity_reaches_a_subscribed_centre_across_processes(
    network: tuple[str, ProcessNetwork, str],
) -> None:
    url, processes, operator = network
    correlation_id = f"e2e-{uuid.uuid4()}"

    def bearer(key: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {key}"}

    def post(path: str, key: str, body: dict[str, Any] | None = None, expect: int = 201) -> dict[str, Any]:
        headers = {"X-Correlation-ID": correlation_id, **bearer(key)}
        response = requests.post(f"{url}{path}", json=body, headers=headers, timeout=10)
        assert response.status_code == expect, response.text
        assert response.headers["X-Correlation-ID"] == correlation_id
        return dict(response.json())

    def get(path: str, key: str) -> Any:
        response = requests.get(f"{url}{path}", headers=bearer(key), timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    partner = post(
        "/api/v1/partners",
        operator,
        {"name": "Fundacja Aktywni", "sector": "social", "email": "f@example.pl", "voivodeship": "14"},
    )
    partner_key = partner["api_key"]["key"]
    post(f"/api/v1/partners/{partner['id']}/verify", operator, expect=200)
    body = {"name": "LOWE Mszczonów", "voivodeship": "14", "municipality": "Mszczonów"}
    centre = post("/api/v1/centres", operator, body)
    centre_key = centre["api_key"]["key"]
    post(f"/api/v1/centres/{centre['id']}/subscriptions", centre_key, {"name": "Dla rodzin", "topics": ["parenting"]})
    other = post("/api/v1/centres", operator, {"name": "LOWE Sejny", "voivodeship": "20", "municipality": "Sejny"})
    other_key = other["api_key"]["key"]
    post(f"/api/v1/centres/{other['id']}/subscriptions", other_key, {"name": "Lokalnie", "topics": ["parenting"]})
    opportunity = post(
        "/api/v1/opportunities",
        partner_key,
        {
            "kind": "workshop",
            "title": "Szkoła dla rodziców",
            "description": "Cykl warsztatów",
            "topics": ["parenting"],
            "target_groups": ["families_at_risk"],
            "regions": ["14"],
        },
    )
    assert opportunity["partner_id"] == partner["id"]  # the key said whose it is
    post(f"/api/v1/opportunities/{opportunity['id']}/publish", partner_key, expect=200)
    published_at = time.monotonic()

    feed = wait_for(
        lambda: get(f"/api/v1/centres/{centre['id']}/feed", centre_key)["items"],
        timeout=10,
        interval=0.02,
        what="the feed entry",
    )
    seen_after = time.monotonic() - published_at
    inbox = wait_for(
        lambda: get("/api/v1/notifications", centre_key)["notifications"], timeout=10, what="the notification"
    )
    print(f"publish -> feed visible after {seen_after * 1000:.0f} ms")

    assert feed[0]["opportunity"]["id"] == opportunity["id"]
    assert feed[0]["reasons"]["region"] == "14"
    assert inbox[0]["data"]["opportunity_id"] == opportunity["id"]
    assert get(f"/api/v1/centres/{other['id']}/feed", other_key)["items"] == []
    assert get("/api/v1/notifications", other_key)["notifications"] == []
    fetched = get(f"/api/v1/opportunities/{opportunity['id']}", centre_key)
    assert fetched["status"] == "published"
    no_key = requests.get(f"{url}/api/v1/centres/{centre['id']}/feed", timeout=10)
    assert no_key.status_code == 401, no_key.text

    for service in ("partners", "centres", "notifications"):
        flow = [line for line in processes.log_lines(service) if line.get("correlation_id") == correlation_id]
        assert flow, f"{service} logged nothing with the flow's correlation id"
        assert all(line["service"] == service for line in flow)
