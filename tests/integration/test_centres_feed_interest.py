"""Interest from the feed through the gateway, the partners service and back: the entry is claimed, and shows what
the partner decided (allocated, waitlisted, declined, released) as the partners' events arrive."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.gateway_helpers import CENTRE, PARTNER, Network, assert_error, nothing_written, opportunity_for
from tests.support import wait_for


@pytest.fixture(scope="module")
def partner(network: Network) -> dict[str, Any]:
    return network.verified_partner(PARTNER)


def subscribed_centre(network: Network, name: str) -> dict[str, Any]:
    centre = network.create("/api/v1/centres", {**CENTRE, "name": name})
    network.create(f"/api/v1/centres/{centre['id']}/subscriptions", {"name": "Wszystko"})
    return centre


def published(network: Network, partner: dict[str, Any], places: int | None) -> dict[str, Any]:
    opportunity = network.create("/api/v1/opportunities", opportunity_for(partner["id"], places=places))
    response = network.post(f"/api/v1/opportunities/{opportunity['id']}/publish")
    assert response.status_code == 200, response.text
    return opportunity


def entry_of(network: Network, centre: dict[str, Any], opportunity: dict[str, Any]) -> dict[str, Any]:
    """The centre's entry for the opportunity, once it is in the feed."""

    def found() -> dict[str, Any] | None:
        items = network.get(f"/api/v1/centres/{centre['id']}/feed").json()["items"]
        return next((item for item in items if item["opportunity"]["id"] == opportunity["id"]), None)

    entry: dict[str, Any] = wait_for(found, what="the opportunity in the centre's feed")
    return entry


def ask(network: Network, centre: dict[str, Any], entry: dict[str, Any], body: Any) -> Any:
    return network.post(f"/api/v1/centres/{centre['id']}/feed/{entry['id']}/interest", json=body)


def entry_when(
    network: Network, centre: dict[str, Any], opportunity: dict[str, Any], **expected: str
) -> dict[str, Any]:
    """The centre's entry once its interest shows `expected` (status=..., and so on), as the partners' events arrive."""

    def shown() -> dict[str, Any] | None:
        entry = entry_of(network, centre, opportunity)
        interest = entry["interest"] or {}
        return entry if all(interest.get(name) == value for name, value in expected.items()) else None

    found: dict[str, Any] = wait_for(shown, what=f"the feed entry's interest to show {expected}")
    return found


def test_places_asked_for_from_the_feed_show_as_allocated_once_the_partner_accepts(
    network: Network, partner: dict[str, Any]
) -> None:
    centre = subscribed_centre(network, "LOWE Przyjęta")
    opportunity = published(network, partner, places=10)
    entry = entry_of(network, centre, opportunity)

    response = ask(network, centre, entry, {"places": 4})
    assert response.status_code == 201, response.text
    claimed = response.json()
    assert (claimed["id"], claimed["state"]) == (entry["id"], "claimed")
    interest = claimed["interest"]
    assert (interest["status"], interest["places_requested"], interest["places_allocated"]) == ("requested", 4, None)

    accepted = network.post(f"/api/v1/interests/{interest['id']}/accept")
    assert accepted.status_code == 200, accepted.text

    after = entry_when(network, centre, opportunity, status="allocated")
    assert after["state"] == "claimed"
    assert (after["interest"]["id"], after["interest"]["places_requested"], after["interest"]["places_allocated"]) == (
        interest["id"],
        4,
        4,
    )
    assert_error(
        network.call("PATCH", f"/api/v1/centres/{centre['id']}/feed/{entry['id']}", json={"state": "dismissed"}),
        409,
        "conflict",
        "state",
    )

    released = network.post(f"/api/v1/interests/{interest['id']}/release", json={})
    assert released.status_code == 200, released.text
    gone = entry_when(network, centre, opportunity, status="released")
    assert gone["interest"]["places_allocated"] == 0
    dismissed = network.call("PATCH", f"/api/v1/centres/{centre['id']}/feed/{entry['id']}", json={"state": "dismissed"})
    assert (dismissed.status_code, dismissed.json()["state"]) == (200, "dismissed")


def test_an_interest_that_does_not_fit_waits_and_a_declined_one_shows_declined(
    network: Network, partner: dict[str, Any]
) -> None:
    first, second = subscribed_centre(network, "LOWE Pierwsza"), subscribed_centre(network, "LOWE Druga")
    opportunity = published(network, partner, places=3)
    interests = {}
    for centre, places in ((first, 3), (second, 2)):
        response = ask(network, centre, entry_of(network, centre, opportunity), {"places": places})
        assert response.status_code == 201, response.text
        interests[centre["id"]] = response.json()["interest"]["id"]
    assert network.post(f"/api/v1/interests/{interests[first['id']]}/accept").status_code == 200
    assert network.post(f"/api/v1/interests/{interests[second['id']]}/accept").status_code == 200

    waiting = entry_when(network, second, opportunity, status="waitlisted")
    assert (waiting["interest"]["waitlist_position"], waiting["interest"]["places_requested"]) == (1, 2)

    assert network.post(f"/api/v1/interests/{interests[second['id']]}/decline").status_code == 200
    declined = entry_when(network, second, opportunity, status="declined")
    assert (declined["state"], declined["interest"]["waitlist_position"]) == ("claimed", None)


def test_interest_expressed_through_the_opportunitys_own_route_claims_the_feed_entry(
    network: Network, partner: dict[str, Any]
) -> None:
    centre = subscribed_centre(network, "LOWE Stara Droga")
    opportunity = published(network, partner, places=None)
    entry = entry_of(network, centre, opportunity)

    response = network.post(f"/api/v1/opportunities/{opportunity['id']}/interests", json={"centre_id": centre["id"]})
    assert response.status_code == 201, response.text

    claimed = entry_when(network, centre, opportunity, status="requested")
    assert (claimed["id"], claimed["state"], claimed["interest"]["id"]) == (
        entry["id"],
        "claimed",
        response.json()["id"],
    )


def test_the_partners_refusals_reach_the_centre_with_their_status(network: Network, partner: dict[str, Any]) -> None:
    centre = subscribed_centre(network, "LOWE Odmowa")
    opportunity = published(network, partner, places=2)
    entry = entry_of(network, centre, opportunity)

    assert_error(ask(network, centre, entry, {"places": 5}), 409, "conflict", "places")  # the partners' refusal
    assert_error(ask(network, centre, entry, {"places": "5"}), 400, "invalid_input", "places")
    assert ask(network, centre, entry, None).status_code == 201  # interest without places
    assert_error(ask(network, centre, entry, {"places": 1}), 409, "conflict", "entry_id")  # already open


def test_a_withdrawn_opportunity_cannot_be_claimed_from_the_feed(network: Network, partner: dict[str, Any]) -> None:
    centre = subscribed_centre(network, "LOWE Wycofana")
    opportunity = published(network, partner, places=5)
    entry = entry_of(network, centre, opportunity)
    assert network.post(f"/api/v1/opportunities/{opportunity['id']}/withdraw").status_code == 200
    wait_for(lambda: entry_of(network, centre, opportunity)["opportunity"]["status"] == "withdrawn", what="withdrawal")

    with nothing_written(network):
        assert_error(ask(network, centre, entry, {"places": 1}), 409, "conflict", "entry_id")
