"""Authorization on every object: every route with an `{id}` is tried with the keys of organisations that do not own
the object, and answers only 403 (where the object's existence is public) or 404 (where it is not), writing
nothing. The table must name every such route the gateway declares, so a new route cannot skip the check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import (
    CENTRE,
    PARTNER,
    SUBSCRIPTION,
    Network,
    opportunity_for,
    rows_written,
    running_network,
)
from tests.integration.gateway_routes import fill_path, gateway_routes
from tests.support import wait_for

CONSENT = {"version": "rodo-2026-01", "given": True}
NEXT_DAY = (datetime.now(UTC) + timedelta(days=12)).strftime("%Y-%m-%d")
EVENT = {
    "title": "Cyfrowy senior",
    "kind": "workshop",
    "capacity": 5,
    "sessions": [{"starts_at": f"{NEXT_DAY}T17:00", "ends_at": f"{NEXT_DAY}T19:00"}],
}


@dataclass
class World:
    """Two partners and two centres; A and X own everything the matrix asks about."""

    network: Network
    a: Network
    b: Network
    x: Network
    y: Network
    ids: dict[str, str] = field(default_factory=dict)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content and status != 204 else None


@pytest.fixture(scope="module")
def world(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    overrides = {"notifications": {"WEBHOOK_ALLOWED_HOSTS": "127.0.0.1"}}
    with running_network(vhost_admin, tmp_path_factory.mktemp("authz"), overrides) as network:
        partner_a, a = network.partner()
        _, b = network.partner({**PARTNER, "name": "Fundacja B", "email": "b@example.pl"})
        centre_x, x = network.centre()
        _, y = network.centre({**CENTRE, "name": "LOWE Daleszyce", "municipality": "Daleszyce"})
        subscription = ok(x.post(f"/api/v1/centres/{centre_x['id']}/subscriptions", json=SUBSCRIPTION), 201)
        draft = ok(a.post("/api/v1/opportunities", json=opportunity_for(title="Szkic")), 201)
        published = ok(a.post("/api/v1/opportunities", json=opportunity_for(places=10)), 201)
        ok(a.post(f"/api/v1/opportunities/{published['id']}/publish"))
        feed_path = f"/api/v1/centres/{centre_x['id']}/feed"
        wait_for(lambda: x.get(feed_path).json()["items"], timeout=10, what="the match in X's feed")
        entry = x.get(feed_path).json()["items"][0]
        interest = ok(
            x.post(
                f"/api/v1/centres/{centre_x['id']}/interests", json={"opportunity_id": published["id"], "places": 2}
            ),
            201,
        )
        event = ok(x.post("/api/v1/events", json=EVENT), 201)
        registration = ok(
            x.post(
                f"/api/v1/events/{event['id']}/registrations",
                json={"name": "Osoba", "email": "osoba@example.pl", "consent": CONSENT},
            ),
            201,
        )
        webhook = ok(x.post("/api/v1/webhooks", json={"url": "http://127.0.0.1:9/hook"}), 201)
        wait_for(
            lambda: x.get("/api/v1/notifications").json()["notifications"], timeout=10, what="X's first notification"
        )
        notification = x.get("/api/v1/notifications").json()["notifications"][0]
        world = World(network, a, b, x, y)
        world.ids = {
            "partner_id": partner_a["id"],
            "opportunity_id": draft["id"],
            "published_id": published["id"],
            "interest_id": interest["id"],
            "centre_id": centre_x["id"],
            "subscription_id": subscription["id"],
            "entry_id": entry["id"],
            "event_id": event["id"],
            "session_id": event["sessions"][0]["id"],
            "registration_id": registration["id"],
            "notification_id": notification["id"],
            "endpoint_id": webhook["id"],
            "key_id": centre_x["api_key"]["id"],
            "delivery_id": "0f6b2f5e-1c1d-4e55-9a43-2f6a1b0c9d8e",
            "event_id_letter": "6d0b7c8e-3f2a-4b1c-8d9e-0a1b2c3d4e5f",
            "queue": "evt-partners-opportunity_published--centres.handle_opportunity_published",
        }
        yield world


# route -> (ids to use instead of the defaults, body); the intruders are every organisation key but the owner's
MATRIX: dict[str, tuple[dict[str, str], Any]] = {
    "GET /api/v1/partners/<uuid:partner_id>": ({}, None),
    "PATCH /api/v1/partners/<uuid:partner_id>": ({}, {"name": "Przejęta nazwa"}),
    "POST /api/v1/partners/<uuid:partner_id>/verify": ({}, None),
    "POST /api/v1/partners/<uuid:partner_id>/suspend": ({}, {"reason": "Bez powodu"}),
    "GET /api/v1/opportunities/<uuid:opportunity_id>": ({}, None),
    "PATCH /api/v1/opportunities/<uuid:opportunity_id>": ({}, {"title": "Przejęty tytuł"}),
    "POST /api/v1/opportunities/<uuid:opportunity_id>/publish": ({}, None),
    "POST /api/v1/opportunities/<uuid:opportunity_id>/withdraw": ({}, None),
    "GET /api/v1/opportunities/<uuid:opportunity_id>/interests": ({"opportunity_id": "published_id"}, None),
    "POST /api/v1/interests/<uuid:interest_id>/accept": ({}, None),
    "POST /api/v1/interests/<uuid:interest_id>/decline": ({}, None),
    "POST /api/v1/interests/<uuid:interest_id>/release": ({}, {"places": 1}),
    "GET /api/v1/centres/<uuid:centre_id>": ({}, None),
    "PATCH /api/v1/centres/<uuid:centre_id>": ({}, {"name": "Przejęta nazwa"}),
    "POST /api/v1/centres/<uuid:centre_id>/subscriptions": ({}, SUBSCRIPTION),
    "GET /api/v1/centres/<uuid:centre_id>/subscriptions": ({}, None),
    "PATCH /api/v1/centres/<uuid:centre_id>/subscriptions/<uuid:subscription_id>": ({}, {"active": False}),
    "DELETE /api/v1/centres/<uuid:centre_id>/subscriptions/<uuid:subscription_id>": ({}, None),
    "GET /api/v1/centres/<uuid:centre_id>/feed": ({}, None),
    "PATCH /api/v1/centres/<uuid:centre_id>/feed/<uuid:entry_id>": ({}, {"state": "dismissed"}),
    "POST /api/v1/centres/<uuid:centre_id>/interests": ({}, {"opportunity_id": "published_id"}),
    "DELETE /api/v1/centres/<uuid:centre_id>/interests/<uuid:interest_id>": ({}, None),
    "GET /api/v1/centres/<uuid:centre_id>/calendar.ics": ({}, None),
    "GET /api/v1/centres/<uuid:centre_id>/allocations": ({}, None),
    "GET /api/v1/events/<uuid:event_id>": ({}, None),
    "PATCH /api/v1/events/<uuid:event_id>": ({}, {"title": "Przejęte"}),
    "POST /api/v1/events/<uuid:event_id>/cancel": ({}, {}),
    "POST /api/v1/events/<uuid:event_id>/registrations": (
        {},
        {"name": "Intruz", "phone": "+48600100200", "consent": CONSENT},
    ),
    "GET /api/v1/events/<uuid:event_id>/registrations": ({}, None),
    "DELETE /api/v1/events/<uuid:event_id>/registrations/<uuid:registration_id>": ({}, None),
    "PUT /api/v1/events/<uuid:event_id>/sessions/<uuid:session_id>/attendance": ({}, "attendance"),
    "GET /api/v1/events/<uuid:event_id>/event.ics": ({}, None),
    "POST /api/v1/notifications/<uuid:notification_id>/read": ({}, None),
    "POST /api/v1/webhooks/<uuid:endpoint_id>/rotate-secret": ({}, None),
    "DELETE /api/v1/webhooks/<uuid:endpoint_id>": ({}, None),
    "DELETE /api/v1/keys/<uuid:key_id>": ({}, None),
    "POST /api/v1/admin/deliveries/<uuid:delivery_id>/redrive": ({}, None),
    "POST /api/v1/admin/dead-letters/<uuid:event_id>/replay": ({"event_id": "event_id_letter"}, None),
    "POST /api/v1/admin/dead-letters/queues/<queue>/replay": ({}, None),
}
SAFE = "GET"


def routes_with_ids() -> set[str]:
    return {str(route) for route in gateway_routes() if route.parameters and not route.public}


def test_the_matrix_names_every_route_with_an_id() -> None:
    assert routes_with_ids() == set(MATRIX)


def _request(world: World, route: str) -> tuple[str, str, Any]:
    method, url = route.split(" ", 1)
    renamed, body = MATRIX[route]
    values = {name: world.ids[renamed.get(name, name)] for name in world.ids}
    if body == "attendance":
        body = {"attendance": [{"registration_id": world.ids["registration_id"], "present": True}]}
    elif isinstance(body, dict) and body.get("opportunity_id") == "published_id":
        body = {**body, "opportunity_id": world.ids["published_id"]}
    return method, fill_path(url, values), body


def test_other_organisations_get_only_403_or_404_and_change_nothing(world: World) -> None:
    intruders = {"partner B": world.b, "centre Y": world.y}
    with rows_written(world.network) as written:
        answers = {}
        for route in sorted(MATRIX):
            method, path, body = _request(world, route)
            for name, intruder in intruders.items():
                response = intruder.call(method, path, json=body) if body is not None else intruder.call(method, path)
                answers[f"{name}: {route}"] = response.status_code
                assert response.status_code in (403, 404), f"{name}: {route} -> {response.status_code} {response.text}"
                assert response.json()["error"]["code"] in ("forbidden", "not_found")
    assert written == {}, written
    assert len(answers) == 2 * len(MATRIX)


def test_the_owners_reach_every_object_the_matrix_tries(world: World) -> None:
    """The ids are real: what the intruders were refused, the owner (or an operator) reads."""
    owners = {"partner": world.a, "centre": world.x}
    for route in sorted(MATRIX):
        method, path, _ = _request(world, route)
        if method != SAFE:
            continue
        owner = owners["partner" if "/partners/" in path or "/opportunities/" in path else "centre"]
        response = owner.get(path)
        assert response.status_code == 200, f"{route} -> {response.status_code} {response.text}"


def test_a_partner_never_sees_another_partners_drafts_in_lists(world: World) -> None:
    draft = world.ids["opportunity_id"]
    for intruder in (world.b, world.y):
        listed = intruder.get("/api/v1/opportunities", params={"status": "draft"})
        assert listed.status_code == 200, listed.text
        assert draft not in {item["id"] for item in listed.json()["items"]}
    own = world.a.get("/api/v1/opportunities", params={"status": "draft"}).json()["items"]
    assert draft in {item["id"] for item in own}


def test_reports_cover_only_the_callers_own_organisation(world: World) -> None:
    x, a = world.ids["centre_id"], world.ids["partner_id"]
    params = {"from": "2026-01-01", "to": "2027-12-31"}
    assert world.y.get("/api/v1/reports/participation", params={**params, "centre_id": x}).status_code == 403
    assert world.b.get("/api/v1/reports/participation", params={**params, "partner_id": a}).status_code == 403
    assert world.x.get("/api/v1/reports/participation", params={**params, "centre_id": x}).status_code == 200
    assert world.a.get("/api/v1/reports/participation", params=params).status_code == 200


def test_keys_inbox_and_webhooks_are_each_organisations_own(world: World) -> None:
    x_key = world.ids["key_id"]
    assert x_key not in {key["id"] for key in world.y.get("/api/v1/keys").json()["items"]}
    assert world.ids["notification_id"] not in {
        n["id"] for n in world.y.get("/api/v1/notifications").json()["notifications"]
    }
    assert world.ids["endpoint_id"] not in {w["id"] for w in world.y.get("/api/v1/webhooks").json()["items"]}
    assert world.x.get("/api/v1/keys").json()["items"][0]["id"] == x_key
