"""Every body-taking route answers a bad field with a 400 that names it, and writes nothing anywhere."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.gateway_helpers import (
    BODY_ROUTES,
    MISSING,
    UNKNOWN_ID,
    Network,
    Routes,
    amend,
    assert_error,
    nothing_written,
    routes_with_valid_bodies,
)


@pytest.fixture(scope="module")
def valid(network: Network) -> Routes:
    return routes_with_valid_bodies(network)


def rejects(network: Network, valid: Routes, route: str, **changes: Any) -> None:
    """The route's valid body with `changes`, sent with a key the route admits, gets a 400 naming exactly the changed
    fields; no row appears."""
    path, body, key = valid[route]
    with nothing_written(network):
        response = network.post(path, key=key, json=amend(body, changes))
    assert_error(response, 400, "invalid_input", *changes)


def test_the_valid_bodies_are_accepted(network: Network, valid: Routes) -> None:
    """Guards the cases below: each spoils one field of a body that is otherwise fine."""
    for path, body, key in valid.values():
        assert network.post(path, key=key, json=body).status_code == 201


@pytest.mark.parametrize(
    ("route", "field"),
    [
        *[("partners", name) for name in ("name", "sector", "email", "voivodeship")],
        *[("opportunities", name) for name in ("kind", "title", "description", "topics", "regions")],
        *[("centres", name) for name in ("name", "voivodeship", "municipality")],
        ("subscriptions", "name"),
    ],
)
def test_missing_required_field_is_rejected_naming_the_field(
    network: Network, valid: Routes, route: str, field: str
) -> None:
    rejects(network, valid, route, **{field: MISSING})


@pytest.mark.parametrize("route", BODY_ROUTES)
@pytest.mark.parametrize("field", ["colour", "id", "created_at"])
def test_unknown_field_is_rejected_naming_the_field(network: Network, valid: Routes, route: str, field: str) -> None:
    rejects(network, valid, route, **{field: "blue"})


@pytest.mark.parametrize(
    ("route", "field", "value"),
    [
        ("partners", "name", 123),
        ("partners", "sector", ["public"]),
        ("partners", "email", True),
        ("partners", "voivodeship", 26),
        ("opportunities", "partner_id", 42),
        ("opportunities", "partner_id", "partner-one"),
        ("opportunities", "kind", None),
        ("opportunities", "title", ["Kurs"]),
        ("opportunities", "description", {"pl": "Kurs"}),
        ("opportunities", "topics", "digital_skills"),
        ("opportunities", "topics", [1]),
        ("opportunities", "target_groups", {"seniors": True}),
        ("opportunities", "regions", "26"),
        ("opportunities", "regions", None),
        ("centres", "name", None),
        ("centres", "voivodeship", 26.0),
        ("centres", "municipality", 7),
        ("subscriptions", "name", False),
        ("subscriptions", "kinds", "course"),
        ("subscriptions", "topics", [["digital_skills"]]),
        ("subscriptions", "regions", {"26": True}),
        ("subscriptions", "nationwide", "sometimes"),
        ("subscriptions", "nationwide", []),
        ("subscriptions", "delivery", 1),
    ],
)
def test_value_of_the_wrong_type_is_rejected_naming_the_field(
    network: Network, valid: Routes, route: str, field: str, value: Any
) -> None:
    rejects(network, valid, route, **{field: value})


@pytest.mark.parametrize(
    ("route", "field"),
    [
        ("partners", "name"),
        ("partners", "email"),
        ("opportunities", "title"),
        ("opportunities", "description"),
        ("centres", "name"),
        ("centres", "municipality"),
        ("subscriptions", "name"),
    ],
)
@pytest.mark.parametrize("blank", ["", "   ", "\n\t"], ids=["empty", "spaces", "newline-tab"])
def test_blank_string_is_rejected_naming_the_field(
    network: Network, valid: Routes, route: str, field: str, blank: str
) -> None:
    rejects(network, valid, route, **{field: blank})


@pytest.mark.parametrize(
    ("route", "field", "value"),
    [
        ("partners", "sector", "charity"),
        ("partners", "sector", "Public"),
        ("partners", "voivodeship", "27"),
        ("partners", "voivodeship", "świętokrzyskie"),
        ("opportunities", "kind", "lecture"),
        ("opportunities", "topics", ["digital_skills", "astrology"]),
        ("opportunities", "target_groups", ["pets"]),
        ("opportunities", "regions", ["26", "99"]),
        ("centres", "voivodeship", "00"),
        ("subscriptions", "kinds", ["seminar"]),
        ("subscriptions", "topics", ["astrology"]),
        ("subscriptions", "regions", ["33"]),
        ("subscriptions", "delivery", "weekly"),
    ],
)
def test_value_outside_the_controlled_vocabulary_is_rejected_naming_the_field(
    network: Network, valid: Routes, route: str, field: str, value: Any
) -> None:
    rejects(network, valid, route, **{field: value})


@pytest.mark.parametrize(
    ("route", "field", "value"),
    [
        pytest.param("partners", "name", "x" * 201, id="partner-name-too-long"),
        pytest.param("partners", "name", "PUP\u0000Kielce", id="partner-name-with-nul"),
        pytest.param("partners", "email", "pup.example.pl", id="email-without-at"),
        pytest.param("partners", "email", "pup@example.pl\u0000", id="email-with-nul"),
        pytest.param("opportunities", "title", "x" * 201, id="title-too-long"),
        pytest.param("opportunities", "title", "Kurs\u0000", id="title-with-nul"),
        pytest.param("opportunities", "description", "x" * 10_001, id="description-too-long"),
        pytest.param("opportunities", "description", "\u0000", id="description-only-nul"),
        pytest.param("opportunities", "topics", [], id="no-topics"),
        pytest.param("opportunities", "target_groups", ["seniors"] * 9, id="too-many-target-groups"),
        pytest.param("opportunities", "regions", ["26"] * 17, id="too-many-regions"),
        pytest.param("centres", "name", "x" * 201, id="centre-name-too-long"),
        pytest.param("centres", "municipality", "x" * 101, id="municipality-too-long"),
        pytest.param("centres", "municipality", "Bodzentyn\u0000", id="municipality-with-nul"),
        pytest.param("subscriptions", "name", "x" * 101, id="subscription-name-too-long"),
        pytest.param("subscriptions", "name", "\u0000Cyfrowe", id="subscription-name-with-nul"),
        pytest.param("subscriptions", "regions", [], id="empty-regions"),
    ],
)
def test_value_out_of_bounds_is_rejected_naming_the_field(
    network: Network, valid: Routes, route: str, field: str, value: Any
) -> None:
    rejects(network, valid, route, **{field: value})


def test_regions_and_nationwide_together_are_rejected_naming_regions(network: Network, valid: Routes) -> None:
    path, body, key = valid["subscriptions"]
    with nothing_written(network):
        response = network.post(path, key=key, json={**body, "regions": ["26"], "nationwide": True})
    assert_error(response, 400, "invalid_input", "regions")


def test_every_bad_field_is_named_at_once(network: Network, valid: Routes) -> None:
    path, _, key = valid["partners"]
    with nothing_written(network):
        response = network.post(path, key=key, json={"name": " ", "sector": "charity", "extra": 1})
    assert_error(response, 400, "invalid_input", "name", "sector", "email", "voivodeship", "extra")


def test_a_partner_id_in_an_opportunity_is_refused_naming_it_whoever_it_names(network: Network, valid: Routes) -> None:
    """The partner is the key's: a `partner_id` in the body is never obeyed, not even the key's own partner's."""
    path, body, key = valid["opportunities"]
    own = network.get("/api/v1/keys", key=key).json()["items"][0]["organisation_id"]
    for partner_id in (UNKNOWN_ID, own):
        with nothing_written(network):
            response = network.post(path, key=key, json={**body, "partner_id": partner_id})
        assert_error(response, 400, "invalid_input", "partner_id")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nip", "1234563217"),
        ("regon", "123456786"),
        ("regon", "12345678512348"),
        ("krs", "00001234"),
        ("erasmus_oid", "E123"),
        ("organisation_type", "guild"),
    ],
)
def test_a_registry_number_with_a_wrong_checksum_is_rejected_naming_the_field(
    network: Network, valid: Routes, field: str, value: str
) -> None:
    rejects(network, valid, "partners", **{field: value})


def test_a_partner_profile_with_valid_registry_numbers_is_stored_as_given(network: Network, valid: Routes) -> None:
    path, body, key = valid["partners"]
    profile = {
        "organisation_type": "labour_office",
        "description": "Powiatowy urząd pracy",
        "website": "https://pup.example.pl",
        "street": "ul. Szymanowskiego 6",
        "postal_code": "25-361",
        "city": "Kielce",
        "contact_person": "Jan Kowalski",
        "phone": "+48 41 000 00 00",
        "nip": "123-456-32-18",
        "regon": "12345678512347",
        "krs": "0000123456",
        "erasmus_oid": "E10012345",
    }
    response = network.post(path, key=key, json={**body, "sector": "public", **profile})

    assert response.status_code == 201, response.text
    created = response.json()
    assert {name: created[name] for name in profile} == {**profile, "nip": "1234563218"}
