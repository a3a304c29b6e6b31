"""The centres' registry and subscription routes through the gateway, with the centre's own key (or an operator's):
answers, 404s and 400s naming fields."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    CENTRE,
    SUBSCRIPTION,
    UNKNOWN_ID,
    Network,
    assert_error,
    nothing_written,
    rows_written,
    without_key,
)

DETAILS = {
    "running_body": "association",
    "running_body_name": "Stowarzyszenie Razem dla Bodzentyna",
    "host_school": "Szkoła Podstawowa w Bodzentynie",
    "street": "ul. Suchedniowska 10",
    "postal_code": "26-010",
    "city": "Bodzentyn",
    "powiat": "kielecki",
    "latitude": 50.94,
    "longitude": 20.95,
    "email": "lowe@bodzentyn.example.pl",
    "phone": "+48 41 311 50 00",
    "contact_person": "Anna Nowak",
    "served_topics": ["digital_skills", "health"],
    "target_groups": ["seniors"],
    "languages": ["pl", "uk"],
    "status": "active",
}


@pytest.fixture(scope="module")
def centre(network: Network) -> dict[str, Any]:
    return network.create("/api/v1/centres", {**CENTRE, **DETAILS})


@pytest.fixture(scope="module")
def as_centre(network: Network, centre: dict[str, Any]) -> Network:
    return network.as_(centre["api_key"]["key"])


@pytest.fixture(scope="module")
def subscription(as_centre: Network, centre: dict[str, Any]) -> dict[str, Any]:
    return as_centre.create(f"/api/v1/centres/{centre['id']}/subscriptions", SUBSCRIPTION)


def test_a_registered_centre_is_answered_with_every_detail(
    network: Network, centre: dict[str, Any], as_centre: Network
) -> None:
    response = as_centre.get(f"/api/v1/centres/{centre['id']}")

    assert response.status_code == 200, response.text
    assert response.json() == without_key(centre)
    assert {name: centre[name] for name in DETAILS} == DETAILS
    assert network.get(f"/api/v1/centres/{centre['id']}").json() == without_key(centre)  # and to an operator


def test_a_centre_is_edited_field_by_field(network: Network) -> None:
    created, as_created = network.centre()

    with rows_written(network) as written:
        response = as_created.patch(
            f"/api/v1/centres/{created['id']}", json={"status": "inactive", "served_topics": ["culture"]}
        )

    assert response.status_code == 200, response.text
    edited = response.json()
    assert (edited["status"], edited["served_topics"], edited["name"]) == ("inactive", ["culture"], CENTRE["name"])
    assert written == {"centres.index_changes": 1}  # the replicas' matching indexes are told the centre changed
    assert as_created.get(f"/api/v1/centres/{created['id']}").json() == edited
    by_operator = network.patch(f"/api/v1/centres/{created['id']}", json={"status": "active"})
    assert (by_operator.status_code, by_operator.json()["status"]) == (200, "active")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/v1/centres/{}", None),
        ("PATCH", "/api/v1/centres/{}", {"status": "inactive"}),
        ("GET", "/api/v1/centres/{}/subscriptions", None),
        ("POST", "/api/v1/centres/{}/subscriptions", SUBSCRIPTION),
        ("PATCH", "/api/v1/centres/{}/subscriptions/" + UNKNOWN_ID, {"active": False}),
        ("PATCH", "/api/v1/centres/{}/subscriptions/" + UNKNOWN_ID, {"active": True}),
        ("DELETE", "/api/v1/centres/{}/subscriptions/" + UNKNOWN_ID, None),
    ],
)
def test_an_unknown_centre_is_a_404_naming_it(network: Network, method: str, path: str, body: Any) -> None:
    with nothing_written(network):
        response = network.call(method, path.format(UNKNOWN_ID), json=body)  # an operator's key: any centre
    assert assert_error(response, 404, "not_found", "centre_id")["fields"]["centre_id"] == UNKNOWN_ID


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("running_body", "parish"),
        ("postal_code", "26010"),
        ("latitude", 60.1),
        ("email", "lowe(at)bodzentyn"),
        ("phone", "zadzwoń"),
        ("served_topics", ["astrology"]),
        ("target_groups", "seniors"),
        ("languages", ["pl", "polish"]),
        ("status", "closed"),
        ("host_school", ""),
    ],
)
def test_a_bad_centre_detail_is_a_400_naming_it(network: Network, field: str, value: Any) -> None:
    body = {**CENTRE, field: value, **({"longitude": 20.9} if field == "latitude" else {})}
    with nothing_written(network):
        response = network.post("/api/v1/centres", json=body)
    assert_error(response, 400, "invalid_input", field)


def test_coordinates_must_come_together_and_an_edit_must_change_something(
    network: Network, centre: dict[str, Any], as_centre: Network
) -> None:
    with nothing_written(network):
        alone = network.post("/api/v1/centres", json={**CENTRE, "latitude": 50.9})
        nothing = as_centre.patch(f"/api/v1/centres/{centre['id']}", json={})
        cleared = as_centre.patch(f"/api/v1/centres/{centre['id']}", json={"name": None, "postal_code": "1"})
    assert_error(alone, 400, "invalid_input", "longitude")
    assert_error(nothing, 400, "invalid_input", "_body")
    assert_error(cleared, 400, "invalid_input", "name", "postal_code")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("target_groups", ["everyone"]),
        ("online_anywhere", "true"),
        ("free_only", 1),
        ("keywords", ["?!"]),
        ("keywords", ["a" * 41]),
        ("min_days_before_deadline", -3),
        ("min_days_before_deadline", "7"),
    ],
)
def test_a_bad_subscription_filter_is_a_400_naming_it(
    network: Network, centre: dict[str, Any], as_centre: Network, field: str, value: Any
) -> None:
    with nothing_written(network):
        response = as_centre.post(f"/api/v1/centres/{centre['id']}/subscriptions", json={**SUBSCRIPTION, field: value})
    assert_error(response, 400, "invalid_input", field)


def test_a_centres_subscriptions_are_listed(network: Network) -> None:
    created, as_created = network.centre()
    rich = {
        "name": "Darmowe online",
        "target_groups": ["seniors"],
        "online_anywhere": True,
        "free_only": True,
        "keywords": ["Excel", "arkusz kalkulacyjny"],
        "min_days_before_deadline": 7,
        "delivery": "daily_digest",
    }
    first = as_created.create(f"/api/v1/centres/{created['id']}/subscriptions", SUBSCRIPTION)
    second = network.create(f"/api/v1/centres/{created['id']}/subscriptions", rich)  # an operator's key too

    response = as_created.get(f"/api/v1/centres/{created['id']}/subscriptions")

    assert response.status_code == 200, response.text
    assert response.json() == {"items": [first, second], "next_cursor": None}
    assert {name: second[name] for name in rich} == {**rich, "keywords": ["arkusz kalkulacyjny", "Excel"]}
    assert (second["paused"], second["paused_at"], second["regions"]) == (False, None, [CENTRE["voivodeship"]])


def test_pausing_and_resuming_a_subscription(
    network: Network, centre: dict[str, Any], as_centre: Network, subscription: dict[str, Any]
) -> None:
    path = f"/api/v1/centres/{centre['id']}/subscriptions/{subscription['id']}"

    with rows_written(network) as written:
        paused = as_centre.patch(path, json={"active": False})
        again = as_centre.patch(path, json={"active": False})
    resumed = as_centre.patch(path, json={"active": True})

    assert (paused.status_code, again.status_code, resumed.status_code) == (200, 200, 200), paused.text
    assert paused.json()["paused"] is True and paused.json()["paused_at"] is not None
    assert again.json() == paused.json()
    assert resumed.json() == {**paused.json(), "paused": False, "paused_at": None}
    assert written == {"centres.index_changes": 1}  # the first pause, told to the replicas; the second changed nothing
    listed = as_centre.get(f"/api/v1/centres/{centre['id']}/subscriptions").json()["items"]
    assert [item for item in listed if item["id"] == subscription["id"]] == [resumed.json()]


def test_a_subscription_is_changed_field_by_field(network: Network) -> None:
    created, as_created = network.centre()
    path = f"/api/v1/centres/{created['id']}/subscriptions"
    subscription = as_created.create(path, SUBSCRIPTION)

    with rows_written(network) as written:
        response = as_created.patch(f"{path}/{subscription['id']}", json={"name": " Warsztaty ", "kinds": ["workshop"]})

    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed == {**subscription, "name": "Warsztaty", "kinds": ["workshop"]}
    assert written == {"centres.index_changes": 1}
    assert as_created.get(path).json()["items"] == [changed]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"active": "no"}, "active"),
        ({"kinds": ["seminar"]}, "kinds"),
        ({"name": " "}, "name"),
        ({"regions": ["26"], "nationwide": True}, "regions"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_subscription_change_is_a_400_naming_it(
    network: Network, centre: dict[str, Any], as_centre: Network, subscription: dict[str, Any], body: Any, named: str
) -> None:
    with nothing_written(network):
        response = as_centre.patch(f"/api/v1/centres/{centre['id']}/subscriptions/{subscription['id']}", json=body)
    assert_error(response, 400, "invalid_input", named)


def test_deleting_a_subscription(network: Network) -> None:
    created, as_created = network.centre()
    path = f"/api/v1/centres/{created['id']}/subscriptions"
    kept, gone = as_created.create(path, SUBSCRIPTION), as_created.create(path, {"name": "Do usunięcia"})

    with rows_written(network) as written:
        response = as_created.delete(f"{path}/{gone['id']}")

    assert (response.status_code, response.content) == (204, b"")
    assert written == {"centres.subscriptions": -1, "centres.index_changes": 1}
    assert as_created.get(path).json() == {"items": [kept], "next_cursor": None}
    with nothing_written(network):
        again = as_created.delete(f"{path}/{gone['id']}")
        changed = as_created.patch(f"{path}/{gone['id']}", json={"active": False})
    assert assert_error(again, 404, "not_found", "subscription_id")["fields"]["subscription_id"] == gone["id"]
    assert_error(changed, 404, "not_found", "subscription_id")
    assert network.delete(f"{path}/{kept['id']}").status_code == 204  # an operator's key too


def test_another_centres_or_an_unknown_subscription_is_a_404_naming_it(
    network: Network, subscription: dict[str, Any]
) -> None:
    other, as_other = network.centre()
    for caller in (network, as_other):  # an operator, and the other centre with its own key
        for subscription_id in (subscription["id"], UNKNOWN_ID):
            path = f"/api/v1/centres/{other['id']}/subscriptions/{subscription_id}"
            for method, body in (("PATCH", {"active": False}), ("PATCH", {"active": True}), ("DELETE", None)):
                with nothing_written(network):
                    response = caller.call(method, path, json=body)
                error = assert_error(response, 404, "not_found", "subscription_id")
                assert error["fields"]["subscription_id"] == subscription_id


@pytest.mark.parametrize("bad_id", ["not-a-uuid", UNKNOWN_ID + "0"])
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_a_malformed_subscription_id_is_a_json_404(
    network: Network, centre: dict[str, Any], as_centre: Network, method: str, bad_id: str
) -> None:
    with nothing_written(network):
        response = as_centre.call(
            method, f"/api/v1/centres/{centre['id']}/subscriptions/{bad_id}", json={"active": False}
        )
    assert assert_error(response, 404, "not_found")["fields"] == {}
