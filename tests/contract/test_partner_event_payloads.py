"""Producer-side contract tests: what the partners service publishes for each domain event, as it arrives.

Each message takes the producer's own path (see `tests.contract.messages`), so a payload that left the contract
would fail in the registry's `validated_payload` before any assertion here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import partners as contract
from lowe_backbone.contracts import registry
from lowe_backbone.envelope import load_envelope
from lowe_partners.integration import to_integration_event
from lowe_partners.model import (
    OpportunityClosed,
    OpportunityPublished,
    OpportunityUpdated,
    OpportunityWithdrawn,
    PartnerSuspended,
    PartnerVerified,
)
from tests.contract.messages import OPPORTUNITY_ID, PARTNER_ID, PUBLISHED_AT, a_published_opportunity, from_partners

STARTS_AT = datetime(2025, 4, 5, 7, 0, tzinfo=UTC)
ENDS_AT = datetime(2025, 5, 10, 10, 0, tzinfo=UTC)
APPLY_BY = datetime(2025, 4, 1, 0, 0, tzinfo=UTC)
LATER = datetime(2025, 3, 4, 8, 15, tzinfo=UTC)
DETAILED = {
    "delivery_mode": "hybrid",
    "languages": ["pl", "uk"],
    "places": 12,
    "cost_pln": Decimal("120.5"),
    "starts_at": STARTS_AT,
    "ends_at": ENDS_AT,
    "apply_by": APPLY_BY,
    "contact_email": "anna@fundacja.example",
    "links": ["https://fundacja.example/excel"],
}
SNAPSHOT = {
    "opportunity_id": str(OPPORTUNITY_ID),
    "partner_id": str(PARTNER_ID),
    "partner_name": "Fundacja Cyfrowa",
    "kind": "course",
    "title": "Excel for seniors",
    "description": "Six Saturday mornings.",
    "topics": ["digital_skills", "languages"],
    "target_groups": ["seniors"],
    "regions": ["02", "14"],
    "nationwide": False,
    "delivery_mode": "hybrid",
    "languages": ["pl", "uk"],
    "places": 12,
    "cost_pln": "120.50",
    "free": False,
    "starts_at": "2025-04-05T07:00:00+00:00",
    "ends_at": "2025-05-10T10:00:00+00:00",
    "apply_by": "2025-04-01T00:00:00+00:00",
    "published_at": "2025-03-03T11:30:00+00:00",
}


def published(**details: Any) -> dict[str, Any]:
    opportunity = a_published_opportunity(**{**DETAILED, **details})
    return from_partners(OpportunityPublished(opportunity, "Fundacja Cyfrowa", PUBLISHED_AT))


def updated(changes: dict[str, Any] | None = None) -> dict[str, Any]:
    opportunity = a_published_opportunity(**DETAILED)
    opportunity.update(changes or {"title": "Excel for beginners", "places": 20, "delivery_mode": "hybrid"}, LATER)
    [event] = opportunity.events
    return from_partners(event, partner_name="Fundacja Cyfrowa")


def withdrawn(reason: str = "withdrawn_by_partner") -> dict[str, Any]:
    return from_partners(OpportunityWithdrawn(OPPORTUNITY_ID, PARTNER_ID, reason, LATER))


def closed(reason: str = "deadline_passed") -> dict[str, Any]:
    return from_partners(OpportunityClosed(OPPORTUNITY_ID, PARTNER_ID, reason, LATER))


def verified() -> dict[str, Any]:
    return from_partners(PartnerVerified(PARTNER_ID, "Fundacja Cyfrowa", "kontakt@fundacja.example", LATER))


def suspended() -> dict[str, Any]:
    return from_partners(
        PartnerSuspended(PARTNER_ID, "Fundacja Cyfrowa", "kontakt@fundacja.example", "Fake organisation.", LATER)
    )


PRODUCED: dict[str, Callable[[], dict[str, Any]]] = {
    contract.OPPORTUNITY_PUBLISHED: published,
    contract.OPPORTUNITY_UPDATED: updated,
    contract.OPPORTUNITY_WITHDRAWN: withdrawn,
    contract.OPPORTUNITY_CLOSED: closed,
    contract.PARTNER_VERIFIED: verified,
    contract.PARTNER_SUSPENDED: suspended,
}


def test_each_event_tested_here_is_a_registered_contract_of_the_partners_service() -> None:
    assert {(event_type, 1) for event_type in PRODUCED} <= set(contract.SCHEMAS)


@pytest.mark.parametrize("event_type", sorted(PRODUCED))
def test_each_event_travels_as_version_1_of_its_type_from_the_partners_service(event_type: str) -> None:
    envelope = load_envelope(PRODUCED[event_type]())

    assert (envelope["type"], envelope["version"], envelope["producer"]) == (event_type, 1, "partners")


def test_opportunity_published_carries_the_whole_opportunity_with_its_details() -> None:
    assert published()["data"] == SNAPSHOT


def test_a_free_undated_opportunity_is_published_with_null_cost_dates_and_places() -> None:
    data = published(cost_pln=None, places=None, starts_at=None, ends_at=None, apply_by=None)["data"]

    assert (data["cost_pln"], data["free"], data["places"]) == (None, True, None)
    assert (data["starts_at"], data["ends_at"], data["apply_by"]) == (None, None, None)


@pytest.mark.parametrize(("cost", "written"), [(Decimal("150"), "150.00"), (Decimal("0.5"), "0.50")])
def test_a_cost_travels_as_a_decimal_string_with_two_places(cost: Decimal, written: str) -> None:
    data = published(cost_pln=cost)["data"]

    assert (data["cost_pln"], data["free"]) == (written, False)


def test_an_opportunity_naming_no_regions_is_published_as_nationwide() -> None:
    data = published(regions=[])["data"]

    assert (data["regions"], data["nationwide"]) == ([], True)


def test_opportunity_updated_carries_the_changed_fields_sorted_and_the_whole_current_state() -> None:
    data = updated()["data"]

    assert data == {
        **SNAPSHOT,
        "title": "Excel for beginners",
        "places": 20,
        "changed": ["places", "title"],
        "updated_at": "2025-03-04T08:15:00+00:00",
    }


def test_opportunity_updated_tells_when_an_opportunity_became_free() -> None:
    data = updated({"cost_pln": None})["data"]

    assert (data["changed"], data["cost_pln"], data["free"]) == (["cost_pln"], None, True)


def test_an_update_that_changed_nothing_is_off_contract() -> None:
    event = OpportunityUpdated(a_published_opportunity(), {}, LATER)

    with pytest.raises(ValidationError) as caught:
        registry.validated_payload("partners", *to_integration_event(event, "Fundacja Cyfrowa"))

    assert "changed" in caught.value.messages


@pytest.mark.parametrize("reason", ["withdrawn_by_partner", "partner_suspended"])
def test_opportunity_withdrawn_names_the_opportunity_its_partner_and_why(reason: str) -> None:
    assert withdrawn(reason)["data"] == {
        "opportunity_id": str(OPPORTUNITY_ID),
        "partner_id": str(PARTNER_ID),
        "reason": reason,
        "withdrawn_at": "2025-03-04T08:15:00+00:00",
    }


def test_opportunity_closed_names_the_opportunity_its_partner_and_why() -> None:
    assert closed()["data"] == {
        "opportunity_id": str(OPPORTUNITY_ID),
        "partner_id": str(PARTNER_ID),
        "reason": "deadline_passed",
        "closed_at": "2025-03-04T08:15:00+00:00",
    }


def test_partner_verified_names_the_partner_and_how_to_reach_it() -> None:
    assert verified()["data"] == {
        "partner_id": str(PARTNER_ID),
        "name": "Fundacja Cyfrowa",
        "email": "kontakt@fundacja.example",
        "verified_at": "2025-03-04T08:15:00+00:00",
    }


def test_partner_suspended_names_the_partner_how_to_reach_it_and_why() -> None:
    assert suspended()["data"] == {
        "partner_id": str(PARTNER_ID),
        "name": "Fundacja Cyfrowa",
        "email": "kontakt@fundacja.example",
        "reason": "Fake organisation.",
        "suspended_at": "2025-03-04T08:15:00+00:00",
    }


def test_a_domain_event_without_a_contract_is_not_published() -> None:
    with pytest.raises(TypeError):
        to_integration_event(object())
