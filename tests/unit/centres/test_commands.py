"""The centres service's boundary: payloads become commands or fail as InvalidInput naming the field."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_centres.commands import (
    AddSubscription,
    RegisterCentre,
    SubscriptionRef,
    UpdateCentre,
    add_subscription_command,
    centre_id_of,
    register_centre_command,
    subscription_ref,
    update_centre_command,
)

CENTRE_ID = uuid.UUID("a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55")
SUBSCRIPTION_ID = uuid.UUID("3f1d2c4b-5a69-4e7f-8a9b-0c1d2e3f4a5b")
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn"}


def invalid_fields(make: Any, *args: Any) -> set[str]:
    with pytest.raises(InvalidInput) as caught:
        make(*args)
    return set(caught.value.fields)


def test_a_good_registration_becomes_a_trimmed_command() -> None:
    cmd = register_centre_command({"name": " LOWE Radom ", "voivodeship": "14", "municipality": " Radom "})

    assert cmd == RegisterCentre(name="LOWE Radom", voivodeship="14", municipality="Radom")


def test_a_subscription_gets_defaults_for_what_is_left_out() -> None:
    cmd = add_subscription_command(str(CENTRE_ID), {"name": "everything"})

    assert cmd == AddSubscription(
        centre_id=CENTRE_ID, name="everything", kinds=[], topics=[], regions=None, nationwide=False, delivery="instant"
    )


def test_a_subscriptions_sets_are_deduplicated_and_sorted() -> None:
    cmd = add_subscription_command(
        CENTRE_ID,
        {
            "name": " jobs ",
            "kinds": ["job", "internship", "job"],
            "topics": ["vocational", "languages", "vocational"],
            "regions": ["14", "02", "14"],
            "delivery": "daily_digest",
        },
    )

    assert (cmd.name, cmd.kinds, cmd.topics, cmd.regions) == (
        "jobs",
        ["internship", "job"],
        ["languages", "vocational"],
        ["02", "14"],
    )
    assert cmd.delivery == "daily_digest"


def test_an_unknown_field_is_named() -> None:
    assert invalid_fields(register_centre_command, {"name": "x", "voivodeship": "14", "municipality": "y", "z": 1}) == {
        "z"
    }


def test_a_missing_field_is_named() -> None:
    assert invalid_fields(register_centre_command, {"name": "LOWE Radom", "voivodeship": "14"}) == {"municipality"}


def test_a_field_of_the_wrong_type_is_named() -> None:
    assert invalid_fields(add_subscription_command, CENTRE_ID, {"name": "x", "nationwide": "sometimes"}) == {
        "nationwide"
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [("kinds", ["picnic"]), ("topics", ["astrology"]), ("regions", ["99"]), ("delivery", "carrier_pigeon")],
)
def test_a_value_outside_the_vocabulary_is_named(field: str, value: object) -> None:
    assert invalid_fields(add_subscription_command, CENTRE_ID, {"name": "x", field: value}) == {field}


def test_a_blank_name_is_named() -> None:
    assert invalid_fields(register_centre_command, {"name": " ", "voivodeship": "14", "municipality": "Radom"}) == {
        "name"
    }


def test_regions_and_nationwide_together_are_refused() -> None:
    payload = {"name": "x", "regions": ["14"], "nationwide": True}

    assert invalid_fields(add_subscription_command, CENTRE_ID, payload) == {"regions"}


def test_an_empty_regions_list_is_refused() -> None:
    assert invalid_fields(add_subscription_command, CENTRE_ID, {"name": "x", "regions": []}) == {"regions"}


@pytest.mark.parametrize("payload", [None, ["name"], "name=x"])
def test_a_payload_that_is_not_an_object_is_refused(payload: object) -> None:
    assert invalid_fields(add_subscription_command, CENTRE_ID, payload) == {"_body"}


def test_a_malformed_centre_id_is_named() -> None:
    assert centre_id_of(str(CENTRE_ID)) == CENTRE_ID
    assert invalid_fields(centre_id_of, "radom") == {"centre_id"}


def test_a_registration_with_every_detail_keeps_them_trimmed_and_sorted() -> None:
    cmd = register_centre_command(
        {
            **CENTRE,
            "running_body": "municipality",
            "running_body_name": " Gmina Bodzentyn ",
            "host_school": "Szkoła Podstawowa im. Jana Pawła II",
            "street": "ul. Suchedniowska 10",
            "postal_code": "26-010",
            "city": "Bodzentyn",
            "powiat": "kielecki",
            "latitude": 50.9413,
            "longitude": 20.9551,
            "email": "lowe@bodzentyn.example.pl",
            "phone": "+48 41 311 50 00",
            "contact_person": "Anna Nowak",
            "served_topics": ["health", "digital_skills", "health"],
            "target_groups": ["seniors"],
            "languages": ["pl", "uk"],
            "status": "inactive",
        }
    )

    assert (cmd.name, cmd.voivodeship, cmd.municipality) == ("LOWE Bodzentyn", "26", "Bodzentyn")
    assert cmd.details["running_body_name"] == "Gmina Bodzentyn"
    assert cmd.details["served_topics"] == ["digital_skills", "health"]
    assert (cmd.details["latitude"], cmd.details["longitude"], cmd.details["status"]) == (50.9413, 20.9551, "inactive")
    assert len(cmd.details) == 16


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("running_body", "church"),
        ("postal_code", "26010"),
        ("latitude", 91.0),
        ("latitude", 48.5),
        ("latitude", "north"),
        ("email", "lowe@"),
        ("phone", "call me"),
        ("served_topics", ["astrology"]),
        ("target_groups", ["everyone"]),
        ("languages", ["polish"]),
        ("languages", []),
        ("status", "closed"),
        ("host_school", " "),
        ("contact_person", "Anna\u0000"),
    ],
)
def test_a_bad_centre_detail_is_named(field: str, value: object) -> None:
    payload = {**CENTRE, field: value}
    if field == "latitude":
        payload["longitude"] = 20.9
    assert invalid_fields(register_centre_command, payload) == {field}


def test_a_longitude_outside_poland_is_named() -> None:
    assert invalid_fields(register_centre_command, {**CENTRE, "latitude": 50.9, "longitude": 2.35}) == {"longitude"}


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"latitude": 50.9}, "longitude"),
        ({"longitude": 20.9}, "latitude"),
        ({"latitude": 50.9, "longitude": None}, "longitude"),
    ],
)
def test_coordinates_come_together(given: dict[str, object], named: str) -> None:
    assert invalid_fields(register_centre_command, {**CENTRE, **given}) == {named}


def test_an_update_carries_only_what_is_given_and_may_clear_a_detail() -> None:
    cmd = update_centre_command(
        str(CENTRE_ID), {"phone": None, "status": "inactive", "latitude": None, "longitude": None}
    )

    assert cmd == UpdateCentre(CENTRE_ID, {"phone": None, "status": "inactive", "latitude": None, "longitude": None})


def test_an_update_must_change_something_and_cannot_clear_what_is_required() -> None:
    assert invalid_fields(update_centre_command, CENTRE_ID, {}) == {"_body"}
    assert invalid_fields(update_centre_command, CENTRE_ID, {"name": None, "voivodeship": "99"}) == {
        "name",
        "voivodeship",
    }


def test_a_subscription_with_every_filter() -> None:
    cmd = add_subscription_command(
        CENTRE_ID,
        {
            "name": "Darmowe kursy",
            "target_groups": ["seniors", "migrants", "seniors"],
            "online_anywhere": True,
            "free_only": True,
            "keywords": ["  Arkusz   kalkulacyjny ", "excel", "Excel", "Łódź"],
            "min_days_before_deadline": 7,
        },
    )

    assert (cmd.target_groups, cmd.online_anywhere, cmd.free_only) == (["migrants", "seniors"], True, True)
    assert (cmd.keywords, cmd.min_days_before_deadline) == (["Arkusz kalkulacyjny", "excel", "Łódź"], 7)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("target_groups", ["everyone"]),
        ("online_anywhere", "yes"),
        ("free_only", 1),
        ("keywords", ["x" * 41]),
        ("keywords", ["--"]),
        ("keywords", [" "]),
        ("keywords", ["kurs"] * 21),
        ("keywords", "kurs"),
        ("min_days_before_deadline", -1),
        ("min_days_before_deadline", 366),
        ("min_days_before_deadline", 7.5),
        ("min_days_before_deadline", "7"),
    ],
)
def test_a_bad_subscription_filter_is_named(field: str, value: object) -> None:
    assert invalid_fields(add_subscription_command, CENTRE_ID, {"name": "x", field: value}) == {field}


def test_a_subscription_reference_names_each_malformed_id() -> None:
    assert subscription_ref(str(CENTRE_ID), str(SUBSCRIPTION_ID)) == SubscriptionRef(CENTRE_ID, SUBSCRIPTION_ID)
    assert invalid_fields(subscription_ref, "radom", "x") == {"centre_id", "subscription_id"}
