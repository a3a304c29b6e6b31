"""Operators acting with no centre, pages of events, the participation report's scopes, erasure by registration and
the participant's language."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_events import commands, queries, registration_use_cases, report_use_cases, use_cases
from lowe_events.model import EventNotFound, ParticipantErased, RegistrationConfirmed, RegistrationNotFound
from tests.unit.events.fakes import FakeUnitOfWork, clock, create_event, new_centre, person, register

OPERATOR = commands.actor_of(None, operator=True)


def events_of(uow: FakeUnitOfWork, centre: str | None, params: dict[str, Any] | None = None, **kw: Any) -> Any:
    _actor, query = queries.event_list_query(centre, params, **kw)
    return use_cases.list_events(query, uow)


def test_an_operator_may_name_no_centre_and_a_centre_must_name_itself() -> None:
    assert (OPERATOR.centre_id, OPERATOR.operator) == (None, True)
    with pytest.raises(InvalidInput) as refused:
        commands.actor_of(None)
    assert "centre_id" in refused.value.fields
    assert commands.actor_of(new_centre(), operator="yes").operator is False  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        commands.create_event_command(None, {})


def test_an_operator_with_no_centre_reaches_whichever_centre_the_event_belongs_to() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event

    assert use_cases.get_event(OPERATOR, event.id, uow).event.centre_id == event.centre_id
    cmd = commands.register_command(None, str(event.id), person(1), operator=True)
    placed = registration_use_cases.register_participant(cmd, uow, clock())
    assert placed.registration.centre_id == event.centre_id
    assert len(registration_use_cases.list_registrations(OPERATOR, event.id, uow)) == 1
    with pytest.raises(EventNotFound):
        use_cases.get_event(commands.actor_of(new_centre()), event.id, uow)


def test_events_come_in_pages_by_first_session_then_id() -> None:
    uow, centre, other = FakeUnitOfWork(), new_centre(), new_centre()
    later = create_event(uow, centre, sessions=[{"starts_at": "2026-03-12T17:00", "ends_at": "2026-03-12T18:00"}])
    sooner = create_event(uow, centre)
    theirs = create_event(uow, other, sessions=[{"starts_at": "2026-03-11T17:00", "ends_at": "2026-03-11T18:00"}])

    first = events_of(uow, centre, {"page_size": 1})
    assert [item.event.id for item in first.items] == [sooner.event.id]
    token = queries.encode_cursor(first.next_cursor)
    second = events_of(uow, centre, {"page_size": 1, "cursor": token})
    assert ([item.event.id for item in second.items], second.next_cursor) == ([later.event.id], None)

    everyone = events_of(uow, None, None, operator=True)
    assert [item.event.id for item in everyone.items] == [sooner.event.id, theirs.event.id, later.event.id]
    one_centre = events_of(uow, None, {"centre_id": other}, operator=True)
    assert [item.event.id for item in one_centre.items] == [theirs.event.id]
    between = events_of(uow, centre, {"from": "2026-03-11", "to": "2026-03-12"})
    assert [item.event.id for item in between.items] == [later.event.id]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"page_size": -1}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"from": "2026-03-12", "to": "2026-03-11"}, "to"),
        ({"centre_id": str(uuid.uuid4())}, "centre_id"),
        ({"limit": 5}, "limit"),
    ],
)
def test_a_bad_listing_is_refused_naming_the_parameter(params: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        queries.event_list_query(new_centre(), params)
    assert field in refused.value.fields


def test_the_participation_report_covers_a_centre_a_partner_both_or_the_network() -> None:
    uow, centre, other = FakeUnitOfWork(), new_centre(), new_centre()
    create_event(uow, centre)
    create_event(uow, other)
    partner = uuid.uuid4()
    for event in uow.events.events.values():
        if str(event.centre_id) == other:
            event.partner_id = partner
    period = {"from": "2026-03-01", "to": "2026-03-31"}

    def report(**scope: Any) -> dict[str, Any]:
        return report_use_cases.participation_report(queries.report_scope({**period, **scope}), uow, clock())

    assert report()["events"] == 2
    assert (report(centre_id=centre)["events"], report(centre_id=centre)["partner_id"]) == (1, None)
    assert report(partner_id=str(partner))["events"] == 1
    assert report(centre_id=other, partner_id=str(partner))["events"] == 1
    assert report(centre_id=centre, partner_id=str(partner))["events"] == 0
    centre_only = report_use_cases.centre_report(uuid.UUID(centre), commands.report_query(period), uow, clock())
    assert "partner_id" not in centre_only and centre_only["events"] == 1


@pytest.mark.parametrize(
    ("query", "field"), [({"from": "2026-03-01"}, "to"), ({"from": "x", "to": "2026-03-01"}, "from")]
)
def test_a_participation_report_is_validated_as_the_other_reports(query: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        queries.report_scope(query)
    assert field in refused.value.fields


def test_one_registration_is_erased_by_its_id_and_another_centres_is_not_found() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    first = register(uow, centre, event.id, 1).registration
    register(uow, centre, event.id, 2)

    with pytest.raises(RegistrationNotFound):
        cmd = commands.erase_person_command(new_centre(), {"registration_id": str(first.id)})
        registration_use_cases.erase_person(cmd, uow, clock())
    cmd = commands.erase_person_command(None, {"registration_id": str(first.id)}, operator=True)
    erased = registration_use_cases.erase_person(cmd, uow, clock())

    assert [r.id for r in erased] == [first.id] and first.erased
    assert [e for e in uow.published if isinstance(e, ParticipantErased)][-1].registration_ids == [first.id]


def test_an_operator_erases_a_person_at_every_centre() -> None:
    uow, centre, other = FakeUnitOfWork(), new_centre(), new_centre()
    here, there = create_event(uow, centre).event, create_event(uow, other).event
    register(uow, centre, here.id, 1)
    register(uow, other, there.id, 1)

    cmd = commands.erase_person_command(None, {"email": "osoba1@example.pl"}, operator=True)

    assert len(registration_use_cases.erase_person(cmd, uow, clock())) == 2


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"email": "a@example.pl", "phone": "600100200"},
        {"email": "a@example.pl", "registration_id": str(uuid.uuid4())},
    ],
)
def test_an_erasure_names_exactly_one_of_email_phone_and_registration(payload: dict[str, str]) -> None:
    with pytest.raises(InvalidInput):
        commands.erase_person_command(new_centre(), payload)


@pytest.mark.parametrize(("given", "kept"), [({}, "pl"), ({"language": None}, "pl"), ({"language": "en"}, "en")])
def test_a_registration_has_a_language_polish_unless_english_is_asked(given: dict[str, Any], kept: str) -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event

    placed = register(uow, centre, event.id, 1, **given)

    assert placed.registration.language == kept
    [confirmed] = [e for e in uow.published if isinstance(e, RegistrationConfirmed)]
    assert confirmed.ids.language == kept


def test_another_language_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput) as refused:
        commands.register_command(new_centre(), str(uuid.uuid4()), person(1, language="de"))
    assert "language" in refused.value.fields
