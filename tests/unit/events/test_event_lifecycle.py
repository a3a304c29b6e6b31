"""Events: a centre's own or from an opportunity it holds places in; changes and cancellation are events."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_events import commands, queries, use_cases
from lowe_events.model import (
    EventCancelled,
    EventChanged,
    EventNotChangeable,
    EventNotFound,
    EventScheduled,
    OpportunityNotHeld,
)
from lowe_events.use_cases import AllocationChange
from tests.unit.events.fakes import NOW, FakeUnitOfWork, clock, create_event, new_centre, register

OPPORTUNITY, PARTNER, INTEREST = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def allocate(uow: FakeUnitOfWork, centre: str, places: int = 5, released: bool = False, minutes: int = 0) -> None:
    change = AllocationChange(
        INTEREST, OPPORTUNITY, PARTNER, uuid.UUID(centre), places, released, NOW + timedelta(minutes=minutes)
    )
    use_cases.record_allocation(change, uow)


def change(uow: FakeUnitOfWork, centre: str, event_id: object, body: dict[str, object]) -> object:
    return use_cases.change_event(commands.change_event_command(centre, str(event_id), body), uow, clock())


def test_a_centres_own_event_is_scheduled_with_its_sessions() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()

    created = create_event(uow, centre, location={"kind": "online", "url": "https://meet.example/x"})

    assert (created.event.origin, created.event.partner_id, created.event.opportunity_id) == ("own", None, None)
    assert (created.event.location_kind, created.event.location_url) == ("online", "https://meet.example/x")
    [scheduled] = uow.published
    assert isinstance(scheduled, EventScheduled) and scheduled.sessions == created.sessions


def test_an_event_from_an_opportunity_the_centre_holds_names_its_partner() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    allocate(uow, centre)

    created = create_event(uow, centre, opportunity_id=str(OPPORTUNITY))

    assert (created.event.origin, created.event.opportunity_id, created.event.partner_id) == (
        "opportunity",
        OPPORTUNITY,
        PARTNER,
    )


def test_an_event_from_an_opportunity_the_centre_holds_no_places_in_is_refused() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    allocate(uow, new_centre())  # another centre holds them

    with pytest.raises(OpportunityNotHeld):
        create_event(uow, centre, opportunity_id=str(OPPORTUNITY))


def test_places_released_in_full_no_longer_count_as_held() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    allocate(uow, centre, places=5)
    allocate(uow, centre, places=0, released=True, minutes=5)

    with pytest.raises(OpportunityNotHeld):
        create_event(uow, centre, opportunity_id=str(OPPORTUNITY))


def test_a_release_arriving_before_its_allocation_is_not_undone_by_it() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    allocate(uow, centre, places=2, released=True, minutes=5)
    allocate(uow, centre, places=5, minutes=0)

    [allocation] = uow.allocations.allocations.values()
    assert (allocation.places, allocation.held) == (2, True)


def test_changes_name_what_changed_and_count_who_is_concerned() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre, capacity=1).event
    register(uow, centre, event.id, 1)
    register(uow, centre, event.id, 2)
    uow.reset()

    change(uow, centre, event.id, {"title": "Nowy tytuł", "location": {"kind": "address", "address": "ul. Polna 2"}})

    [changed] = uow.published
    assert isinstance(changed, EventChanged)
    assert (changed.changed, changed.confirmed, changed.waitlisted) == (
        ["location_address", "location_kind", "title"],
        1,
        1,
    )


def test_a_change_to_nothing_new_records_no_event() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    uow.reset()

    change(uow, centre, event.id, {"title": event.title, "capacity": event.capacity})

    assert uow.published == []


def test_new_sessions_replace_the_schedule_keeping_those_at_the_same_times() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    created = create_event(uow, centre)
    kept = created.sessions[0]
    uow.reset()

    sessions = [
        {"starts_at": "2026-03-10T17:00", "ends_at": "2026-03-10T19:00"},
        {"starts_at": "2026-03-17T17:00", "ends_at": "2026-03-17T19:00"},
    ]
    changed = change(uow, centre, created.event.id, {"sessions": sessions})

    assert changed.sessions[0] is kept and len(changed.sessions) == 2  # type: ignore[attr-defined]
    assert uow.published[0].changed == ["sessions"]  # type: ignore[attr-defined]


def test_cancelling_an_event_is_an_event_and_a_cancelled_event_takes_no_change() -> None:
    uow, centre = FakeUnitOfWork(), new_centre()
    event = create_event(uow, centre).event
    register(uow, centre, event.id, 1)
    uow.reset()

    use_cases.cancel_event(commands.cancel_event_command(centre, str(event.id), {"reason": "Powódź"}), uow, clock())

    [cancelled] = uow.published
    assert isinstance(cancelled, EventCancelled)
    assert (cancelled.reason, cancelled.confirmed, event.status) == ("Powódź", 1, "cancelled")
    with pytest.raises(EventNotChangeable):
        change(uow, centre, event.id, {"title": "Jednak"})
    with pytest.raises(EventNotChangeable):
        use_cases.cancel_event(commands.cancel_event_command(centre, str(event.id), None), uow, clock())


def test_another_centre_cannot_see_or_change_the_event() -> None:
    uow, centre, other = FakeUnitOfWork(), new_centre(), new_centre()
    event = create_event(uow, centre).event

    with pytest.raises(EventNotFound):
        use_cases.get_event(commands.actor_of(other), event.id, uow)
    with pytest.raises(EventNotFound):
        change(uow, other, event.id, {"title": "Przejęte"})
    _actor, query = queries.event_list_query(other, None)
    assert use_cases.list_events(query, uow).items == []


def test_an_empty_change_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        commands.change_event_command(new_centre(), str(uuid.uuid4()), {})

    assert set(caught.value.fields) == {"_body"}
