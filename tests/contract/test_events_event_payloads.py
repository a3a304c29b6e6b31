"""Producer-side contract tests: what the events service publishes for each domain event, as it arrives.

Each message takes the producer's own path (`to_integration_event`, then the registry's `validated_payload`), so a
payload off its contract fails before any assertion. None may carry a participant's personal data.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import events as contract
from lowe_backbone.contracts import registry
from lowe_backbone.envelope import load_envelope
from lowe_events.integration import to_integration_event
from lowe_events.model import (
    Consent,
    Contact,
    Demographics,
    Event,
    EventCancelled,
    EventChanged,
    EventScheduled,
    ParticipantErased,
    Registration,
    RegistrationCancelled,
    RegistrationConfirmed,
    RegistrationPromoted,
    RegistrationWaitlisted,
    Session,
)
from lowe_events.model.domain_events import RegistrationIds
from tests.contract.messages import CENTRE_ID, OPPORTUNITY_ID, PARTNER_ID, over_the_broker

EVENT_ID = uuid.UUID("7d2f0a4c-3b1e-4f5a-9c8d-1e2f3a4b5c6d")
SESSION_ID = uuid.UUID("8e3f1b5d-4c2f-4a6b-8d9e-2f3a4b5c6d7e")
REGISTRATION_ID = uuid.UUID("9f4a2c6e-5d3a-4b7c-9e0f-3a4b5c6d7e8f")
AT = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
STARTS = datetime(2025, 4, 1, 15, 0, tzinfo=UTC)
ENDS = datetime(2025, 4, 1, 17, 0, tzinfo=UTC)
PERSON = ("Anna Kowalska", "anna.kowalska@example.pl", "+48600100200")


def an_event(**changes: Any) -> Event:
    details: dict[str, Any] = {
        "id": EVENT_ID,
        "centre_id": CENTRE_ID,
        "title": "Excel dla seniorów",
        "kind": "course",
        "capacity": 12,
        "created_at": AT,
        "origin": "opportunity",
        "partner_id": PARTNER_ID,
        "opportunity_id": OPPORTUNITY_ID,
        "location_kind": "address",
        "location_address": "ul. Szkolna 1, Bodzentyn",
        "target_groups": ["seniors"],
        "accessibility": ["hearing_loop", "step_free_access"],
    }
    details.update(changes)
    return Event(**details)


def a_registration() -> Registration:
    name, email, phone = PERSON
    demographics = Demographics(Consent("d-1", AT), True, "65-74", "female", "retired", ["seniors"], True)
    return Registration.new(
        REGISTRATION_ID, EVENT_ID, CENTRE_ID, 1, Contact(name, email, phone), Consent("v-1", AT), demographics, AT
    )


IDS = RegistrationIds.of(a_registration())
SESSIONS = [Session(SESSION_ID, EVENT_ID, STARTS, ENDS)]
DOMAIN_EVENTS: dict[str, object] = {
    contract.EVENT_SCHEDULED: EventScheduled(an_event(), SESSIONS, AT),
    contract.EVENT_CHANGED: EventChanged(an_event(), SESSIONS, ["capacity", "title"], 5, 2, AT),
    contract.EVENT_CANCELLED: EventCancelled(an_event(status="cancelled"), "Choroba prowadzącej", 5, 2, AT),
    contract.REGISTRATION_CONFIRMED: RegistrationConfirmed(IDS, AT),
    contract.REGISTRATION_WAITLISTED: RegistrationWaitlisted(IDS, 3, AT),
    contract.REGISTRATION_PROMOTED: RegistrationPromoted(IDS, AT),
    contract.REGISTRATION_CANCELLED: RegistrationCancelled(IDS, "confirmed", "cancelled", AT),
    contract.PARTICIPANT_ERASED: ParticipantErased(EVENT_ID, CENTRE_ID, [REGISTRATION_ID], AT),
}


REGISTRATION_EVENTS = (
    contract.REGISTRATION_CONFIRMED,
    contract.REGISTRATION_WAITLISTED,
    contract.REGISTRATION_PROMOTED,
    contract.REGISTRATION_CANCELLED,
)


def delivered(event_type: str) -> dict[str, Any]:
    return over_the_broker("events", DOMAIN_EVENTS[event_type], to_integration_event)


def test_each_registered_event_of_the_events_service_is_tested_here() -> None:
    registered = {event_type for producer, event_type, _version in registry._SCHEMAS if producer == "events"}

    assert registered == set(DOMAIN_EVENTS)


@pytest.mark.parametrize("event_type", sorted(DOMAIN_EVENTS))
def test_each_event_travels_as_version_1_of_its_type_from_the_events_service(event_type: str) -> None:
    envelope = load_envelope(delivered(event_type))

    assert (envelope["type"], envelope["version"], envelope["producer"]) == (event_type, 1, "events")


@pytest.mark.parametrize("event_type", sorted(DOMAIN_EVENTS))
def test_no_event_carries_the_participants_personal_data(event_type: str) -> None:
    text = json.dumps(delivered(event_type))

    for personal in (*PERSON, "65-74", "female", "retired", "disability"):
        assert personal not in text


def test_event_scheduled_carries_the_event_its_sessions_in_utc_and_where_it_came_from() -> None:
    data = delivered(contract.EVENT_SCHEDULED)["data"]

    assert data == {
        "event_id": str(EVENT_ID),
        "centre_id": str(CENTRE_ID),
        "partner_id": str(PARTNER_ID),
        "opportunity_id": str(OPPORTUNITY_ID),
        "title": "Excel dla seniorów",
        "kind": "course",
        "capacity": 12,
        "sessions": [
            {
                "session_id": str(SESSION_ID),
                "starts_at": "2025-04-01T15:00:00+00:00",
                "ends_at": "2025-04-01T17:00:00+00:00",
            }
        ],
        "location": {"kind": "address", "address": "ul. Szkolna 1, Bodzentyn", "url": None},
        "languages": ["pl"],
        "target_groups": ["seniors"],
        "accessibility": ["hearing_loop", "step_free_access"],
        "scheduled_at": "2025-03-10T09:00:00+00:00",
    }


def test_a_centres_own_event_names_no_partner_or_opportunity() -> None:
    own = EventScheduled(an_event(origin="own", partner_id=None, opportunity_id=None), SESSIONS, AT)
    data = over_the_broker("events", own, to_integration_event)["data"]

    assert (data["partner_id"], data["opportunity_id"]) == (None, None)


def test_event_changed_names_the_changed_fields_and_who_is_concerned() -> None:
    data = delivered(contract.EVENT_CHANGED)["data"]

    assert (data["changed"], data["confirmed"], data["waitlisted"]) == (["capacity", "title"], 5, 2)


def test_event_cancelled_carries_the_reason_and_who_is_concerned() -> None:
    data = delivered(contract.EVENT_CANCELLED)["data"]

    assert (data["reason"], data["confirmed"], data["waitlisted"], data["title"]) == (
        "Choroba prowadzącej",
        5,
        2,
        "Excel dla seniorów",
    )


def test_registration_events_carry_ids_the_contact_channel_and_the_language_only() -> None:
    data = delivered(contract.REGISTRATION_WAITLISTED)["data"]

    assert data == {
        "registration_id": str(REGISTRATION_ID),
        "event_id": str(EVENT_ID),
        "centre_id": str(CENTRE_ID),
        "contact_channel": "email",
        "language": "pl",
        "position": 3,
        "waitlisted_at": "2025-03-10T09:00:00+00:00",
    }


@pytest.mark.parametrize("event_type", sorted(REGISTRATION_EVENTS))
def test_every_registration_event_carries_the_participants_language(event_type: str) -> None:
    registration = a_registration()
    registration.language = "en"
    ids = RegistrationIds.of(registration)
    domain_event = {
        contract.REGISTRATION_CONFIRMED: RegistrationConfirmed(ids, AT),
        contract.REGISTRATION_WAITLISTED: RegistrationWaitlisted(ids, 3, AT),
        contract.REGISTRATION_PROMOTED: RegistrationPromoted(ids, AT),
        contract.REGISTRATION_CANCELLED: RegistrationCancelled(ids, "confirmed", "cancelled", AT),
    }[event_type]

    assert over_the_broker("events", domain_event, to_integration_event)["data"]["language"] == "en"


@pytest.mark.parametrize("language", ["de", None])
def test_a_registration_event_in_another_language_is_refused_by_the_contract(language: str | None) -> None:
    data = {**delivered(contract.REGISTRATION_CONFIRMED)["data"], "language": language}

    with pytest.raises(ValidationError) as caught:
        registry.producer_schema("events", contract.REGISTRATION_CONFIRMED, 1)().load(data)

    assert "language" in caught.value.messages


def test_a_registration_event_from_before_the_language_still_meets_the_contract() -> None:
    data = delivered(contract.REGISTRATION_CONFIRMED)["data"]
    del data["language"]

    assert registry.producer_schema("events", contract.REGISTRATION_CONFIRMED, 1)().load(data)["language"] == "pl"


def test_participant_erased_carries_ids_only() -> None:
    data = delivered(contract.PARTICIPANT_ERASED)["data"]

    assert data == {
        "event_id": str(EVENT_ID),
        "centre_id": str(CENTRE_ID),
        "registration_ids": [str(REGISTRATION_ID)],
        "erased_at": "2025-03-10T09:00:00+00:00",
    }


def test_a_registration_event_with_a_name_in_it_is_refused_by_the_contract() -> None:
    data = {**delivered(contract.REGISTRATION_CONFIRMED)["data"], "name": "Anna Kowalska"}

    with pytest.raises(ValidationError) as caught:
        registry.producer_schema("events", contract.REGISTRATION_CONFIRMED, 1)().load(data)

    assert caught.value.messages == {"name": ["Unknown field."]}
