"""How long from a partner's publish until the centre sees the opportunity in its feed and inbox.

Starts the whole network as separate processes (as in production) on a private vhost, once on SQLite and
once on PostgreSQL, publishes opportunities one after another through the HTTP API and polls the centre's
feed and notifications every 5 ms. Prints medians and the PostgreSQL/SQLite ratio, measured in one run.
Target (issue: walking skeleton): the centre sees the opportunity within 2 seconds of publishing.

    .venv/bin/python bench/publish_to_feed.py [--count 40]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import requests
from common import start_network

from tests.fixtures.broker import VhostAdmin, uri_for_vhost
from tests.fixtures.databases import Databases, postgres_available
from tests.integration.gateway_helpers import operator_key

TARGET_SECONDS = 2.0


def measure(url: str, operator: str, count: int) -> tuple[list[float], list[float]]:
    """As clients do: the operator registers a partner and a centre, each then acts with its own key."""
    session = requests.Session()

    def call(method: str, path: str, key: str, body: dict[str, object] | None = None) -> Any:
        response = session.request(method, f"{url}{path}", json=body, headers={"Authorization": f"Bearer {key}"})
        response.raise_for_status()
        return response.json()

    partner = call(
        "POST",
        "/api/v1/partners",
        operator,
        {"name": "Fundacja Pomiarowa", "sector": "social", "email": "bench@example.pl", "voivodeship": "12"},
    )
    call("POST", f"/api/v1/partners/{partner['id']}/verify", operator)
    partner_key = partner["api_key"]["key"]
    centre = call(
        "POST", "/api/v1/centres", operator, {"name": "LOWE Tokarnia", "voivodeship": "12", "municipality": "Tokarnia"}
    )
    centre_key = centre["api_key"]["key"]
    call("POST", f"/api/v1/centres/{centre['id']}/subscriptions", centre_key, {"name": "Wszystko"})
    to_feed, to_inbox = [], []
    for number in range(count):
        opportunity = call(
            "POST",
            "/api/v1/opportunities",
            partner_key,
            {
                "kind": "course",
                "title": f"Kurs {number}",
                "description": "Pomiar",
                "topics": ["digital_skills"],
                "regions": ["12"],
            },
        )
        published = time.monotonic()
        call("POST", f"/api/v1/opportunities/{opportunity['id']}/publish", partner_key)
        feed_at = inbox_at = None
        while feed_at is None or inbox_at is None:
            if time.monotonic() - published > 30:
                raise SystemExit(f"opportunity {number} did not arrive within 30 s")
            # each read is timed from just before it was sent: the item was visible by then at the latest
            asked = time.monotonic()
            if feed_at is None and any(
                item["opportunity"]["id"] == opportunity["id"]
                for item in call("GET", f"/api/v1/centres/{centre['id']}/feed", centre_key)["items"]
            ):
                feed_at = asked
            asked = time.monotonic()
            if inbox_at is None and any(
                note["data"]["opportunity_id"] == opportunity["id"]
                for note in call("GET", "/api/v1/notifications", centre_key)["notifications"]
            ):
                inbox_at = asked
            time.sleep(0.005)
        to_feed.append(feed_at - published)
        to_inbox.append(inbox_at - published)
    return to_feed, to_inbox


def run(backend: str, count: int, admin: VhostAdmin) -> tuple[list[float], list[float]]:
    vhost = f"lowe-bench-{uuid.uuid4().hex[:8]}"
    admin.create(vhost)
    with tempfile.TemporaryDirectory(prefix=f"lowe-bench-{backend}-") as tmp:
        databases = Databases(Path(tmp), backend=backend)
        network = None
        try:
            network = start_network(uri_for_vhost(vhost), databases, Path(tmp))
            url = network.url
            operator = operator_key(databases.url("gateway"))  # as `lowe keys create --operator` makes one
            measure(url, operator, 3)  # warm-up: connections, caches
            return measure(url, operator, count)
        finally:
            if network is not None:
                network.stop()
            databases.drop_all()
            admin.delete(vhost)


def summary(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return (
        f"{label:<28} median {statistics.median(samples) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
        f"max {max(samples) * 1000:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    admin = VhostAdmin()
    backends = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    results = {backend: run(backend, args.count, admin) for backend in backends}
    print(f"publish -> visible to the centre, {args.count} opportunities each, processes on loopback")
    for backend, (to_feed, to_inbox) in results.items():
        print(summary(f"{backend}: feed", to_feed))
        print(summary(f"{backend}: notification", to_inbox))
    if "postgresql" in results:
        ratio = statistics.median(results["postgresql"][0]) / statistics.median(results["sqlite"][0])
        print(f"median feed latency, postgresql / sqlite: {ratio:.2f}")
    worst = max(max(to_feed + to_inbox) for to_feed, to_inbox in results.values())
    print(
        f"target: within {TARGET_SECONDS:.0f} s of publishing -> worst seen {worst * 1000:.0f} ms: "
        f"{'met' if worst <= TARGET_SECONDS else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
