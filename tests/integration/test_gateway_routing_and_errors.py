"""Unknown ids, malformed ids, unknown routes, wrong methods and double publishing: JSON errors, no writes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    CENTRE,
    PARTNER,
    SUBSCRIPTION,
    UNKNOWN_ID,
    Network,
    assert_error,
    nothing_written,
    opportunity_for,
)

# method, path, the id it names, whose key may use the route (an operator's can, except where only a partner may)
ID_ROUTES = [
    ("GET", "/api/v1/opportunities/{}", "opportunity_id", "operator"),
    ("POST", "/api/v1/opportunities/{}/publish", "opportunity_id", "partner"),
    ("POST", "/api/v1/centres/{}/subscriptions", "centre_id", "operator"),
    ("GET", "/api/v1/centres/{}/feed", "centre_id", "operator"),
    ("GET", "/api/v1/partners/{}", "partner_id", "operator"),
    ("GET", "/api/v1/events/{}", "event_id", "operator"),
    ("POST", "/api/v1/admin/deliveries/{}/redrive", "delivery_id", "operator"),
    ("POST", "/api/v1/notifications/{}/read", "notification_id", "partner"),
    ("DELETE", "/api/v1/webhooks/{}", "endpoint_id", "partner"),
]


@pytest.fixture(scope="module")
def existing(network: Network) -> dict[str, str]:
    """Ids of one of each kind, so a route can be handed an id that exists but names something else; and the keys."""
    partner = network.verified_partner(PARTNER)
    centre = network.create("/api/v1/centres", CENTRE)
    opportunity = network.as_(partner["api_key"]["key"]).create("/api/v1/opportunities", opportunity_for())
    return {
        "partner_id": partner["id"],
        "centre_id": centre["id"],
        "opportunity_id": opportunity["id"],
        "operator": network.key,
        "partner": partner["api_key"]["key"],
    }


def send(network: Network, existing: dict[str, str], method: str, path: str, who: str) -> Any:
    """Body-taking routes get a valid body and every route a key it admits, so only the id in the path can be at
    fault."""
    body = SUBSCRIPTION if path.endswith("/subscriptions") else None
    return network.call(method, path, key=existing[who], json=body)


@pytest.mark.parametrize(("method", "path", "field", "who"), ID_ROUTES)
@pytest.mark.parametrize("spelling", [str.lower, str.upper], ids=["lower", "upper"])
def test_unknown_id_is_a_404_naming_the_id(
    network: Network, existing: dict[str, str], method: str, path: str, field: str, who: str, spelling: Any
) -> None:
    with nothing_written(network):
        response = send(network, existing, method, path.format(spelling(UNKNOWN_ID)), who)
    error = assert_error(response, 404, "not_found", field)
    assert error["fields"][field] == UNKNOWN_ID


@pytest.mark.parametrize(("method", "path", "field", "who"), ID_ROUTES)
def test_an_existing_id_of_another_kind_is_unknown(
    network: Network, existing: dict[str, str], method: str, path: str, field: str, who: str
) -> None:
    other = existing["centre_id"] if field == "opportunity_id" else existing["opportunity_id"]
    with nothing_written(network):
        response = send(network, existing, method, path.format(other), who)
    assert assert_error(response, 404, "not_found", field)["fields"][field] == other


@pytest.mark.parametrize(("method", "path", "field", "who"), ID_ROUTES)
@pytest.mark.parametrize(
    "bad_id",
    ["not-a-uuid", "42", UNKNOWN_ID.replace("-", ""), UNKNOWN_ID + "0", UNKNOWN_ID[:-1] + "g", "%20" + UNKNOWN_ID],
    ids=["word", "number", "no-dashes", "too-long", "not-hex", "leading-space"],
)
def test_malformed_id_in_the_path_is_a_json_404(
    network: Network, existing: dict[str, str], method: str, path: str, field: str, who: str, bad_id: str
) -> None:
    with nothing_written(network):
        response = send(network, existing, method, path.format(bad_id), who)
    assert assert_error(response, 404, "not_found")["fields"] == {}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/api/v1",
        "/api/v2/partners",
        "/api/v1/partner",
        "/api/v1/partners/",
        "/API/V1/PARTNERS",
        f"/api/v1/partners/{UNKNOWN_ID}/approve",
        f"/api/v1/opportunities/{UNKNOWN_ID}/unpublish",
        "/healthz",
    ],
)
def test_unknown_route_is_a_json_404(network: Network, method: str, path: str) -> None:
    with nothing_written(network):
        response = network.call(method, path, json=PARTNER if method == "POST" else None)
    assert assert_error(response, 404, "not_found")["fields"] == {}


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/api/v1/partners", "GET"),
        ("PUT", "/api/v1/partners", "POST"),
        ("PUT", "/api/v1/opportunities", "POST"),
        ("DELETE", "/api/v1/opportunities/{}", "GET"),
        ("PUT", "/api/v1/opportunities/{}", "PATCH"),
        ("GET", "/api/v1/opportunities/{}/publish", "POST"),
        ("PUT", "/api/v1/centres", "POST"),
        ("DELETE", "/api/v1/centres/{}/subscriptions", "POST"),
        ("POST", "/api/v1/centres/{}/feed", "GET"),
        ("GET", "/api/v1/centres/{}/feed/" + UNKNOWN_ID, "PATCH"),
        ("POST", "/api/v1/notifications", "GET"),
        ("DELETE", "/api/v1/centres/{}/interests", "POST"),
        ("GET", "/api/v1/participants/erasure", "POST"),
        ("POST", "/api/v1/reports/participation", "GET"),
        ("GET", "/api/v1/admin/deliveries/" + UNKNOWN_ID + "/redrive", "POST"),
        ("POST", "/health", "GET"),
        ("OPTIONS", "/health", "GET"),
    ],
)
def test_wrong_method_is_a_json_405_listing_the_allowed_ones(
    network: Network, existing: dict[str, str], method: str, path: str, allowed: str
) -> None:
    kind = "opportunity_id" if "opportunities" in path else "centre_id"
    with nothing_written(network):
        response = network.call(method, path.format(existing[kind]), json=PARTNER)
    assert assert_error(response, 405, "method_not_allowed")["fields"] == {}
    allow = response.headers["Allow"].split(", ")
    assert allowed in allow
    assert method not in allow


def test_publishing_twice_is_a_409_and_writes_no_second_event(network: Network, existing: dict[str, str]) -> None:
    as_partner = network.as_(existing["partner"])
    draft = as_partner.create("/api/v1/opportunities", opportunity_for())
    first = as_partner.post(f"/api/v1/opportunities/{draft['id']}/publish")
    assert first.status_code == 200, first.text

    with nothing_written(network):
        second = as_partner.post(f"/api/v1/opportunities/{draft['id']}/publish")
    error = assert_error(second, 409, "conflict", "opportunity_id")
    assert error["fields"]["opportunity_id"] == draft["id"]
    assert network.get(f"/api/v1/opportunities/{draft['id']}").json() == first.json()
    events = network.scalar("partners", "SELECT count(*) FROM outbox WHERE payload LIKE :id", id=f"%{draft['id']}%")
    assert events == 1
