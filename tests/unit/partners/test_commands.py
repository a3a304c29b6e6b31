"""The partners service's boundary: payloads become commands or fail as InvalidInput naming the field."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_partners.commands import (
    CreateOpportunity,
    PublishOpportunity,
    RegisterPartner,
    SuspendPartner,
    WithdrawOpportunity,
    create_opportunity_command,
    partner_id_of,
    publish_opportunity_command,
    register_partner_command,
    suspend_partner_command,
    withdraw_opportunity_command,
)
from lowe_partners.model import Profile

PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")


def partner_payload(**changes: Any) -> dict[str, Any]:
    payload = {"name": "Fundacja Cyfrowa", "sector": "social", "email": "a@b.example", "voivodeship": "14"}
    payload.update(changes)
    return payload


def opportunity_payload(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "partner_id": str(PARTNER_ID),
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["14"],
    }
    payload.update(changes)
    return payload


def invalid_fields(make: Any, payload: Any) -> set[str]:
    with pytest.raises(InvalidInput) as caught:
        make(payload)
    return set(caught.value.fields)


def test_a_good_registration_becomes_a_command() -> None:
    assert register_partner_command(partner_payload()) == RegisterPartner(
        name="Fundacja Cyfrowa",
        sector="social",
        email="a@b.example",
        voivodeship="14",
        profile=Profile(organisation_type="other_ngo"),
    )


def test_a_full_profile_is_kept_with_registry_numbers_written_as_digits() -> None:
    command = register_partner_command(
        partner_payload(
            organisation_type="foundation",
            description="Uczymy seniorów.",
            website="https://fundacja.example.pl",
            street="ul. Długa 5",
            postal_code="25-001",
            city="Kielce",
            contact_person="Anna Nowak",
            phone="+48 41 123 45 67",
            nip="123-456-32-18",
            regon="123456785",
            krs="0000123456",
            erasmus_oid="E10012345",
        )
    )

    assert command.profile.organisation_type == "foundation"
    assert (command.profile.nip, command.profile.regon, command.profile.krs) == (
        "1234563218",
        "123456785",
        "0000123456",
    )
    assert command.profile.erasmus_oid == "E10012345"
    assert command.profile.postal_code == "25-001"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nip", "1234563217"),
        ("nip", "123456321"),
        ("regon", "123456786"),
        ("regon", "12345678512348"),
        ("regon", "1234567"),
        ("krs", "12345"),
        ("erasmus_oid", "X10012345"),
        ("erasmus_oid", "E1001234"),
        ("postal_code", "25001"),
        ("website", "ftp://example.pl"),
        ("phone", "call me"),
        ("organisation_type", "labour_office"),
        ("organisation_type", "guild"),
    ],
)
def test_a_wrong_registry_number_or_contact_detail_is_refused_naming_the_field(field: str, value: str) -> None:
    assert invalid_fields(register_partner_command, partner_payload(**{field: value})) == {field}


def test_a_good_opportunity_becomes_a_command_with_sorted_unique_sets() -> None:
    cmd = create_opportunity_command(
        opportunity_payload(
            topics=["languages", "digital_skills", "languages"],
            target_groups=["seniors", "migrants", "seniors"],
            regions=["14", "02", "14"],
        )
    )

    assert cmd == CreateOpportunity(
        partner_id=PARTNER_ID,
        kind="course",
        title="Excel for seniors",
        description="Six Saturday mornings.",
        topics=["digital_skills", "languages"],
        target_groups=["migrants", "seniors"],
        regions=["02", "14"],
    )


def test_target_groups_may_be_left_out() -> None:
    payload = opportunity_payload()
    del payload["target_groups"]

    assert create_opportunity_command(payload).target_groups == []


def test_an_unknown_field_is_named() -> None:
    assert invalid_fields(register_partner_command, partner_payload(website="x")) == {"website"}


def test_a_missing_field_is_named() -> None:
    payload = partner_payload()
    del payload["email"]

    assert invalid_fields(register_partner_command, payload) == {"email"}


def test_a_field_of_the_wrong_type_is_named() -> None:
    assert invalid_fields(create_opportunity_command, opportunity_payload(topics="digital_skills")) == {"topics"}


def test_a_malformed_partner_id_is_named() -> None:
    assert invalid_fields(create_opportunity_command, opportunity_payload(partner_id="nope")) == {"partner_id"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "picnic"), ("topics", ["astrology"]), ("target_groups", ["cats"]), ("regions", ["99"])],
)
def test_a_value_outside_the_vocabulary_is_named(field: str, value: object) -> None:
    assert invalid_fields(create_opportunity_command, opportunity_payload(**{field: value})) == {field}


def test_a_sector_outside_the_vocabulary_is_named() -> None:
    assert invalid_fields(register_partner_command, partner_payload(sector="military")) == {"sector"}


def test_a_blank_title_is_named() -> None:
    assert invalid_fields(create_opportunity_command, opportunity_payload(title="   ")) == {"title"}


def test_an_opportunity_needs_at_least_one_topic() -> None:
    assert invalid_fields(create_opportunity_command, opportunity_payload(topics=[])) == {"topics"}


def test_a_bad_email_is_named() -> None:
    assert invalid_fields(register_partner_command, partner_payload(email="not-an-email")) == {"email"}


@pytest.mark.parametrize("payload", [None, [], "name=Fundacja", 42])
def test_a_payload_that_is_not_an_object_is_refused(payload: object) -> None:
    assert invalid_fields(register_partner_command, payload) == {"_body"}


def test_publishing_takes_an_opportunity_id() -> None:
    assert publish_opportunity_command(str(PARTNER_ID)) == PublishOpportunity(PARTNER_ID)
    assert invalid_fields(publish_opportunity_command, "not-a-uuid") == {"opportunity_id"}


def test_withdrawing_takes_an_opportunity_id() -> None:
    assert withdraw_opportunity_command(str(PARTNER_ID)) == WithdrawOpportunity(PARTNER_ID)
    assert invalid_fields(withdraw_opportunity_command, "not-a-uuid") == {"opportunity_id"}


def test_verifying_takes_a_partner_id() -> None:
    assert partner_id_of(str(PARTNER_ID)) == PARTNER_ID
    assert invalid_fields(partner_id_of, "not-a-uuid") == {"partner_id"}


def test_a_suspension_gives_a_trimmed_reason() -> None:
    assert suspend_partner_command(str(PARTNER_ID), {"reason": " Fake organisation. "}) == SuspendPartner(
        PARTNER_ID, "Fake organisation."
    )


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({}, "reason"),
        ({"reason": "  "}, "reason"),
        ({"reason": "x" * 501}, "reason"),
        ({"reason": "a", "by": "me"}, "by"),
    ],
)
def test_a_suspension_without_a_proper_reason_is_refused_naming_the_field(payload: dict[str, Any], named: str) -> None:
    assert invalid_fields(lambda body: suspend_partner_command(str(PARTNER_ID), body), payload) == {named}


def test_a_suspension_of_a_malformed_partner_id_is_refused_naming_it() -> None:
    assert invalid_fields(lambda partner_id: suspend_partner_command(partner_id, {"reason": "x"}), "nope") == {
        "partner_id"
    }
