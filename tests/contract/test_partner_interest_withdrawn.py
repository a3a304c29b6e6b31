"""The partners' `interest_withdrawn`: what the producer writes, and that its schema refuses what is off-contract."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import partners as contract
from lowe_backbone.envelope import load_envelope
from lowe_partners.interest_events import InterestIds, InterestWithdrawn
from tests.contract.messages import CENTRE_ID, OPPORTUNITY_ID, PARTNER_ID, from_partners

INTEREST_ID = uuid.UUID("3f9a3a59-54b4-4d8e-a8d5-6e8e7d7f0b11")
WITHDRAWN_AT = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def withdrawn(places: int = 2) -> dict[str, Any]:
    ids = InterestIds(INTEREST_ID, OPPORTUNITY_ID, PARTNER_ID, CENTRE_ID)
    return from_partners(InterestWithdrawn(ids, places, WITHDRAWN_AT))


def test_interest_withdrawn_is_registered_as_version_1_of_the_partners_service() -> None:
    assert contract.SCHEMAS[(contract.INTEREST_WITHDRAWN, 1)] is contract.InterestWithdrawnV1
    envelope = load_envelope(withdrawn())

    assert (envelope["type"], envelope["version"], envelope["producer"]) == ("interest_withdrawn", 1, "partners")


def test_interest_withdrawn_carries_ids_the_places_released_and_when_only() -> None:
    assert withdrawn()["data"] == {
        "interest_id": str(INTEREST_ID),
        "opportunity_id": str(OPPORTUNITY_ID),
        "partner_id": str(PARTNER_ID),
        "centre_id": str(CENTRE_ID),
        "places_released": 2,
        "withdrawn_at": "2025-03-04T09:00:00+00:00",
    }
    assert withdrawn(0)["data"]["places_released"] == 0


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"note": "Personal text"}, "note"),
        ({"places_released": -1}, "places_released"),
        ({"places_released": None}, "places_released"),
        ({"withdrawn_at": "2025-03-04T09:00:00"}, "withdrawn_at"),
        ({"centre_id": "LOWE"}, "centre_id"),
    ],
)
def test_the_schema_refuses_what_is_off_contract(change: dict[str, Any], named: str) -> None:
    data = {**withdrawn()["data"], **change}

    with pytest.raises(ValidationError) as refused:
        contract.InterestWithdrawnV1().load(data)

    assert named in refused.value.messages


@pytest.mark.parametrize("missing", ["interest_id", "opportunity_id", "partner_id", "centre_id", "places_released"])
def test_every_field_is_required(missing: str) -> None:
    data = withdrawn()["data"]
    del data[missing]

    with pytest.raises(ValidationError):
        contract.InterestWithdrawnV1().load(data)
