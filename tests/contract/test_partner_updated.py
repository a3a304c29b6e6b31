"""The partners' `partner_updated`: what the producer writes, and that its schema refuses what is off-contract."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import partners as contract
from lowe_backbone.envelope import load_envelope
from lowe_partners.events import PartnerUpdated
from tests.contract.messages import PARTNER_ID, from_partners

UPDATED_AT = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def updated(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "partner_id": PARTNER_ID,
        "name": "Fundacja Nowa",
        "email": "biuro@nowa.pl",
        "contact_person": "Anna Nowak",
        "phone": None,
        "changed": ("email", "name"),
        "updated_at": UPDATED_AT,
    }
    fields.update(changes)
    return from_partners(PartnerUpdated(**fields))


def test_partner_updated_is_registered_as_version_1_of_the_partners_service() -> None:
    assert contract.SCHEMAS[(contract.PARTNER_UPDATED, 1)] is contract.PartnerUpdatedV1
    envelope = load_envelope(updated())

    assert (envelope["type"], envelope["version"], envelope["producer"]) == ("partner_updated", 1, "partners")


def test_partner_updated_carries_the_current_name_and_contact_what_changed_and_when() -> None:
    assert updated()["data"] == {
        "partner_id": str(PARTNER_ID),
        "name": "Fundacja Nowa",
        "email": "biuro@nowa.pl",
        "contact_person": "Anna Nowak",
        "phone": None,
        "changed": ["email", "name"],
        "updated_at": "2025-03-04T10:00:00+00:00",
    }


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"status": "verified"}, "status"),
        ({"nip": "5260001246"}, "nip"),
        ({"changed": []}, "changed"),
        ({"email": "no-at-sign"}, "email"),
        ({"name": ""}, "name"),
        ({"updated_at": "2025-03-04T10:00:00"}, "updated_at"),
    ],
)
def test_the_schema_refuses_what_is_off_contract(change: dict[str, Any], named: str) -> None:
    data = {**updated()["data"], **change}

    with pytest.raises(ValidationError) as refused:
        contract.PartnerUpdatedV1().load(data)

    assert named in refused.value.messages


@pytest.mark.parametrize("missing", ["partner_id", "name", "email", "contact_person", "phone", "changed", "updated_at"])
def test_every_field_is_required(missing: str) -> None:
    data = updated()["data"]
    del data[missing]

    with pytest.raises(ValidationError):
        contract.PartnerUpdatedV1().load(data)
