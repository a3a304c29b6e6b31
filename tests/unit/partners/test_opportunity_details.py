"""An opportunity's details at the boundary, on creating (all of them) and on editing (only those given)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_partners.commands import UpdateOpportunity, create_opportunity_command, update_opportunity_command

PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
OPPORTUNITY_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")


def opportunity_payload(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "partner_id": str(PARTNER_ID),
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills"],
        "regions": ["14"],
    }
    payload.update(changes)
    return payload


def create_refuses(**changes: Any) -> set[str]:
    with pytest.raises(InvalidInput) as caught:
        create_opportunity_command(opportunity_payload(**changes))
    return set(caught.value.fields)


def update_refuses(payload: Any) -> set[str]:
    with pytest.raises(InvalidInput) as caught:
        update_opportunity_command(str(OPPORTUNITY_ID), payload)
    return set(caught.value.fields)


def test_details_left_out_take_their_defaults() -> None:
    cmd = create_opportunity_command(opportunity_payload())

    assert (cmd.delivery_mode, cmd.languages, cmd.links) == ("on_site", ["pl"], [])
    assert (cmd.places, cmd.cost_pln) == (None, None)
    assert (cmd.starts_at, cmd.ends_at, cmd.apply_by) == (None, None, None)
    assert (cmd.contact_name, cmd.contact_email, cmd.contact_phone) == (None, None, None)


def test_every_detail_given_lands_in_the_command_in_the_domain_shape() -> None:
    cmd = create_opportunity_command(
        opportunity_payload(
            delivery_mode="hybrid",
            languages=["uk", "pl", "uk"],
            places=12,
            cost_pln="120.50",
            starts_at="2025-04-05T09:00:00+02:00",
            ends_at="2025-05-10T12:00:00+02:00",
            apply_by="2025-04-01T00:00:00+00:00",
            contact={"name": "Anna Nowak", "email": "anna@fundacja.example", "phone": "+48 41 123 45 67"},
            links=["https://fundacja.example/excel", "http://fundacja.example/plan.pdf"],
        )
    )

    assert (cmd.delivery_mode, cmd.languages) == ("hybrid", ["pl", "uk"])
    assert (cmd.places, cmd.cost_pln) == (12, Decimal("120.50"))
    assert cmd.starts_at == datetime(2025, 4, 5, 7, 0, tzinfo=UTC)
    assert (cmd.ends_at, cmd.apply_by) == (datetime(2025, 5, 10, 10, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC))
    assert (cmd.contact_name, cmd.contact_email, cmd.contact_phone) == (
        "Anna Nowak",
        "anna@fundacja.example",
        "+48 41 123 45 67",
    )
    assert cmd.links == ["https://fundacja.example/excel", "http://fundacja.example/plan.pdf"]


@pytest.mark.parametrize("places", [1, 500, None])
def test_places_are_a_positive_whole_number_or_unlimited(places: int | None) -> None:
    assert create_opportunity_command(opportunity_payload(places=places)).places == places


@pytest.mark.parametrize("places", [0, -3, 1.5, 2.0, "3", True])
def test_places_that_are_not_strictly_a_positive_integer_are_refused(places: object) -> None:
    assert create_refuses(places=places) == {"places"}


@pytest.mark.parametrize("cost", [0, "0", "0.00", None])
def test_a_cost_of_nothing_means_free(cost: object) -> None:
    assert create_opportunity_command(opportunity_payload(cost_pln=cost)).cost_pln is None


@pytest.mark.parametrize(
    ("cost", "kept"), [("49.99", Decimal("49.99")), (150, Decimal("150")), ("1000000", Decimal("1000000"))]
)
def test_a_cost_is_kept_as_a_decimal(cost: object, kept: Decimal) -> None:
    assert create_opportunity_command(opportunity_payload(cost_pln=cost)).cost_pln == kept


@pytest.mark.parametrize("cost", ["-0.01", -10, "1000000.01", "NaN", "Infinity", "cheap"])
def test_a_negative_excessive_or_non_numeric_cost_is_refused(cost: object) -> None:
    assert create_refuses(cost_pln=cost) == {"cost_pln"}


@pytest.mark.parametrize("languages", [["PL"], ["pol"], ["p"], ["pl\n"], ["pl", "e1"], [], ["pl"] * 11])
def test_languages_are_one_to_ten_two_letter_codes(languages: list[str]) -> None:
    assert create_refuses(languages=languages) == {"languages"}


@pytest.mark.parametrize("mode", ["on_site", "online", "hybrid"])
def test_each_delivery_mode_of_the_vocabulary_is_accepted(mode: str) -> None:
    assert create_opportunity_command(opportunity_payload(delivery_mode=mode)).delivery_mode == mode


@pytest.mark.parametrize("mode", ["telepathy", "Online", None])
def test_a_delivery_mode_outside_the_vocabulary_is_refused(mode: object) -> None:
    assert create_refuses(delivery_mode=mode) == {"delivery_mode"}


@pytest.mark.parametrize(
    "links",
    [["ftp://fundacja.example/file"], ["javascript:alert(1)"], ["fundacja.example"], ["mailto:a@b.example"]],
)
def test_only_web_links_are_accepted(links: list[str]) -> None:
    assert create_refuses(links=links) == {"links"}


def test_at_most_ten_links_are_accepted() -> None:
    assert create_refuses(links=[f"https://fundacja.example/{n}" for n in range(11)]) == {"links"}


@pytest.mark.parametrize(
    "contact",
    [
        {"name": "Anna", "fax": "41 123 45 67"},
        {"email": "not-an-email"},
        {"phone": "call me"},
        {"phone": "123456789\n"},
        {"name": "   "},
        "Anna Nowak",
    ],
)
def test_a_contact_with_an_unknown_or_wrong_part_is_refused_naming_contact(contact: object) -> None:
    assert create_refuses(contact=contact) == {"contact"}


def test_a_contact_may_give_only_some_parts_or_be_null() -> None:
    partly = create_opportunity_command(opportunity_payload(contact={"email": "anna@fundacja.example"}))
    none = create_opportunity_command(opportunity_payload(contact=None))

    assert (partly.contact_name, partly.contact_email, partly.contact_phone) == (None, "anna@fundacja.example", None)
    assert (none.contact_name, none.contact_email, none.contact_phone) == (None, None, None)


@pytest.mark.parametrize("field", ["starts_at", "ends_at", "apply_by"])
def test_a_date_without_a_time_zone_is_refused(field: str) -> None:
    assert create_refuses(**{field: "2025-04-05T09:00:00"}) == {field}


def test_an_edit_carries_only_the_details_given() -> None:
    cmd = update_opportunity_command(str(OPPORTUNITY_ID), {"title": "  Excel for beginners ", "places": 20})

    assert cmd == UpdateOpportunity(OPPORTUNITY_ID, {"title": "Excel for beginners", "places": 20})


def test_an_edit_of_the_contact_replaces_all_of_it() -> None:
    cmd = update_opportunity_command(str(OPPORTUNITY_ID), {"contact": {"phone": "+48 41 123 45 67"}})

    assert cmd.changes == {"contact_name": None, "contact_email": None, "contact_phone": "+48 41 123 45 67"}


def test_an_edit_may_make_an_opportunity_free_and_clear_its_dates() -> None:
    cmd = update_opportunity_command(str(OPPORTUNITY_ID), {"cost_pln": 0, "apply_by": None, "regions": []})

    assert cmd.changes == {"cost_pln": None, "apply_by": None, "regions": []}


def test_an_edit_with_nothing_to_change_is_refused_naming_the_body() -> None:
    assert update_refuses({}) == {"_body"}


@pytest.mark.parametrize("payload", [None, [], "title=New"])
def test_an_edit_that_is_not_an_object_is_refused_naming_the_body(payload: object) -> None:
    assert update_refuses(payload) == {"_body"}


@pytest.mark.parametrize("field", ["partner_id", "status", "published_at", "id"])
def test_an_edit_cannot_touch_what_is_not_a_detail(field: str) -> None:
    assert update_refuses({field: str(PARTNER_ID)}) == {field}


def test_an_edit_is_validated_like_creating() -> None:
    assert update_refuses({"places": 0, "kind": "picnic", "title": None}) == {"places", "kind", "title"}


def test_an_edit_of_a_malformed_opportunity_id_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput) as caught:
        update_opportunity_command("nope", {"title": "New"})

    assert set(caught.value.fields) == {"opportunity_id"}
