"""The registry validates what a producer is about to publish against its own contract."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import centres, partners
from lowe_backbone.contracts.registry import UnknownEventContract, producer_schema, validated_payload

PUBLISHED_AT = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)


def published(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "opportunity_id": uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01"),
        "partner_id": uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11"),
        "partner_name": "Fundacja Cyfrowa",
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        "nationwide": False,
        "published_at": PUBLISHED_AT,
    }
    data.update(changes)
    return data


def validate(data: dict[str, Any]) -> dict[str, Any]:
    return validated_payload(partners.PRODUCER, partners.OPPORTUNITY_PUBLISHED, 1, data)


def test_an_on_contract_payload_is_dumped_to_plain_json_types() -> None:
    payload = validate(published())

    assert payload["opportunity_id"] == "0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01"
    assert payload["published_at"] == "2025-03-03T11:30:00+00:00"
    assert payload["topics"] == ["digital_skills"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "picnic"), ("topics", ["astrology"]), ("target_groups", ["cats"]), ("regions", ["99"])],
)
def test_an_off_contract_value_is_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(published(**{field: value}))

    assert field in caught.value.messages


@pytest.mark.parametrize(("regions", "nationwide"), [([], False), (["14"], True)])
def test_nationwide_must_agree_with_the_regions(regions: list[str], nationwide: bool) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(published(regions=regions, nationwide=nationwide))

    assert "nationwide" in caught.value.messages


def test_a_payload_missing_a_required_field_is_refused() -> None:
    data = published()
    del data["partner_name"]

    with pytest.raises(ValidationError) as caught:
        validate(data)

    assert "partner_name" in caught.value.messages


def test_a_naive_timestamp_is_refused() -> None:
    with pytest.raises(ValidationError):
        validate(published(published_at=datetime(2025, 3, 3, 11, 30)))


def test_each_producer_has_its_own_contracts() -> None:
    assert producer_schema(centres.PRODUCER, centres.OPPORTUNITY_MATCHED, 1) is centres.OpportunityMatchedV1
    with pytest.raises(UnknownEventContract):
        producer_schema(centres.PRODUCER, partners.OPPORTUNITY_PUBLISHED, 1)
    with pytest.raises(UnknownEventContract):
        producer_schema(partners.PRODUCER, partners.OPPORTUNITY_PUBLISHED, 2)
