"""Loads the demo data through the public HTTP API, as a real client would, and waits for it to flow."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from typing import Any

import requests

from lowe_demo import data as demo_data


class SeedError(RuntimeError):
    pass


class Api:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def post(self, path: str, body: Any = None) -> dict[str, Any]:
        response = self.session.post(f"{self.base_url}{path}", json=body, timeout=15)
        if response.status_code >= 400:
            raise SeedError(f"POST {path} answered {response.status_code}: {response.text}")
        result: dict[str, Any] = response.json()
        return result

    def get(self, path: str) -> dict[str, Any]:
        response = self.session.get(f"{self.base_url}{path}", timeout=15)
        if response.status_code >= 400:
            raise SeedError(f"GET {path} answered {response.status_code}: {response.text}")
        result: dict[str, Any] = response.json()
        return result

    def feed_size(self, centre_id: str) -> int:
        return len(self.get(f"/api/v1/centres/{centre_id}/feed?limit=100")["items"])

    def inbox_size(self, centre_id: str) -> int:
        return len(self.get(f"/api/v1/centres/{centre_id}/notifications")["notifications"])


def load(api: Api, say: Callable[[str], None]) -> dict[str, Any]:
    """Creates the partners, centres and subscriptions, then creates and publishes the opportunities."""
    partners = {key: api.post("/api/v1/partners", body)["id"] for key, body in demo_data.PARTNERS.items()}
    for partner_id in partners.values():
        api.post(f"/api/v1/partners/{partner_id}/verify")  # the operator's check; only verified partners publish
    say(f"{len(partners)} partner organisations registered and verified")
    centres, subscriptions = [], 0
    for entry in demo_data.CENTRES:
        centre = api.post("/api/v1/centres", demo_data.centre_payload(entry))
        for body in demo_data.subscription_payloads(entry):
            api.post(f"/api/v1/centres/{centre['id']}/subscriptions", body)
            subscriptions += 1
        centres.append({key: centre[key] for key in ("id", "name", "voivodeship", "municipality")})
    say(f"{len(centres)} LOWE centres registered with {subscriptions} subscriptions")
    opportunities = []
    for partner_key, body in demo_data.OPPORTUNITIES:
        created = api.post("/api/v1/opportunities", {**body, "partner_id": partners[partner_key]})
        api.post(f"/api/v1/opportunities/{created['id']}/publish")
        opportunities.append({"id": created["id"], "title": body["title"], "partner": partner_key})
    say(f"{len(opportunities)} opportunities created and published")
    demo_centre = centres[demo_data.DEMO_CENTRE_INDEX]
    events = [
        api.post(f"/api/v1/centres/{demo_centre['id']}/events", body)
        for body in demo_data.demo_events(datetime.date.today())
    ]
    for event in events:
        for person in demo_data.DEMO_PARTICIPANTS:
            api.post(f"/api/v1/centres/{demo_centre['id']}/events/{event['id']}/registrations", person)
    say(f"{len(events)} events at {demo_centre['name']}, with registrations")
    return {
        "partners": partners,
        "centres": centres,
        "opportunities": opportunities,
        "demo_centre": demo_centre,
        "example_partner_id": partners[demo_data.EXAMPLE_PARTNER],
    }


def wait_for_delivery(api: Api, manifest: dict[str, Any], timeout: float) -> tuple[bool, int]:
    """Waits until every centre's feed holds what its subscriptions match and the demo centre has a
    notification. Returns (all delivered, how many centres have a non-empty feed)."""
    expected = dict(zip((c["id"] for c in manifest["centres"]), demo_data.expected_feed_sizes(), strict=True))
    pending = dict(expected)
    demo_id = manifest["demo_centre"]["id"]
    deadline = time.monotonic() + timeout
    while True:
        for centre_id, size in list(pending.items()):
            if api.feed_size(centre_id) >= size:
                del pending[centre_id]
        inbox_ready = api.inbox_size(demo_id) > 0
        if (not pending and inbox_ready) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    filled = sum(1 for centre_id, size in expected.items() if size and centre_id not in pending)
    return not pending and inbox_ready, filled
