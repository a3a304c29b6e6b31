"""A centre's feed through the gateway: entry states, filters and pages, and the registry listing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    CENTRE,
    PARTNER,
    UNKNOWN_ID,
    Network,
    assert_error,
    nothing_written,
    opportunity_for,
)
from tests.support import wait_for


def feed(network: Network, centre_id: str, **params: Any) -> dict[str, Any]:
    response = network.get(f"/api/v1/centres/{centre_id}/feed", params=params)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def mark(network: Network, centre_id: str, entry_id: str, state: Any) -> Any:
    return network.patch(f"/api/v1/centres/{centre_id}/feed/{entry_id}", json={"state": state})


@pytest.fixture(scope="module")
def subscribed(network: Network) -> dict[str, Any]:
    """A centre subscribed to everything in its voivodeship, with three courses and a training in its feed."""
    centre, as_centre = network.centre({**CENTRE, "name": "LOWE Feed"})
    as_centre.create(f"/api/v1/centres/{centre['id']}/subscriptions", {"name": "Wszystko"})
    _, as_partner = network.partner(PARTNER)
    titles = ["Kurs 1", "Kurs 2", "Kurs 3"]
    for title in titles:
        as_partner.publish(opportunity_for(title=title))
    as_partner.publish(opportunity_for(title="Szkolenie", kind="training"))
    wait_for(lambda: len(feed(as_centre, centre["id"])["items"]) == 4, what="four entries in the feed")
    wait_for(network.settled, what="the events to settle")
    return centre


@pytest.fixture(scope="module")
def as_centre(network: Network, subscribed: dict[str, Any]) -> Network:
    return network.as_(subscribed["api_key"]["key"])


def test_feed_entries_show_their_id_and_state(network: Network, subscribed: dict[str, Any], as_centre: Network) -> None:
    page = feed(as_centre, subscribed["id"])

    assert page["next_cursor"] is None
    assert [item["opportunity"]["title"] for item in page["items"]] == ["Szkolenie", "Kurs 3", "Kurs 2", "Kurs 1"]
    for item in page["items"]:
        assert item["state"] == "new" and item["state_changed_at"] == item["matched_at"]
        assert item["interest"] is None and item["id"]
    assert feed(network, subscribed["id"]) == page  # an operator reads it too


def test_the_centre_marks_an_entry_and_filters_by_state(as_centre: Network, subscribed: dict[str, Any]) -> None:
    network, centre_id = as_centre, subscribed["id"]
    [entry] = feed(network, centre_id, kind="training")["items"]

    response = mark(network, centre_id, entry["id"], "saved")
    assert response.status_code == 200, response.text
    assert (response.json()["id"], response.json()["state"]) == (entry["id"], "saved")

    assert [item["id"] for item in feed(network, centre_id, state="saved")["items"]] == [entry["id"]]
    both = feed(network, centre_id, state=["saved", "new"], kind=["training", "course"])["items"]
    assert len(both) == 4
    assert feed(network, centre_id, state="dismissed")["items"] == []
    assert mark(network, centre_id, entry["id"], "new").json()["state"] == "new"


def test_the_feed_reads_page_by_page(as_centre: Network, subscribed: dict[str, Any]) -> None:
    network, centre_id = as_centre, subscribed["id"]
    everything = [item["id"] for item in feed(network, centre_id)["items"]]

    first = feed(network, centre_id, page_size=3)
    second = feed(network, centre_id, page_size=3, cursor=first["next_cursor"])

    assert [item["id"] for item in first["items"] + second["items"]] == everything
    assert second["next_cursor"] is None
    by_score = feed(network, centre_id, order="score", page_size=2)
    rest = feed(network, centre_id, order="score", page_size=2, cursor=by_score["next_cursor"])
    assert sorted(item["id"] for item in by_score["items"] + rest["items"]) == sorted(everything)
    assert feed(network, centre_id, recommended="true")["items"] == []
    assert len(feed(network, centre_id, include_retracted="false")["items"]) == 4


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"state": "archived"}, "state"),
        ({"kind": "picnic"}, "kind"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"limit": "10"}, "limit"),
        ({"cursor": "nonsense"}, "cursor"),
        ({"recommended": "maybe"}, "recommended"),
        ({"order": "title"}, "order"),
    ],
)
def test_a_bad_feed_parameter_is_a_400_naming_it(
    as_centre: Network, subscribed: dict[str, Any], params: dict[str, str], named: str
) -> None:
    response = as_centre.get(f"/api/v1/centres/{subscribed['id']}/feed", params=params)
    assert_error(response, 400, "invalid_input", named)


@pytest.mark.parametrize(
    ("state", "status", "code"), [("archived", 400, "invalid_input"), ("claimed", 400, "invalid_input")]
)
def test_a_state_the_centre_cannot_set_is_a_400_naming_it(
    network: Network, as_centre: Network, subscribed: dict[str, Any], state: str, status: int, code: str
) -> None:
    entry = feed(as_centre, subscribed["id"])["items"][0]

    with nothing_written(network):
        assert_error(mark(as_centre, subscribed["id"], entry["id"], state), status, code, "state")


def test_another_centres_entry_is_a_404(network: Network, as_centre: Network, subscribed: dict[str, Any]) -> None:
    other, as_other = network.centre({**CENTRE, "name": "LOWE Inny"})
    entry = feed(as_centre, subscribed["id"])["items"][0]

    with nothing_written(network):
        assert_error(mark(as_other, other["id"], entry["id"], "seen"), 404, "not_found", "entry_id")
        assert_error(mark(network, other["id"], entry["id"], "seen"), 404, "not_found", "entry_id")
        assert_error(mark(as_centre, subscribed["id"], UNKNOWN_ID, "seen"), 404, "not_found", "entry_id")
        assert_error(mark(network, UNKNOWN_ID, entry["id"], "seen"), 404, "not_found", "centre_id")
    assert feed(as_centre, subscribed["id"])["items"][0]["state"] == entry["state"]


def test_centres_are_listed_by_name_page_by_page_with_filters(network: Network) -> None:
    names = [f"Lista {letter}" for letter in "CAB"]
    for name in names:
        network.create("/api/v1/centres", {"name": name, "voivodeship": "02", "municipality": "Oleśnica"})
    network.create(
        "/api/v1/centres", {"name": "Lista D", "voivodeship": "02", "municipality": "X", "status": "inactive"}
    )

    def listed(**params: Any) -> dict[str, Any]:
        response = network.get("/api/v1/centres", params=params)
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        return page

    first = listed(q="lista", voivodeship="02", status="active", page_size=2)
    second = listed(q="lista", voivodeship="02", status="active", page_size=2, cursor=first["next_cursor"])
    assert [centre["name"] for centre in first["items"] + second["items"]] == ["Lista A", "Lista B", "Lista C"]
    assert second["next_cursor"] is None
    assert [centre["name"] for centre in listed(q="LISTA", status="inactive")["items"]] == ["Lista D"]
    assert listed(q="oleśnica", page_size=1)["items"][0]["municipality"] == "Oleśnica"
    assert_error(network.get("/api/v1/centres", params={"voivodeship": "99"}), 400, "invalid_input", "voivodeship")
    assert_error(network.get("/api/v1/centres", params={"page_size": "0"}), 400, "invalid_input", "page_size")
    assert_error(network.get("/api/v1/centres", params={"page_size": "101"}), 400, "invalid_input", "page_size")
    _, as_partner = network.partner({**PARTNER, "name": "Fundacja Lista", "email": "lista@example.pl"})
    _, as_centre = network.centre({**CENTRE, "name": "LOWE Czytelnik"})
    for key in (as_partner.key, as_centre.key):  # the directory is for every key
        assert (
            listed(q="lista", voivodeship="02", status="active")["items"]
            == network.as_(key)
            .get("/api/v1/centres", params={"q": "lista", "voivodeship": "02", "status": "active"})
            .json()["items"]
        )
