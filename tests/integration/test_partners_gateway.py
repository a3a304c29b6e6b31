"""The partners' registry through the gateway: operators list partners (`GET /api/v1/partners`), and a partner (or an
operator) changes its details (`PATCH /api/v1/partners/{id}`)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    PARTNER,
    UNKNOWN_ID,
    Network,
    assert_error,
    nothing_written,
    ok,
    rows_written,
    without_key,
)


def partner_named(name: str, **changes: Any) -> dict[str, Any]:
    return {**PARTNER, "name": name, "email": f"{name.split()[-1].lower()}@example.pl", **changes}


@pytest.fixture(scope="module")
def registry(network: Network) -> dict[str, dict[str, Any]]:
    """Four partners whose names start with "Rejestr": two verified, one suspended, one pending."""
    made = {name: network.verified_partner(partner_named(name)) for name in ("Rejestr Delta", "Rejestr Alfa")}
    made["Rejestr Gamma"] = network.verified_partner(partner_named("Rejestr Gamma"))
    made["Rejestr Beta"] = network.create("/api/v1/partners", partner_named("Rejestr Beta"))
    suspended = ok(network.post(f"/api/v1/partners/{made['Rejestr Gamma']['id']}/suspend", json={"reason": "Test"}))
    made["Rejestr Gamma"] = {**suspended, "api_key": made["Rejestr Gamma"]["api_key"]}
    return made


def listed(network: Network, **params: Any) -> dict[str, Any]:
    page: dict[str, Any] = ok(network.get("/api/v1/partners", params={"q": "rejestr", **params}))
    return page


def test_operators_list_partners_by_name_page_by_page(network: Network, registry: dict[str, dict[str, Any]]) -> None:
    everything = listed(network)
    assert [partner["name"] for partner in everything["items"]] == [
        "Rejestr Alfa",
        "Rejestr Beta",
        "Rejestr Delta",
        "Rejestr Gamma",
    ]
    assert everything["next_cursor"] is None
    assert everything["items"][0] == without_key(registry["Rejestr Alfa"])  # the partner as it reads itself

    first = listed(network, page_size=3)
    second = listed(network, page_size=3, cursor=first["next_cursor"])
    assert len(first["items"]) == 3 and second["next_cursor"] is None
    assert first["items"] + second["items"] == everything["items"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "verified"}, ["Rejestr Alfa", "Rejestr Delta"]),
        ({"status": ["pending", "suspended"]}, ["Rejestr Beta", "Rejestr Gamma"]),
        ({"q": "GAMMA"}, ["Rejestr Gamma"]),
        ({"q": "nikt taki"}, []),
    ],
    ids=["status", "statuses", "name-any-case", "nothing"],
)
def test_the_partner_list_filters(
    network: Network, registry: dict[str, dict[str, Any]], params: dict[str, Any], expected: list[str]
) -> None:
    assert [partner["name"] for partner in listed(network, **params)["items"]] == expected


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"status": "lost"}, "status"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"cursor": "nonsense"}, "cursor"),
        ({"q": "x"}, "q"),
        ({"limit": "5"}, "limit"),
    ],
)
def test_a_bad_partner_list_parameter_is_a_400_naming_it(network: Network, params: dict[str, str], named: str) -> None:
    assert_error(network.get("/api/v1/partners", params=params), 400, "invalid_input", named)


def test_only_operators_list_partners(network: Network, registry: dict[str, dict[str, Any]]) -> None:
    partner_key = registry["Rejestr Alfa"]["api_key"]["key"]
    centre, _ = network.centre()
    for key in (partner_key, centre["api_key"]["key"]):
        assert_error(network.get("/api/v1/partners", key=key), 403, "forbidden")


def test_a_partner_changes_its_own_details(network: Network) -> None:
    partner, as_partner = network.partner(partner_named("Zmiana Profil"))
    changes = {
        "description": "Kursy dla dorosłych",
        "website": "https://zmiana.example.pl",
        "phone": "+48 41 000 00 00",
        "nip": "123-456-32-18",
        "name": "  Zmiana Profil Nowa  ",
    }

    with rows_written(network, "partners", "gateway") as written:
        response = as_partner.patch(f"/api/v1/partners/{partner['id']}", json=changes)

    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed == {
        **without_key(partner),
        **changes,
        "nip": "1234563218",
        "name": "Zmiana Profil Nowa",
    }
    assert written == {"partners.outbox": 1}  # the partner's row changes; no row is added, one partner_updated
    assert ok(as_partner.get(f"/api/v1/partners/{partner['id']}")) == changed
    by_operator = network.patch(f"/api/v1/partners/{partner['id']}", json={"website": None})
    assert (by_operator.status_code, by_operator.json()["website"]) == (200, None)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({}, "_body"),
        ({"name": " "}, "name"),
        ({"sector": "charity"}, "sector"),
        ({"nip": "1234563217"}, "nip"),
        ({"website": "ftp://zmiana.example.pl"}, "website"),
        ({"status": "verified"}, "status"),
        ({"id": UNKNOWN_ID}, "id"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_partner_change_is_a_400_naming_it(network: Network, body: dict[str, Any], named: str) -> None:
    partner, as_partner = network.partner(partner_named("Zmiana Błąd"))
    with nothing_written(network):
        response = as_partner.patch(f"/api/v1/partners/{partner['id']}", json=body)
    assert_error(response, 400, "invalid_input", named)


def test_a_partner_changes_no_other_partner_and_an_unknown_one_is_a_404(network: Network) -> None:
    partner, _ = network.partner(partner_named("Zmiana Cudza"))
    _, as_rival = network.partner(partner_named("Zmiana Rywal"))
    _, as_centre = network.centre()

    with nothing_written(network):
        by_rival = as_rival.patch(f"/api/v1/partners/{partner['id']}", json={"description": "Przejęte"})
        by_centre = as_centre.patch(f"/api/v1/partners/{partner['id']}", json={"description": "Przejęte"})
        unknown = network.patch(f"/api/v1/partners/{UNKNOWN_ID}", json={"description": "Nikt"})
    assert assert_error(by_rival, 403, "forbidden", "partner_id")["fields"]["partner_id"] == partner["id"]
    assert_error(by_centre, 403, "forbidden")
    assert assert_error(unknown, 404, "not_found", "partner_id")["fields"]["partner_id"] == UNKNOWN_ID
    assert ok(network.get(f"/api/v1/partners/{partner['id']}"))["description"] == ""
