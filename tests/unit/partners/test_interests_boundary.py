"""The interest RPCs' edges: input refused with the fields named, events on contract, errors on the wire."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from lowe_backbone.contracts.registry import validated_payload
from lowe_backbone.errors import Conflict, InvalidInput, NotFound, ServiceError
from lowe_backbone.rpc_errors import translate_errors
from lowe_partners.integration import to_integration_event
from lowe_partners.interest_commands import (
    ExpressInterest,
    ReleasePlaces,
    express_interest_command,
    release_places_command,
)
from lowe_partners.interest_views import decision_view
from lowe_partners.interests import InterestAlreadyExpressed, InterestNotFound, PlacesUnavailable
from lowe_partners.service import ERRORS
from tests.unit.partners.interest_fakes import DAY, NOW, Desk, FakeUnitOfWork, an_opportunity

OPPORTUNITY_ID = "0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01"
CENTRE_ID = "a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55"
INTEREST_ID = "9e3c1c1a-5b0e-4c55-8a57-6d7cbb0c4a11"


def fields_refused(make: Any, *args: Any) -> set[str]:
    with pytest.raises(InvalidInput) as refused:
        make(*args)
    return set(refused.value.fields)


def test_an_interest_names_its_centre_and_may_ask_for_places_with_a_note() -> None:
    cmd = express_interest_command(OPPORTUNITY_ID, {"centre_id": CENTRE_ID, "places": 3, "note": "  Dla seniorów  "})

    assert cmd == ExpressInterest(uuid.UUID(OPPORTUNITY_ID), uuid.UUID(CENTRE_ID), 3, "Dla seniorów")
    assert express_interest_command(OPPORTUNITY_ID, {"centre_id": CENTRE_ID, "note": "  "}).note is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"centre_id": None}, "centre_id"),
        ({"centre_id": "LOWE Radom"}, "centre_id"),
        ({"places": 0}, "places"),
        ({"places": -2}, "places"),
        ({"places": "2"}, "places"),
        ({"places": 2.5}, "places"),
        ({"places": True}, "places"),
        ({"note": "x" * 501}, "note"),
        ({"note": "a\x00b"}, "note"),
        ({"seats": 2}, "seats"),
    ],
)
def test_an_interest_with_a_bad_field_is_refused_naming_it(changes: dict[str, Any], field: str) -> None:
    payload = {"centre_id": CENTRE_ID, "places": 1, **changes}

    assert fields_refused(express_interest_command, OPPORTUNITY_ID, payload) == {field}


def test_ids_in_the_path_must_be_uuids() -> None:
    assert fields_refused(express_interest_command, "42", {"centre_id": CENTRE_ID}) == {"opportunity_id"}
    assert fields_refused(release_places_command, "42", {}) == {"interest_id"}


@pytest.mark.parametrize("payload", [None, {}, {"places": None}])
def test_releasing_without_a_number_releases_everything(payload: Any) -> None:
    assert release_places_command(INTEREST_ID, payload) == ReleasePlaces(uuid.UUID(INTEREST_ID), None)


@pytest.mark.parametrize("payload", [{"places": 0}, {"places": "1"}, {"all": True}, ["places"]])
def test_releasing_refuses_a_bad_number_of_places(payload: Any) -> None:
    assert fields_refused(release_places_command, INTEREST_ID, payload) <= {"places", "all", "_body"}


def every_interest_event() -> list[object]:
    opportunity = an_opportunity(places=3, apply_by=NOW + 9 * DAY)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder, waiting, declined] = [desk.express(opportunity, places) for places in (3, 2, None)]
    desk.accept(holder)
    desk.accept(waiting)
    desk.decline(declined)
    desk.decline(waiting)
    desk.release(holder, 1)
    return uow.events


def test_every_interest_event_is_published_on_its_contract_with_ids_and_numbers_only() -> None:
    published = {}
    for event in every_interest_event():
        event_type, version, data = to_integration_event(event)
        payload = validated_payload("partners", event_type, version, data)
        published[event_type] = json.loads(json.dumps(payload))

    assert set(published) == {
        "interest_expressed",
        "places_allocated",
        "opportunity_closed",
        "interest_waitlisted",
        "interest_declined",
        "places_released",
        "opportunity_reopened",
    }
    assert {key: value for key, value in published["places_allocated"].items() if not key.endswith("_id")} == {
        "places": 3,
        "allocated": 3,
        "remaining": 0,
        "promoted": False,
        "allocated_at": "2025-03-04T09:04:00+00:00",
    }
    assert published["opportunity_reopened"]["remaining"] == 1
    assert all("note" not in payload for payload in published.values())


def test_a_decision_is_returned_as_plain_json_with_the_line_and_the_totals() -> None:
    opportunity = an_opportunity(places=2)
    desk = Desk(FakeUnitOfWork(opportunity))
    [holder, waiting] = [desk.express(opportunity, 2) for _ in range(2)]
    desk.accept(holder)

    view = decision_view(desk.accept(waiting))

    assert json.loads(json.dumps(view)) == view
    assert (view["status"], view["allocated"], view["position"]) == ("waitlisted", 0, 1)
    assert view["opportunity"] == {
        "opportunity_id": str(opportunity.id),
        "status": "closed",
        "places": 2,
        "allocated": 2,
        "remaining": 0,
        "waiting": [str(waiting.id)],
    }


@pytest.mark.parametrize(
    ("error", "wire", "fields"),
    [
        (InterestNotFound(INTEREST_ID), NotFound, {"interest_id": INTEREST_ID}),
        (InterestAlreadyExpressed(uuid.UUID(INTEREST_ID)), Conflict, {"interest_id": INTEREST_ID}),
        (PlacesUnavailable("The interest holds 1 places."), Conflict, {"places": ["The interest holds 1 places."]}),
    ],
)
def test_domain_errors_cross_the_wire_as_the_gateway_knows_them(
    error: Exception, wire: type[ServiceError], fields: dict[str, Any]
) -> None:
    @translate_errors(ERRORS)
    def failing() -> None:
        raise error

    with pytest.raises(wire) as raised:
        failing()

    assert raised.value.fields == fields
