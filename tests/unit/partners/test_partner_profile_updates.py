"""Operators list partners; a partner's details change as registration validates them, never its status."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_partners import use_cases
from lowe_partners.commands import UpdatePartner, update_partner_command
from lowe_partners.events import PartnerUpdated
from lowe_partners.listing import PartnerCursor
from lowe_partners.model import InvalidPartner, PartnerNotFound
from lowe_partners.queries import opportunity_query, partner_query
from tests.unit.partners.fakes import FakeUnitOfWork, a_partner

PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
UPDATED_AT = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def refused(call: Any, *args: Any) -> set[str]:
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    return set(caught.value.fields)


def test_the_details_given_are_read_as_registration_reads_them() -> None:
    cmd = update_partner_command(
        str(PARTNER_ID), {"name": "  Fundacja Nowa ", "nip": "526-000-12-46", "website": None, "city": "Radom"}
    )

    assert cmd == UpdatePartner(
        PARTNER_ID, {"name": "Fundacja Nowa", "nip": "5260001246", "website": None, "city": "Radom"}
    )


def test_a_sector_alone_does_not_bring_the_registration_default_type_along() -> None:
    assert update_partner_command(str(PARTNER_ID), {"sector": "business"}).changes == {"sector": "business"}


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"status": "verified"}, {"status"}),
        ({"status_changed_at": "2025-01-01T00:00:00+00:00"}, {"status_changed_at"}),
        ({"id": str(uuid.uuid4()), "name": "X"}, {"id"}),
        ({"created_at": "2025-01-01T00:00:00+00:00"}, {"created_at"}),
        ({"nip": "1234567890"}, {"nip"}),
        ({"regon": "123"}, {"regon"}),
        ({"krs": "12"}, {"krs"}),
        ({"name": " "}, {"name"}),
        ({"name": None}, {"name"}),
        ({"email": "no-at-sign"}, {"email"}),
        ({"sector": "social", "organisation_type": "library"}, {"organisation_type"}),
        ({}, {"_body"}),
    ],
)
def test_a_bad_field_or_one_registration_does_not_take_is_refused_naming_it(
    payload: dict[str, Any], named: set[str]
) -> None:
    assert refused(update_partner_command, str(PARTNER_ID), payload) == named


def test_a_change_applies_to_the_stored_partner_and_leaves_its_status_alone() -> None:
    partner = a_partner(status="pending")
    uow = FakeUnitOfWork(partners=[partner])

    updated = use_cases.update_partner(
        UpdatePartner(partner.id, {"city": "Radom", "organisation_type": "foundation"}), uow
    )

    assert (updated.city, updated.organisation_type, updated.status, uow.committed) == (
        "Radom",
        "foundation",
        "pending",
        True,
    )
    assert partner.id in uow.partners.locked


def test_a_change_publishes_partner_updated_with_the_current_name_and_contact_and_what_changed() -> None:
    partner = a_partner()
    uow = FakeUnitOfWork(partners=[partner])

    use_cases.update_partner(
        UpdatePartner(partner.id, {"name": "Fundacja Nowa", "email": "biuro@nowa.pl", "city": "Radom"}),
        uow,
        now=lambda: UPDATED_AT,
    )

    assert uow.events == [
        PartnerUpdated(partner.id, "Fundacja Nowa", "biuro@nowa.pl", None, None, ("city", "email", "name"), UPDATED_AT)
    ]


def test_a_change_that_changes_nothing_publishes_nothing() -> None:
    partner = a_partner()
    uow = FakeUnitOfWork(partners=[partner])

    use_cases.update_partner(UpdatePartner(partner.id, {"name": partner.name, "email": partner.email}), uow)

    assert uow.committed and uow.events == []


def test_a_refused_change_publishes_nothing() -> None:
    partner = a_partner()  # social
    uow = FakeUnitOfWork(partners=[partner])

    with pytest.raises(InvalidPartner):
        use_cases.update_partner(UpdatePartner(partner.id, {"name": "X", "organisation_type": "business"}), uow)

    assert (partner.name, uow.events, partner.events) == ("Fundacja Cyfrowa", [], [])


def test_a_type_that_no_longer_fits_the_sector_changes_nothing() -> None:
    partner = a_partner()  # social
    partner.organisation_type = "foundation"
    uow = FakeUnitOfWork(partners=[partner])

    with pytest.raises(InvalidPartner) as caught:
        use_cases.update_partner(UpdatePartner(partner.id, {"sector": "public", "city": "Radom"}), uow)

    assert set(caught.value.problems) == {"organisation_type"}
    assert (partner.sector, partner.city, uow.committed) == ("social", None, False)


def test_an_unknown_partner_is_not_found() -> None:
    with pytest.raises(PartnerNotFound):
        use_cases.update_partner(UpdatePartner(uuid.uuid4(), {"city": "Radom"}), FakeUnitOfWork())


def test_the_partners_listing_reads_statuses_text_page_size_and_cursor() -> None:
    token = PartnerCursor("Fundacja Ą", PARTNER_ID).encode()

    query = partner_query(
        {"status": ["verified", "pending", "verified"], "q": " fund ", "page_size": "5", "cursor": token}
    )

    assert (query.statuses, query.text, query.limit, query.after) == (
        ("pending", "verified"),
        "fund",
        5,
        PartnerCursor("Fundacja Ą", PARTNER_ID),
    )
    assert partner_query(None).limit == 20


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"status": ["draft"]}, "status"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"cursor": "garbage"}, "cursor"),
        ({"q": "x"}, "q"),
        ({"limit": "5"}, "limit"),
    ],
)
def test_a_bad_listing_parameter_is_named(params: dict[str, Any], named: str) -> None:
    assert refused(partner_query, params) == {named}


@pytest.mark.parametrize(
    ("viewer", "all_drafts", "drafts_of"),
    [
        (None, True, None),
        ({"operator": True}, True, None),
        ({"partner_id": str(PARTNER_ID)}, False, PARTNER_ID),
        ({"centre_id": str(uuid.uuid4())}, False, None),
    ],
)
def test_who_reads_the_opportunities_decides_which_drafts_they_see(
    viewer: dict[str, Any] | None, all_drafts: bool, drafts_of: uuid.UUID | None
) -> None:
    query = opportunity_query({"status": ["draft"]}, viewer)

    assert (query.all_drafts, query.drafts_of, query.statuses) == (all_drafts, drafts_of, ("draft",))


@pytest.mark.parametrize(
    "viewer",
    [
        {},
        {"operator": False},
        {"partner_id": "nope"},
        {"partner_id": str(PARTNER_ID), "centre_id": str(PARTNER_ID)},
        {"role": "admin"},
        "operator",
    ],
)
def test_a_viewer_that_is_not_one_of_the_three_is_refused_naming_it(viewer: Any) -> None:
    assert refused(opportunity_query, {}, viewer) == {"viewer"}


def test_an_opportunity_page_larger_than_a_hundred_is_refused_naming_page_size() -> None:
    assert refused(opportunity_query, {"page_size": "101"}) == {"page_size"}
    assert refused(opportunity_query, {"page_size": "101"}, {"operator": True}) == {"page_size"}
