"""Consumer-side contract tests: the events service reads the partners' `places_allocated` and `places_released`
(the centres service's own tests of the same contracts are in `test_event_contracts`)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from marshmallow import ValidationError

from lowe_backbone.envelope import load_envelope
from lowe_events.consumed import allocated_command, released_command
from lowe_events.use_cases import AllocationChange
from lowe_partners.interest_events import InterestIds, PlacesAllocated, PlacesReleased
from tests.contract.messages import CENTRE_ID, OPPORTUNITY_ID, PARTNER_ID, from_partners
from tests.contract.test_event_contracts import consumer_test

INTEREST_ID = uuid.UUID("3c1d2b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
IDS = InterestIds(INTEREST_ID, OPPORTUNITY_ID, PARTNER_ID, CENTRE_ID)
AT = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)


def allocated(promoted: bool = False) -> dict[str, object]:
    return dict(load_envelope(from_partners(PlacesAllocated(IDS, 4, 10, 2, promoted, AT)))["data"])


def released(still_held: int = 1) -> dict[str, object]:
    return dict(load_envelope(from_partners(PlacesReleased(IDS, 3, still_held, 7, 5, AT)))["data"])


@consumer_test("partners", "places_allocated", 1)
@pytest.mark.parametrize("promoted", [False, True])
def test_events_read_an_allocation_as_places_the_centre_holds(promoted: bool) -> None:
    assert allocated_command(allocated(promoted)) == AllocationChange(
        INTEREST_ID, OPPORTUNITY_ID, PARTNER_ID, CENTRE_ID, places=4, released=False, at=AT
    )


@consumer_test("partners", "places_allocated", 1)
@pytest.mark.parametrize(
    "field", ["interest_id", "opportunity_id", "partner_id", "centre_id", "places", "allocated_at"]
)
def test_events_refuse_an_allocation_without_a_field_they_need(field: str) -> None:
    data = allocated()
    del data[field]

    with pytest.raises(ValidationError) as caught:
        allocated_command(data)

    assert field in caught.value.messages


@consumer_test("partners", "places_allocated", 1)
def test_events_ignore_fields_a_producer_adds_to_places_allocated() -> None:
    data = {**allocated(), "note": "added later"}

    assert allocated_command(data).places == 4


@consumer_test("partners", "places_released", 1)
@pytest.mark.parametrize("still_held", [0, 1])
def test_events_read_a_release_as_the_places_still_held(still_held: int) -> None:
    assert released_command(released(still_held)) == AllocationChange(
        INTEREST_ID, OPPORTUNITY_ID, PARTNER_ID, CENTRE_ID, places=still_held, released=True, at=AT
    )


@consumer_test("partners", "places_released", 1)
@pytest.mark.parametrize("field", ["interest_id", "opportunity_id", "centre_id", "still_held", "released_at"])
def test_events_refuse_a_release_without_a_field_they_need(field: str) -> None:
    data = released()
    del data[field]

    with pytest.raises(ValidationError) as caught:
        released_command(data)

    assert field in caught.value.messages
