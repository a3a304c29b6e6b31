"""Places: confirmed while they remain, then a first-in first-out waiting line that moves up by itself."""

from __future__ import annotations

import pytest

from lowe_events import commands, registration_use_cases, use_cases
from lowe_events.model import (
    AlreadyRegistered,
    CapacityBelowConfirmed,
    EventNotChangeable,
    RegistrationCancelled,
    RegistrationConfirmed,
    RegistrationNotChangeable,
    RegistrationPromoted,
    RegistrationWaitlisted,
)
from tests.unit.events.fakes import FakeUnitOfWork, clock, create_event, new_centre, register


def cancel(uow: FakeUnitOfWork, centre: str, event_id: object, placement: object) -> object:
    ref = commands.registration_ref(centre, str(event_id), str(placement.registration.id))  # type: ignore[attr-defined]
    return registration_use_cases.cancel_registration(ref, uow, clock())


def statuses(uow: FakeUnitOfWork) -> list[tuple[str, int | None]]:
    return [(r.status, r.sequence) for r in sorted(uow.registrations.registrations, key=lambda r: r.sequence)]


def test_registrations_are_confirmed_while_places_remain_then_wait_in_line() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=2).event

    placements = [register(uow, centre, event.id, n) for n in range(4)]

    assert [(p.registration.status, p.position) for p in placements] == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    assert [type(e) for e in uow.published[1:]] == [RegistrationConfirmed] * 2 + [RegistrationWaitlisted] * 2
    assert [e.position for e in uow.published if isinstance(e, RegistrationWaitlisted)] == [1, 2]


def test_each_registration_locks_the_event_before_deciding() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event

    register(uow, centre, event.id, 1)

    assert uow.events.locked == [event.id]


def test_cancelling_a_confirmed_place_promotes_the_first_in_line() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=1).event
    first, second, third = (register(uow, centre, event.id, n) for n in range(3))
    uow.reset()

    cancel(uow, centre, event.id, first)

    assert (second.registration.status, third.registration.status) == ("confirmed", "waitlisted")
    cancelled, promoted = uow.published
    assert isinstance(cancelled, RegistrationCancelled) and cancelled.previous_status == "confirmed"
    assert isinstance(promoted, RegistrationPromoted) and promoted.ids.registration_id == second.registration.id


def test_leaving_the_waiting_line_promotes_nobody_and_moves_the_others_up() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=1).event
    _first, second, third = (register(uow, centre, event.id, n) for n in range(3))
    uow.reset()

    cancel(uow, centre, event.id, second)

    assert [type(e) for e in uow.published] == [RegistrationCancelled]
    actor = commands.actor_of(centre)
    listed = registration_use_cases.list_registrations(actor, event.id, uow)
    assert [(p.registration.status, p.position) for p in listed] == [
        ("confirmed", None),
        ("cancelled", None),
        ("waitlisted", 1),
    ]
    assert third.registration.status == "waitlisted"


def test_the_line_is_served_in_the_order_people_came_whatever_cancels() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=2).event
    placements = [register(uow, centre, event.id, n) for n in range(6)]

    cancel(uow, centre, event.id, placements[1])
    cancel(uow, centre, event.id, placements[0])
    cancel(uow, centre, event.id, placements[3])

    confirmed = [r.sequence for r in uow.registrations.registrations if r.status == "confirmed"]
    waiting = [r.sequence for r in uow.registrations.registrations if r.status == "waitlisted"]
    assert (sorted(confirmed), sorted(waiting)) == ([3, 5], [6])


def test_cancelling_twice_is_refused() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    placement = register(uow, centre, event.id, 1)
    cancel(uow, centre, event.id, placement)

    with pytest.raises(RegistrationNotChangeable):
        cancel(uow, centre, event.id, placement)


def test_the_same_email_or_phone_cannot_hold_two_registrations_for_one_event() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    register(uow, centre, event.id, 1, phone="+48 600 100 200")

    with pytest.raises(AlreadyRegistered):
        register(uow, centre, event.id, 2, email=None, phone="+48600-100-200")
    with pytest.raises(AlreadyRegistered):
        register(uow, centre, event.id, 1, email="OSOBA1@example.pl")


def test_after_cancelling_the_same_person_may_register_again_at_the_end_of_the_line() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=1).event
    first = register(uow, centre, event.id, 1)
    register(uow, centre, event.id, 2)
    cancel(uow, centre, event.id, first)

    again = register(uow, centre, event.id, 1)

    assert (again.registration.status, again.position, again.registration.sequence) == ("waitlisted", 1, 3)


def test_a_larger_capacity_promotes_those_waiting_in_order() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=1).event
    placements = [register(uow, centre, event.id, n) for n in range(4)]
    uow.reset()

    use_cases.change_event(commands.change_event_command(centre, str(event.id), {"capacity": 3}), uow, clock())

    assert [p.registration.status for p in placements] == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    promoted = [e.ids.registration_id for e in uow.published if isinstance(e, RegistrationPromoted)]
    assert promoted == [placements[1].registration.id, placements[2].registration.id]


def test_capacity_below_the_confirmed_places_is_refused() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=3).event
    for n in range(3):
        register(uow, centre, event.id, n)

    with pytest.raises(CapacityBelowConfirmed):
        use_cases.change_event(commands.change_event_command(centre, str(event.id), {"capacity": 2}), uow, clock())
    assert event.capacity == 3


def test_a_cancelled_event_takes_no_registration() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    use_cases.cancel_event(commands.cancel_event_command(centre, str(event.id), None), uow, clock())

    with pytest.raises(EventNotChangeable):
        register(uow, centre, event.id, 1)


def test_a_cancelled_event_promotes_nobody_when_a_place_is_given_up() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=1).event
    first = register(uow, centre, event.id, 1)
    second = register(uow, centre, event.id, 2)
    use_cases.cancel_event(commands.cancel_event_command(centre, str(event.id), None), uow, clock())

    cancel(uow, centre, event.id, first)

    assert second.registration.status == "waitlisted"
