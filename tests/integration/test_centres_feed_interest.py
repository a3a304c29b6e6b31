"""Interest through the gateway, the centres and partners services and back: a centre expresses it with its own key
(`POST /api/v1/centres/{id}/interests`), its feed entry is claimed and shows what the partner decided (allocated,
waitlisted, declined, released) as the partners' events arrive; the centre withdraws it
(`DELETE /api/v1/centres/{id}/interests/{interest_id}`)."""

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
    rows_written,
)
from tests.support import wait_for

INTEREST_FIELDS = {
    *("id", "opportunity_id", "partner_id", "centre_id", "places", "note", "status", "allocated", "expressed_at"),
    *("decided_at", "allocated_at", "released_at", "withdrawn_at", "position"),
}


@pytest.fixture(scope="module")
def partner(network: Network) -> tuple[dict[str, Any], Network]:
    return network.partner(PARTNER)


@pytest.fixture(scope="module")
def as_partner(partner: tuple[dict[str, Any], Network]) -> Network:
    return partner[1]


def subscribed_centre(network: Network, name: str) -> tuple[dict[str, Any], Network]:
    centre, as_centre = network.centre({**CENTRE, "name": name})
    as_centre.create(f"/api/v1/centres/{centre['id']}/subscriptions", {"name": "Wszystko"})
    return centre, as_centre


def entry_of(as_centre: Network, centre: dict[str, Any], opportunity: dict[str, Any]) -> dict[str, Any]:
    """The centre's entry for the opportunity, once it is in the feed."""

    def found() -> dict[str, Any] | None:
        items = as_centre.get(f"/api/v1/centres/{centre['id']}/feed").json()["items"]
        return next((item for item in items if item["opportunity"]["id"] == opportunity["id"]), None)

    entry: dict[str, Any] = wait_for(found, what="the opportunity in the centre's feed")
    return entry


def ask(as_centre: Network, centre: dict[str, Any], opportunity: dict[str, Any], **body: Any) -> Any:
    return as_centre.post(
        f"/api/v1/centres/{centre['id']}/interests", json={"opportunity_id": opportunity["id"], **body}
    )


def withdraw(as_centre: Network, centre: dict[str, Any], interest_id: str) -> Any:
    return as_centre.delete(f"/api/v1/centres/{centre['id']}/interests/{interest_id}")


def entry_when(
    as_centre: Network, centre: dict[str, Any], opportunity: dict[str, Any], **expected: Any
) -> dict[str, Any]:
    """The centre's entry once its interest shows `expected` (status=..., and so on), as the partners' events arrive."""

    def shown() -> dict[str, Any] | None:
        entry = entry_of(as_centre, centre, opportunity)
        interest = entry["interest"] or {}
        return entry if all(interest.get(name) == value for name, value in expected.items()) else None

    found: dict[str, Any] = wait_for(shown, what=f"the feed entry's interest to show {expected}")
    return found


def test_places_asked_for_show_as_allocated_once_the_partner_accepts(network: Network, as_partner: Network) -> None:
    centre, as_centre = subscribed_centre(network, "LOWE Przyjęta")
    opportunity = as_partner.publish(opportunity_for(places=10))
    entry = entry_of(as_centre, centre, opportunity)

    response = ask(as_centre, centre, opportunity, places=4)
    assert response.status_code == 201, response.text
    interest = response.json()
    assert set(interest) == INTEREST_FIELDS | {"entry_id"}
    assert interest["entry_id"] == entry["id"]  # the feed entry it claimed
    assert (interest["opportunity_id"], interest["centre_id"], interest["partner_id"]) == (
        opportunity["id"],
        centre["id"],
        opportunity["partner_id"],
    )
    assert (interest["status"], interest["places"], interest["allocated"]) == ("pending", 4, 0)
    claimed = entry_when(as_centre, centre, opportunity, id=interest["id"])
    assert (claimed["id"], claimed["state"]) == (entry["id"], "claimed")
    assert (claimed["interest"]["places_requested"], claimed["interest"]["places_allocated"]) == (4, None)

    accepted = as_partner.post(f"/api/v1/interests/{interest['id']}/accept")
    assert accepted.status_code == 200, accepted.text

    after = entry_when(as_centre, centre, opportunity, status="allocated")
    assert after["state"] == "claimed"
    assert (after["interest"]["id"], after["interest"]["places_requested"], after["interest"]["places_allocated"]) == (
        interest["id"],
        4,
        4,
    )
    assert_error(
        as_centre.patch(f"/api/v1/centres/{centre['id']}/feed/{entry['id']}", json={"state": "dismissed"}),
        409,
        "conflict",
        "state",
    )

    released = as_centre.post(f"/api/v1/interests/{interest['id']}/release", json={})  # either side may release
    assert released.status_code == 200, released.text
    gone = entry_when(as_centre, centre, opportunity, status="released")
    assert gone["interest"]["places_allocated"] == 0
    dismissed = as_centre.patch(f"/api/v1/centres/{centre['id']}/feed/{entry['id']}", json={"state": "dismissed"})
    assert (dismissed.status_code, dismissed.json()["state"]) == (200, "dismissed")


def test_an_interest_that_does_not_fit_waits_and_a_declined_one_shows_declined(
    network: Network, as_partner: Network
) -> None:
    first, second = subscribed_centre(network, "LOWE Pierwsza"), subscribed_centre(network, "LOWE Druga")
    opportunity = as_partner.publish(opportunity_for(places=3))
    interests = {}
    for (centre, as_centre), places in ((first, 3), (second, 2)):
        entry_of(as_centre, centre, opportunity)
        response = ask(as_centre, centre, opportunity, places=places)
        assert response.status_code == 201, response.text
        interests[centre["id"]] = response.json()["id"]
    assert as_partner.post(f"/api/v1/interests/{interests[first[0]['id']]}/accept").status_code == 200
    assert as_partner.post(f"/api/v1/interests/{interests[second[0]['id']]}/accept").status_code == 200

    waiting = entry_when(second[1], second[0], opportunity, status="waitlisted")
    assert (waiting["interest"]["waitlist_position"], waiting["interest"]["places_requested"]) == (1, 2)

    assert as_partner.post(f"/api/v1/interests/{interests[second[0]['id']]}/decline").status_code == 200
    declined = entry_when(second[1], second[0], opportunity, status="declined")
    assert (declined["state"], declined["interest"]["waitlist_position"]) == ("claimed", None)


def test_interest_without_places_claims_the_feed_entry(network: Network, as_partner: Network) -> None:
    centre, as_centre = subscribed_centre(network, "LOWE Bez Miejsc")
    opportunity = as_partner.publish(opportunity_for(places=None))
    entry = entry_of(as_centre, centre, opportunity)

    response = ask(as_centre, centre, opportunity)
    assert response.status_code == 201, response.text
    assert (response.json()["places"], response.json()["status"]) == (None, "pending")

    claimed = entry_when(as_centre, centre, opportunity, status="requested")
    assert (claimed["id"], claimed["state"], claimed["interest"]["id"]) == (
        entry["id"],
        "claimed",
        response.json()["id"],
    )


def test_interest_in_an_opportunity_outside_the_feed_reaches_the_partner(network: Network, as_partner: Network) -> None:
    centre, as_centre = network.centre({**CENTRE, "name": "LOWE Bez Subskrypcji"})  # nothing reaches its feed
    opportunity = as_partner.publish(opportunity_for(places=5))

    response = ask(as_centre, centre, opportunity, places=2, message="  Grupa seniorów ")

    assert response.status_code == 201, response.text
    assert response.json()["entry_id"] is None  # no feed entry to claim
    listed = as_partner.get(f"/api/v1/opportunities/{opportunity['id']}/interests").json()["items"]
    assert [(item["id"], item["centre_id"], item["places"], item["note"]) for item in listed] == [
        (response.json()["id"], centre["id"], 2, "Grupa seniorów")
    ]
    assert as_centre.get(f"/api/v1/centres/{centre['id']}/feed").json()["items"] == []


def test_the_partners_refusals_reach_the_centre_with_their_status(network: Network, as_partner: Network) -> None:
    centre, as_centre = subscribed_centre(network, "LOWE Odmowa")
    opportunity = as_partner.publish(opportunity_for(places=2))
    entry_of(as_centre, centre, opportunity)

    assert_error(ask(as_centre, centre, opportunity, places=5), 409, "conflict", "places")  # the partners' refusal
    assert_error(ask(as_centre, centre, opportunity, places="5"), 400, "invalid_input", "places")
    assert ask(as_centre, centre, opportunity).status_code == 201  # interest without places
    with nothing_written(network):
        again = ask(as_centre, centre, opportunity, places=1)  # already open
    assert_error(again, 409, "conflict")


@pytest.mark.parametrize(
    ("body", "status", "code", "named"),
    [
        ({}, 400, "invalid_input", "opportunity_id"),
        ({"opportunity_id": "not-an-id"}, 400, "invalid_input", "opportunity_id"),
        ({"opportunity_id": UNKNOWN_ID}, 404, "not_found", "opportunity_id"),
        ({"opportunity_id": UNKNOWN_ID, "places": 0}, 400, "invalid_input", "places"),
        ({"opportunity_id": UNKNOWN_ID, "centre_id": UNKNOWN_ID}, 400, "invalid_input", "centre_id"),
    ],
)
def test_a_bad_interest_is_refused_naming_the_field(
    network: Network, body: dict[str, Any], status: int, code: str, named: str
) -> None:
    centre, as_centre = network.centre({**CENTRE, "name": "LOWE Błędy"})
    with nothing_written(network, "partners", "centres"):
        response = as_centre.post(f"/api/v1/centres/{centre['id']}/interests", json=body)
    assert_error(response, status, code, named)


def test_a_draft_is_not_found_by_a_centre_asking_for_it(network: Network, as_partner: Network) -> None:
    """Drafts are private to their partner: to a centre one is no different from an opportunity that does not exist."""
    centre, as_centre = network.centre({**CENTRE, "name": "LOWE Szkic"})
    draft = as_partner.create("/api/v1/opportunities", opportunity_for())

    with nothing_written(network):
        hidden = ask(as_centre, centre, draft)
    assert assert_error(hidden, 404, "not_found", "opportunity_id")["fields"]["opportunity_id"] == draft["id"]


def test_only_the_centres_own_key_expresses_its_interest(network: Network, as_partner: Network) -> None:
    centre, _ = network.centre({**CENTRE, "name": "LOWE Klucz"})
    _, as_other = network.centre({**CENTRE, "name": "LOWE Cudza"})
    published = as_partner.publish(opportunity_for())

    with nothing_written(network):
        by_operator = ask(network, centre, published)
        by_partner = ask(as_partner, centre, published)
        by_other_centre = ask(as_other, centre, published)
    assert_error(by_operator, 403, "forbidden")
    assert_error(by_partner, 403, "forbidden")
    assert_error(by_other_centre, 403, "forbidden", "centre_id")


def test_a_withdrawn_opportunity_cannot_be_asked_for(network: Network, as_partner: Network) -> None:
    centre, as_centre = subscribed_centre(network, "LOWE Wycofana")
    opportunity = as_partner.publish(opportunity_for(places=5))
    entry_of(as_centre, centre, opportunity)
    assert as_partner.post(f"/api/v1/opportunities/{opportunity['id']}/withdraw").status_code == 200
    wait_for(
        lambda: entry_of(as_centre, centre, opportunity)["opportunity"]["status"] == "withdrawn", what="withdrawal"
    )

    with nothing_written(network):
        assert_error(ask(as_centre, centre, opportunity, places=1), 409, "conflict")


def test_the_centre_withdraws_its_interest_and_the_places_go_back(network: Network, as_partner: Network) -> None:
    centre, as_centre = subscribed_centre(network, "LOWE Rezygnacja")
    opportunity = as_partner.publish(opportunity_for(places=3))
    entry_of(as_centre, centre, opportunity)
    interest = ask(as_centre, centre, opportunity, places=3).json()
    accepted = as_partner.post(f"/api/v1/interests/{interest['id']}/accept").json()
    assert (accepted["opportunity"]["remaining"], accepted["opportunity"]["status"]) == (0, "closed")
    entry_when(as_centre, centre, opportunity, status="allocated")

    with rows_written(network, "partners") as written:
        response = withdraw(as_centre, centre, interest["id"])

    assert response.status_code == 200, response.text
    withdrawn = response.json()
    assert (withdrawn["id"], withdrawn["status"], withdrawn["allocated"]) == (interest["id"], "withdrawn", 0)
    assert (withdrawn["opportunity"]["remaining"], withdrawn["opportunity"]["status"]) == (3, "published")
    assert written.get("partners.outbox", 0) >= 1  # the partner's side is told, and the centre's feed follows
    shown = entry_when(as_centre, centre, opportunity, status="withdrawn")
    assert shown["interest"]["id"] == interest["id"]
    listed = as_partner.get(f"/api/v1/opportunities/{opportunity['id']}/interests").json()["items"]
    assert [(item["id"], item["status"]) for item in listed] == [(interest["id"], "withdrawn")]

    with nothing_written(network):
        again = withdraw(as_centre, centre, interest["id"])
    assert_error(again, 409, "conflict")


def test_only_the_centre_that_expressed_an_interest_withdraws_it(network: Network, as_partner: Network) -> None:
    centre, as_centre = network.centre({**CENTRE, "name": "LOWE Moja"})
    other, as_other = network.centre({**CENTRE, "name": "LOWE Nie Moja"})
    opportunity = as_partner.publish(opportunity_for(places=3))
    interest = ask(as_centre, centre, opportunity, places=1).json()

    with nothing_written(network):
        by_other = withdraw(as_other, other, interest["id"])  # the other centre, on its own path
        unknown = withdraw(as_centre, centre, UNKNOWN_ID)
        by_partner = as_partner.delete(f"/api/v1/centres/{centre['id']}/interests/{interest['id']}")
        by_operator = network.delete(f"/api/v1/centres/{centre['id']}/interests/{interest['id']}")
        on_other_path = withdraw(as_centre, other, interest["id"])
    assert assert_error(by_other, 404, "not_found", "interest_id")["fields"]["interest_id"] == interest["id"]
    assert assert_error(unknown, 404, "not_found", "interest_id")["fields"]["interest_id"] == UNKNOWN_ID
    assert_error(by_partner, 403, "forbidden")
    assert_error(by_operator, 403, "forbidden")
    assert_error(on_other_path, 403, "forbidden", "centre_id")
    assert withdraw(as_centre, centre, interest["id"]).status_code == 200
