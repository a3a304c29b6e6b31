"""The centres service's boundary: payloads become commands or fail as InvalidInput naming the field."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_centres.commands import (
    AddSubscription,
    RegisterCentre,
    add_subscription_command,
    centre_id_of,
    register_centre_command,
)

CENTRE_ID = uuid.UUID("a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55")


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
