"""Loads the demo data through the public HTTP API, as real clients would, and waits for it to flow.

Every call carries an API key: the operator registers and verifies the partners and registers the centres (each
answer carries the organisation's first key, kept in the manifest); each partner creates and publishes its
opportunities with its own key, each centre adds its subscriptions and events with its own.

Loading again finds what is there already (partners by e-mail, centres by name, subscriptions, opportunities and
events by title) and adds only what is missing; an organisation found that way gets a new key from the operator,
as its first key was shown once only.
"""

from __future__ import annotations

import copy
import datetime
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import requests

from lowe_demo import data as demo_data
from lowe_demo.keys import DEMO_KEY_LABEL

Say = Callable[[str], None]
MAX_RATE_LIMIT_WAIT = 65.0  # one rate-limit window and a little: a 429 is waited out, not an error


class SeedError(RuntimeError):
    pass


class Api:
    """The gateway as one key sees it; `as_(key)` is the same gateway (and connection pool) with another key."""

    def __init__(self, base_url: str, key: str | None = None, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.session = session or requests.Session()

    def as_(self, key: str) -> Api:
        other = copy.copy(self)
        other.key = key
        return other

    def request(self, method: str, path: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        waited = 0.0
        while True:
            response = self.session.request(method, f"{self.base_url}{path}", json=body, headers=headers, timeout=15)
            pause = float(response.headers.get("Retry-After") or 1)
            if response.status_code != 429 or waited + pause > MAX_RATE_LIMIT_WAIT:
                break
            time.sleep(pause)
            waited += pause
        if response.status_code >= 400:
            raise SeedError(f"{method} {path} answered {response.status_code}: {response.text}")
        return response.json() if response.content else None

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, body)

    def get(self, path: str) -> Any:
        return self.request("GET", path)

    def valid(self) -> bool:
        """Whether the gateway takes this key (any answer but 401)."""
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        return self.session.get(f"{self.base_url}/api/v1/keys", headers=headers, timeout=15).status_code != 401

    def pages(self, path: str) -> Iterator[dict[str, Any]]:
        """Every item of a list route, following `next_cursor`."""
        cursor: str | None = None
        separator = "&" if "?" in path else "?"
        while True:
            page = self.get(path + (f"{separator}cursor={quote(cursor)}" if cursor else ""))
            yield from page["items"]
            cursor = page.get("next_cursor")
            if not cursor:
                return

    def feed_size(self, centre_id: str) -> int:
        return len(self.get(f"/api/v1/centres/{centre_id}/feed")["items"])

    def inbox_size(self) -> int:
        """The notifications of the key's own organisation."""
        return len(self.get("/api/v1/notifications")["notifications"])


def issue_key(operator: Api, role: str, organisation_id: str) -> str:
    """A new key for an organisation, made by the operator (`POST /api/v1/keys`)."""
    body = {"role": role, "organisation_id": organisation_id, "label": DEMO_KEY_LABEL}
    key: str = operator.post("/api/v1/keys", body)["key"]
    return key


def _existing(operator: Api, path: str, what: str, say: Say) -> list[dict[str, Any]]:
    """What a list route holds; when it cannot be read, nothing (the load then creates without checking)."""
    try:
        return list(operator.pages(path))
    except SeedError as exc:
        say(f"warning: cannot list {what} to skip the existing ones ({exc}); creating them")
        return []


def load(operator: Api, say: Say) -> dict[str, Any]:
    """Partners, centres and their subscriptions, then the opportunities, then the demo centre's events. The
    manifest names every organisation with its id and a key of its own."""
    partners = _partners(operator, say)
    centres = _centres(operator, say)
    opportunities = _opportunities(operator, partners, say)
    demo_centre = centres[demo_data.DEMO_CENTRE_INDEX]
    _events(operator.as_(demo_centre["api_key"]), demo_centre, say)
    example = partners[demo_data.EXAMPLE_PARTNER]
    return {
        "gateway": operator.base_url,
        "operator_key": operator.key,
        "partners": partners,
        "centres": centres,
        "opportunities": opportunities,
        "demo_centre": demo_centre,
        "example_partner": example,
        "example_partner_id": example["id"],
    }


def _partners(operator: Api, say: Say) -> dict[str, dict[str, Any]]:
    found = {p["email"]: p for p in _existing(operator, "/api/v1/partners?page_size=100", "partners", say)}
    partners, created = {}, 0
    for name, body in demo_data.PARTNERS.items():
        partner = found.get(body["email"])
        if partner is None:
            partner = operator.post("/api/v1/partners", body)
            key = partner["api_key"]["key"]
            created += 1
        else:
            key = issue_key(operator, "partner", partner["id"])
        if partner.get("status") != "verified":
            operator.post(f"/api/v1/partners/{partner['id']}/verify")  # the operator's check: only verified publish
        partners[name] = {"id": partner["id"], "name": partner["name"], "api_key": key}
    say(f"{len(partners)} partner organisations registered and verified ({_new(created, len(partners))})")
    return partners


def _centres(operator: Api, say: Say) -> list[dict[str, Any]]:
    found = {c["name"]: c for c in _existing(operator, "/api/v1/centres", "centres", say)}
    centres, created, subscriptions = [], 0, 0
    for number, entry in enumerate(demo_data.CENTRES, start=1):
        centre = found.get(entry[0])
        if centre is None:
            centre = operator.post("/api/v1/centres", demo_data.centre_payload(entry))
            key, present = centre["api_key"]["key"], set()
            created += 1
        else:
            key = issue_key(operator, "centre", centre["id"])
            path = f"/api/v1/centres/{centre['id']}/subscriptions"
            present = {sub["name"] for sub in operator.as_(key).get(path)["items"]}
        own = operator.as_(key)
        for body in demo_data.subscription_payloads(entry):
            if body["name"] not in present:
                own.post(f"/api/v1/centres/{centre['id']}/subscriptions", body)
                subscriptions += 1
        centres.append({**{k: centre[k] for k in ("id", "name", "voivodeship", "municipality")}, "api_key": key})
        if number % 10 == 0:
            say(f"  centres: {number}/{len(demo_data.CENTRES)}")
    say(f"{len(centres)} LOWE centres registered ({_new(created, len(centres))}), {subscriptions} subscriptions added")
    return centres


def _opportunities(operator: Api, partners: dict[str, dict[str, Any]], say: Say) -> list[dict[str, Any]]:
    opportunities, created = [], 0
    found: dict[str, dict[str, dict[str, Any]]] = {}  # partner -> title -> opportunity
    for name, partner in partners.items():
        path = f"/api/v1/opportunities?partner_id={partner['id']}&page_size=100"
        found[name] = {o["title"]: o for o in _existing(operator.as_(partner["api_key"]), path, "opportunities", say)}
    for partner_name, body in demo_data.OPPORTUNITIES:
        own = operator.as_(partners[partner_name]["api_key"])
        opportunity = found[partner_name].get(body["title"])
        if opportunity is None:
            opportunity = own.post("/api/v1/opportunities", body)
            created += 1
        if opportunity["status"] == "draft":
            own.post(f"/api/v1/opportunities/{opportunity['id']}/publish")
        opportunities.append({"id": opportunity["id"], "title": body["title"], "partner": partner_name})
    done = _new(created, len(opportunities))
    say(f"{len(opportunities)} opportunities published, each with its partner's key ({done})")
    return opportunities


def _events(centre_api: Api, centre: dict[str, Any], say: Say) -> None:
    """The demo centre's own events, with its key, and two participants registered to each."""
    try:
        titles = {event["title"] for event in centre_api.get("/api/v1/events")["items"]}
    except SeedError as exc:
        say(f"warning: cannot list the demo centre's events ({exc}); creating them")
        titles = set()
    wanted = [body for body in demo_data.demo_events(datetime.date.today()) if body["title"] not in titles]
    for body in wanted:
        event = centre_api.post("/api/v1/events", body)
        for person in demo_data.DEMO_PARTICIPANTS:
            centre_api.post(f"/api/v1/events/{event['id']}/registrations", person)
    say(f"{len(wanted)} events added at {centre['name']}, with registrations" if wanted else "the events are there")


def _new(created: int, total: int) -> str:
    return "all new" if created == total else f"{created} new, {total - created} there already"


def refresh_keys(operator: Api, manifest: dict[str, Any]) -> dict[str, Any]:
    """A manifest from an earlier run, with the operator's key and keys for the demo centre and example partner
    made anew where missing (a manifest written before the gateway had keys, say)."""
    refreshed = {**manifest, "operator_key": operator.key}
    refreshed.setdefault("example_partner", {"id": manifest["example_partner_id"]})
    for name, role in (("demo_centre", "centre"), ("example_partner", "partner")):
        if not refreshed[name].get("api_key"):
            refreshed[name] = {**refreshed[name], "api_key": issue_key(operator, role, refreshed[name]["id"])}
    return refreshed


def wait_for_delivery(operator: Api, manifest: dict[str, Any], timeout: float) -> tuple[bool, int]:
    """Waits until every centre's feed holds what its subscriptions match and the demo centre has a notification,
    reading each centre's feed with that centre's key. Returns (all delivered, how many centres have a feed)."""
    expected = dict(zip((c["id"] for c in manifest["centres"]), demo_data.expected_feed_sizes(), strict=True))
    keys = {c["id"]: c.get("api_key") for c in manifest["centres"]}
    pending = dict(expected)
    demo = operator.as_(manifest["demo_centre"]["api_key"])
    deadline = time.monotonic() + timeout
    while True:
        for centre_id, size in list(pending.items()):
            reader = operator.as_(keys[centre_id]) if keys[centre_id] else operator
            if reader.feed_size(centre_id) >= size:
                del pending[centre_id]
        inbox_ready = demo.inbox_size() > 0
        if (not pending and inbox_ready) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    filled = sum(1 for centre_id, size in expected.items() if size and centre_id not in pending)
    return not pending and inbox_ready, filled
