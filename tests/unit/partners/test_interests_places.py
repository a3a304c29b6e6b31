"""Places given back: the waiting line moves up strictly first-in first-out; running out closes, room reopens."""

from __future__ import annotations

import pytest

from lowe_partners import interest_use_cases
from lowe_partners.events import OpportunityClosed
from lowe_partners.interest_events import OpportunityReopened, PlacesAllocated, PlacesReleased
from lowe_partners.interests import InterestNotChangeable, PlacesUnavailable
from lowe_partners.model import NotChangeable
from tests.unit.partners.interest_fakes import DAY, NOW, Desk, FakeUnitOfWork, an_opportunity


def test_releasing_some_places_keeps_the_rest_allocated() -> None:
    opportunity = an_opportunity(places=10)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [interest] = desk.accepted(opportunity, 3)

    decision = desk.release(interest, 1)

    assert (interest.status, interest.allocated) == ("accepted", 2)
    assert uow.events == [PlacesReleased(interest.ids, 1, 2, 2, 8, interest.released_at)]
    assert decision.places.allocated == 2


def test_releasing_without_a_number_gives_back_everything_and_ends_the_interest() -> None:
    opportunity = an_opportunity(places=10)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [interest] = desk.accepted(opportunity, 3)

    desk.release(interest)

    assert (interest.status, interest.allocated) == ("released", 0)
    assert uow.events == [PlacesReleased(interest.ids, 3, 0, 0, 10, interest.released_at)]


@pytest.mark.parametrize("places", [4, 0])
def test_releasing_more_than_the_interest_holds_is_refused(places: int) -> None:
    opportunity = an_opportunity(places=10)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [interest] = desk.accepted(opportunity, 3)

    with pytest.raises(PlacesUnavailable, match="holds 3 places"):
        desk.release(interest, places)

    assert (interest.status, interest.allocated, uow.events, uow.committed) == ("accepted", 3, [], False)


def test_an_interest_holding_no_places_has_none_to_release() -> None:
    opportunity = an_opportunity(places=1)
    desk = Desk(FakeUnitOfWork(opportunity))
    [holder, waiting, pending] = [desk.express(opportunity, 1) for _ in range(3)]
    desk.accept(holder)
    desk.accept(waiting)

    for interest in (waiting, pending):
        with pytest.raises(InterestNotChangeable, match=interest.status):
            desk.release(interest, 1)


def test_freed_places_go_to_the_waiting_line_first_expressed_first_while_the_head_fits() -> None:
    opportunity = an_opportunity(places=6)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder, first, second, third] = desk.accepted(opportunity, 6, 2, 3, 2)

    decision = desk.release(holder, 5)

    assert [first.allocated, second.allocated, third.allocated] == [2, 3, 0]
    assert [type(event) for event in uow.events] == [PlacesReleased, PlacesAllocated, PlacesAllocated]
    promoted = uow.events[1:]
    assert [(event.ids, event.places, event.allocated, event.remaining) for event in promoted] == [
        (first.ids, 2, 3, 3),
        (second.ids, 3, 6, 0),
    ]
    assert all(event.promoted for event in promoted)
    assert (decision.places.waiting, opportunity.status) == ([third.id], "closed")


def test_nobody_overtakes_the_head_of_the_line_even_when_they_would_fit() -> None:
    opportunity = an_opportunity(places=5)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder, big, small] = desk.accepted(opportunity, 5, 3, 1)

    decision = desk.release(holder, 2)

    assert (big.status, small.status, decision.places.remaining) == ("waitlisted", "waitlisted", 2)
    assert decision.places.waiting == [big.id, small.id]
    assert [type(event) for event in uow.events] == [PlacesReleased]

    uow.reset()
    desk.release(holder, 1)

    assert (big.status, big.allocated, small.status) == ("accepted", 3, "waitlisted")


def test_the_opportunity_closes_once_when_its_places_run_out() -> None:
    opportunity = an_opportunity(places=5)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    interests = [desk.express(opportunity, places) for places in (2, 3, 1, None, 2)]

    for interest in interests:
        desk.accept(interest)

    statuses = [interest.status for interest in interests]
    assert statuses == ["accepted", "accepted", "waitlisted", "accepted", "waitlisted"]
    closings = [event for event in uow.events if isinstance(event, OpportunityClosed)]
    assert closings == [
        OpportunityClosed(opportunity.id, opportunity.partner_id, "places_exhausted", interests[1].decided_at)
    ]
    assert (opportunity.status, opportunity.finish_reason) == ("closed", "places_exhausted")


def test_the_allocation_that_exhausts_the_places_comes_before_the_closing_it_causes() -> None:
    opportunity = an_opportunity(places=5)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [first] = desk.accepted(opportunity, 2)
    last = desk.express(opportunity, 3)
    uow.reset()

    desk.accept(last)

    assert [type(event) for event in uow.events] == [PlacesAllocated, OpportunityClosed]
    assert first.allocated + last.allocated == opportunity.places


def test_freed_places_reopen_the_opportunity_when_nobody_waits() -> None:
    opportunity = an_opportunity(places=4, apply_by=NOW + 7 * DAY)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder] = desk.accepted(opportunity, 4)

    decision = desk.release(holder, 1)

    assert (opportunity.status, opportunity.finished_at, opportunity.finish_reason) == ("published", None, None)
    assert [type(event) for event in uow.events] == [PlacesReleased, OpportunityReopened]
    assert uow.events[-1] == OpportunityReopened(
        opportunity.id, opportunity.partner_id, "places_freed", 1, holder.released_at
    )
    assert decision.places.status == "published"


def test_freed_places_do_not_reopen_while_someone_still_waits() -> None:
    opportunity = an_opportunity(places=4)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder, _waiting] = desk.accepted(opportunity, 4, 3)

    desk.release(holder, 2)

    assert opportunity.status == "closed"
    assert [type(event) for event in uow.events] == [PlacesReleased]


def test_freed_places_reopen_once_the_last_one_waiting_is_declined() -> None:
    opportunity = an_opportunity(places=4)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder, waiting] = desk.accepted(opportunity, 4, 3)
    desk.release(holder, 2)

    desk.decline(waiting)

    assert opportunity.status == "published"
    assert isinstance(uow.events[-1], OpportunityReopened)


def test_freed_places_do_not_reopen_an_opportunity_after_its_deadline() -> None:
    opportunity = an_opportunity(places=4, apply_by=NOW + 3 * DAY)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder] = desk.accepted(opportunity, 4)
    desk.clock = NOW + 4 * DAY

    desk.release(holder, 2)

    assert (opportunity.status, opportunity.finish_reason) == ("closed", "places_exhausted")
    assert [type(event) for event in uow.events] == [PlacesReleased]


def test_freed_places_do_not_reopen_an_opportunity_closed_for_its_deadline() -> None:
    opportunity = an_opportunity(places=4)
    desk = Desk(FakeUnitOfWork(opportunity))
    [holder] = desk.accepted(opportunity, 2)
    opportunity.close("deadline_passed", desk.now())

    desk.release(holder)

    assert (opportunity.status, opportunity.finish_reason) == ("closed", "deadline_passed")


def test_reopening_is_only_for_an_opportunity_closed_for_lack_of_places() -> None:
    with pytest.raises(NotChangeable):
        an_opportunity().reopen("places_freed", 1, NOW)


def test_the_list_shows_every_interest_first_expressed_first_with_the_line_and_the_totals() -> None:
    opportunity = an_opportunity(places=3)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [holder, waiting, declined] = [desk.express(opportunity, places) for places in (3, 2, 1)]
    desk.accept(holder)
    desk.accept(waiting)
    desk.decline(declined)

    listed = interest_use_cases.list_interests(opportunity.id, uow)

    assert [interest.id for interest in listed.interests] == [holder.id, waiting.id, declined.id]
    assert (listed.places.allocated, listed.places.remaining, listed.places.waiting) == (3, 0, [waiting.id])
    assert listed.places.position(waiting.id) == 1 and listed.places.position(holder.id) is None
