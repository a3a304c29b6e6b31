"""Participant data: only the organising centre (and operators) see it; erasure removes it and keeps the counts."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

import pytest

from lowe_events import commands, registration_use_cases
from lowe_events.model import (
    EventNotFound,
    ParticipantErased,
    Registration,
    RegistrationCancelled,
    RegistrationNotFound,
    RegistrationPromoted,
)
from tests.unit.events.fakes import CONSENT, FakeUnitOfWork, clock, create_event, new_centre, register

DEMOGRAPHICS = {
    "consent": {"version": "demo-1", "given": True},
    "health_data_consent": True,
    "age_band": "65-74",
    "gender": "female",
    "labour_market_status": "retired",
    "target_groups": ["seniors"],
    "disability": True,
}
PERSONAL = ("name", "email", "phone", "age_band", "gender", "labour_market_status", "disability")
PAST = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)  # the day after the event's one session


def erase(uow: FakeUnitOfWork, centre: str, event_id: object, registration: Registration, at: object = None) -> object:
    ref = commands.registration_ref(centre, str(event_id), str(registration.id))
    return registration_use_cases.erase_registration(ref, uow, clock(at) if at else clock())


def test_only_the_organising_centre_lists_the_participants() -> None:
    uow, centre, other = FakeUnitOfWork(), new_centre(), new_centre()
    event = create_event(uow, centre).event
    register(uow, centre, event.id, 1)

    assert len(registration_use_cases.list_registrations(commands.actor_of(centre), event.id, uow)) == 1
    with pytest.raises(EventNotFound):
        registration_use_cases.list_registrations(commands.actor_of(other), event.id, uow)


def test_an_operator_lists_any_centres_participants() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    register(uow, centre, event.id, 1)

    operator = commands.actor_of(new_centre(), operator=True)

    assert len(registration_use_cases.list_registrations(operator, event.id, uow)) == 1


def test_another_centre_can_neither_register_cancel_nor_erase_at_the_event() -> None:
    uow, centre, other = FakeUnitOfWork(), new_centre(), new_centre()
    event = create_event(uow, centre).event
    placement = register(uow, centre, event.id, 1)

    with pytest.raises(EventNotFound):
        register(uow, other, event.id, 2)
    ref = commands.registration_ref(other, str(event.id), str(placement.registration.id))
    with pytest.raises(EventNotFound):
        registration_use_cases.cancel_registration(ref, uow, clock())
    with pytest.raises(EventNotFound):
        registration_use_cases.erase_registration(ref, uow, clock())


def test_a_registration_of_another_event_is_not_found_through_this_one() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event, other_event = create_event(uow, centre).event, create_event(uow, centre).event
    placement = register(uow, centre, other_event.id, 1)

    with pytest.raises(RegistrationNotFound):
        erase(uow, centre, event.id, placement.registration)


def test_demographics_are_stored_only_with_their_consent_and_disability_only_with_health_data_consent() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=5).event

    plain = register(uow, centre, event.id, 1).registration
    described = register(uow, centre, event.id, 2, demographics=DEMOGRAPHICS).registration
    no_health = {**DEMOGRAPHICS, "health_data_consent": False, "disability": None}
    without = register(uow, centre, event.id, 3, demographics=no_health).registration

    assert (plain.demographics_consented, plain.age_band, plain.disability) == (False, None, None)
    assert (described.demographics_consent_version, described.age_band, described.disability) == (
        "demo-1",
        "65-74",
        True,
    )
    assert (without.health_data_consent, without.disability) == (False, None)
    assert (plain.consent_version, plain.consent_at) == (CONSENT["version"], clock()())


def test_erasure_removes_every_personal_field_and_keeps_status_and_order() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    registration = register(uow, centre, event.id, 1, phone="+48600100200", demographics=DEMOGRAPHICS).registration
    uow.reset()

    erase(uow, centre, event.id, registration, at=PAST)

    assert all(getattr(registration, name) is None for name in PERSONAL)
    assert (registration.target_groups, registration.demographics_consent_version) == ([], None)
    assert (registration.status, registration.sequence, registration.erased_at) == ("confirmed", 1, PAST)
    [erased] = uow.published
    assert isinstance(erased, ParticipantErased) and erased.registration_ids == [registration.id]
    every = {f.name for f in fields(Registration)}
    assert set(PERSONAL) <= every


def test_erasing_before_the_event_is_over_gives_up_the_place_to_the_first_in_line() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=1).event
    first = register(uow, centre, event.id, 1).registration
    second = register(uow, centre, event.id, 2).registration
    uow.reset()

    erase(uow, centre, event.id, first)

    assert (first.status, first.cancel_reason, second.status) == ("cancelled", "erased", "confirmed")
    assert [type(e) for e in uow.published] == [RegistrationCancelled, RegistrationPromoted, ParticipantErased]
    assert uow.published[0].ids.contact_channel is None  # type: ignore[attr-defined]


def test_erasing_a_person_reaches_all_their_registrations_at_the_centre_only() -> None:
    uow, centre, other = FakeUnitOfWork(), new_centre(), new_centre()
    first, second = create_event(uow, centre).event, create_event(uow, centre).event
    elsewhere = create_event(uow, other).event
    mine = [register(uow, centre, event_id, 1).registration for event_id in (first.id, second.id)]
    stranger = register(uow, centre, first.id, 2).registration
    kept = register(uow, other, elsewhere.id, 1).registration
    uow.reset()

    cmd = commands.erase_person_command(centre, {"email": "OSOBA1@example.pl"})
    erased = registration_use_cases.erase_person(cmd, uow, clock(PAST))

    assert {r.id for r in erased} == {r.id for r in mine}
    assert all(r.name is None for r in mine)
    assert (stranger.name, kept.name) == ("Osoba 2", "Osoba 1")
    assert len([e for e in uow.published if isinstance(e, ParticipantErased)]) == 2
