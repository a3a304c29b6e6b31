"""End to end: every service in its own process, as in production, driven over HTTP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.fixtures.services import free_port
from tests.integration.gateway_helpers import operator_key
from tests.support import wait_for

SERVICES = ("partners", "centres", "notifications", "events", "gateway")
REPO = Path(__file__).resolve().parents[2]
LOWE_SERVE = str(Path(sys.executable).parent / "lowe-serve")  # the venv's, whatever PATH says


@pytest.fixture
def network(broker_uri: str, database_url: Callable[[str], str], tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    """The network's URL, its log directory and an operator's key (made as `lowe keys create --operator` does)."""
    port = free_port()
    env = {
        **os.environ,
        "AMQP_URI": broker_uri,
        "GATEWAY_ADDRESS": f"127.0.0.1:{port}",
        "LOWE_CONFIG_DIR": str(REPO / "deploy" / "config"),
        "RETRY_DELAYS_MS": "100,200",
        "OUTBOX_POLL_INTERVAL": "0.5",
        **{f"{name.upper()}_DATABASE_URL": database_url(name) for name in SERVICES},
    }
    processes = {}
    for name in SERVICES:
        log = (tmp_path / f"{name}.log").open("w")
        processes[name] = subprocess.Popen([LOWE_SERVE, name], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _healthy(url), timeout=60, interval=0.2, what="the network to report healthy")
        yield url, tmp_path, operator_key(database_url("gateway"))
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        for name, process in processes.items():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                raise AssertionError(f"{name} did not stop on SIGTERM") from None


def _healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/health", timeout=5).status_code == 200
    except requests.RequestException:
        return False


def _log_lines(log_dir: Path, service: str) -> list[dict[str, object]]:
    lines = []
    for line in (log_dir / f"{service}.log").read_text().splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_a_published_opportunity_reaches_a_subscribed_centre_across_processes(
    network: tuple[str, Path, str],
) -> None:
    url, log_dir, operator = network
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
        flow = [line for line in _log_lines(log_dir, service) if line.get("correlation_id") == correlation_id]
        assert flow, f"{service} logged nothing with the flow's correlation id"
        assert all(line["service"] == service for line in flow)
