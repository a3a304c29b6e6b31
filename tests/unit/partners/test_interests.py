"""A centre expresses interest; the partner accepts (allocating or waitlisting) or declines it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from lowe_partners import interest_use_cases
from lowe_partners.events import OpportunityClosed
from lowe_partners.interest_commands import AcceptInterest, DeclineInterest, ReleasePlaces
from lowe_partners.interest_events import InterestDeclined, InterestExpressed, InterestWaitlisted, PlacesAllocated
from lowe_partners.interests import (
    InterestAlreadyExpressed,
    InterestNotChangeable,
    InterestNotFound,
    NotOpenForInterest,
    PlacesUnavailable,
)
from lowe_partners.model import OpportunityNotFound
from tests.unit.partners.interest_fakes import DAY, NOW, Desk, FakeUnitOfWork, an_opportunity


def test_expressing_interest_records_a_pending_interest_and_one_event() -> None:
    opportunity = an_opportunity()
    uow = FakeUnitOfWork(opportunity)
    centre_id = uuid.uuid4()

    interest = Desk(uow).express(opportunity, places=2, centre_id=centre_id)

    assert (interest.status, interest.places, interest.allocated, interest.centre_id) == ("pending", 2, 0, centre_id)
    assert uow.events == [InterestExpressed(interest.ids, 2, interest.expressed_at)]
    assert uow.opportunities.locked == [opportunity.id] and uow.committed


def test_a_centre_may_express_interest_without_asking_for_places() -> None:
    opportunity = an_opportunity()
    interest = Desk(FakeUnitOfWork(opportunity)).express(opportunity)

    assert (interest.status, interest.places) == ("pending", None)


def test_a_second_open_interest_of_the_same_centre_is_refused() -> None:
    opportunity = an_opportunity()
    uow = FakeUnitOfWork(opportunity)
    desk, centre_id = Desk(uow), uuid.uuid4()
    first = desk.express(opportunity, 1, centre_id)
    desk.accept(first)
    uow.reset()

    with pytest.raises(InterestAlreadyExpressed) as refused:
        desk.express(opportunity, 2, centre_id)

    assert refused.value.existing_id == first.id
    assert (uow.events, uow.committed) == ([], False)


def test_after_a_decline_the_centre_may_express_interest_again() -> None:
    opportunity = an_opportunity()
    desk, centre_id = Desk(FakeUnitOfWork(opportunity)), uuid.uuid4()
    desk.decline(desk.express(opportunity, 1, centre_id))

    assert desk.express(opportunity, 1, centre_id).status == "pending"


def test_a_draft_is_unknown_to_a_centre_expressing_interest_in_it() -> None:
    opportunity = an_opportunity(status="draft")
    uow = FakeUnitOfWork(opportunity)

    with pytest.raises(OpportunityNotFound):
        Desk(uow).express(opportunity, 1)

    assert (uow.interests.of_opportunity(opportunity.id), uow.committed) == ([], False)


@pytest.mark.parametrize("status", ["closed", "withdrawn"])
def test_interest_in_an_opportunity_that_is_not_published_is_refused(status: str) -> None:
    opportunity = an_opportunity(status=status)
    uow = FakeUnitOfWork(opportunity)

    with pytest.raises(NotOpenForInterest, match=status):
        Desk(uow).express(opportunity, 1)

    assert (uow.interests.of_opportunity(opportunity.id), uow.committed) == ([], False)


def test_interest_after_the_deadline_is_refused_even_before_the_opportunity_is_closed() -> None:
    opportunity = an_opportunity(apply_by=NOW)

    with pytest.raises(NotOpenForInterest, match="deadline"):
        Desk(FakeUnitOfWork(opportunity)).express(opportunity, 1)


def test_interest_in_an_unknown_opportunity_is_refused() -> None:
    with pytest.raises(OpportunityNotFound):
        Desk(FakeUnitOfWork()).express(an_opportunity(), 1)


def test_asking_for_more_places_than_the_opportunity_has_in_all_is_refused() -> None:
    opportunity = an_opportunity(places=4)

    with pytest.raises(PlacesUnavailable, match="4 places"):
        Desk(FakeUnitOfWork(opportunity)).express(opportunity, 5)


def test_accepting_what_fits_allocates_it_and_tells_the_totals() -> None:
    opportunity = an_opportunity(places=10)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    interest = desk.express(opportunity, 3)
    uow.reset()

    decision = desk.accept(interest)

    assert (interest.status, interest.allocated, interest.allocated_at) == ("accepted", 3, interest.decided_at)
    assert uow.events == [PlacesAllocated(interest.ids, 3, 3, 7, False, interest.allocated_at)]
    assert (decision.places.allocated, decision.places.remaining, decision.places.waiting) == (3, 7, [])
    assert uow.opportunities.locked[-1] == opportunity.id


def test_accepting_what_does_not_fit_waitlists_it() -> None:
    opportunity = an_opportunity(places=4)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [_holder] = desk.accepted(opportunity, 3)
    interest = desk.express(opportunity, 2)

    decision = desk.accept(interest)

    assert (interest.status, interest.allocated) == ("waitlisted", 0)
    assert uow.events[-1] == InterestWaitlisted(interest.ids, 2, 1, interest.decided_at)
    assert (decision.places.remaining, decision.places.position(interest.id)) == (1, 1)
    assert opportunity.status == "published"


def test_a_request_that_fits_still_waits_behind_an_earlier_one_that_waits() -> None:
    opportunity = an_opportunity(places=4)
    desk = Desk(FakeUnitOfWork(opportunity))
    [_holder, first_waiting] = desk.accepted(opportunity, 3, 2)
    later = desk.express(opportunity, 1)

    decision = desk.accept(later)

    assert (first_waiting.status, later.status) == ("waitlisted", "waitlisted")
    assert decision.places.waiting == [first_waiting.id, later.id]
    assert decision.places.remaining == 1


def test_an_interest_expressed_before_everyone_waiting_is_served_first_when_it_fits() -> None:
    """The line is ordered by when interest was expressed, not by when the partner got round to it."""
    opportunity = an_opportunity(places=4)
    desk = Desk(FakeUnitOfWork(opportunity))
    early = desk.express(opportunity, 1)
    [_holder, waiting] = desk.accepted(opportunity, 3, 2)

    desk.accept(early)

    assert (early.status, early.allocated, waiting.status) == ("accepted", 1, "waitlisted")


def test_an_opportunity_without_a_limit_allocates_whatever_is_asked() -> None:
    opportunity = an_opportunity(places=None)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)

    interests = desk.accepted(opportunity, 500, 700, 900)

    assert [interest.allocated for interest in interests] == [500, 700, 900]
    decision = desk.accept(desk.express(opportunity, 1000))
    assert (decision.places.allocated, decision.places.remaining, opportunity.status) == (3100, None, "published")
    assert [type(event) for event in uow.events] == [InterestExpressed, PlacesAllocated]


def test_an_interest_without_a_number_of_places_is_accepted_without_allocating_anything() -> None:
    opportunity = an_opportunity(places=2)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    desk.accepted(opportunity, 1)
    asked_nothing = desk.express(opportunity)

    decision = desk.accept(asked_nothing)

    assert (asked_nothing.status, asked_nothing.allocated) == ("accepted", 0)
    assert uow.events[-1] == PlacesAllocated(asked_nothing.ids, 0, 1, 1, False, asked_nothing.decided_at)
    assert (decision.places.remaining, opportunity.status) == (1, "published")


def test_an_interest_without_a_number_of_places_does_not_wait_even_when_places_ran_out() -> None:
    opportunity = an_opportunity(places=2)
    desk = Desk(FakeUnitOfWork(opportunity))
    asked_nothing = desk.express(opportunity)
    desk.accepted(opportunity, 2)
    assert opportunity.status == "closed"

    desk.accept(asked_nothing)

    assert (asked_nothing.status, asked_nothing.allocated) == ("accepted", 0)


def test_declining_a_pending_interest_records_it() -> None:
    opportunity = an_opportunity()
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    interest = desk.express(opportunity, 2)
    uow.reset()

    desk.decline(interest)

    assert (interest.status, interest.allocated) == ("declined", 0)
    assert uow.events == [InterestDeclined(interest.ids, 2, interest.decided_at)]


def test_declining_the_head_of_the_line_lets_the_next_one_in_when_it_fits() -> None:
    opportunity = an_opportunity(places=4)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [_holder, head, next_one] = desk.accepted(opportunity, 3, 2, 1)

    decision = desk.decline(head)

    assert (head.status, next_one.status, next_one.allocated) == ("declined", "accepted", 1)
    assert [type(event) for event in uow.events] == [InterestDeclined, PlacesAllocated, OpportunityClosed]
    assert uow.events[1].promoted
    assert (decision.places.remaining, opportunity.status) == (0, "closed")


@pytest.mark.parametrize("step", ["accept", "decline"])
def test_an_interest_already_decided_cannot_be_decided_again(step: str) -> None:
    opportunity = an_opportunity()
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    [interest] = desk.accepted(opportunity, 1)

    with pytest.raises(InterestNotChangeable, match="accepted"):
        getattr(desk, step)(interest)

    assert (interest.status, interest.allocated, uow.events) == ("accepted", 1, [])


def test_an_interest_in_a_withdrawn_opportunity_is_not_accepted() -> None:
    opportunity = an_opportunity()
    desk = Desk(FakeUnitOfWork(opportunity))
    interest = desk.express(opportunity, 1)
    opportunity.withdraw("withdrawn_by_partner", NOW + DAY)

    with pytest.raises(NotOpenForInterest, match="withdrawn"):
        desk.accept(interest)

    assert interest.status == "pending"


@pytest.mark.parametrize(
    "step",
    [
        lambda uow: interest_use_cases.accept_interest(AcceptInterest(uuid.uuid4()), uow),
        lambda uow: interest_use_cases.decline_interest(DeclineInterest(uuid.uuid4()), uow),
        lambda uow: interest_use_cases.release_places(ReleasePlaces(uuid.uuid4()), uow),
    ],
    ids=["accept", "decline", "release"],
)
def test_a_step_on_an_unknown_interest_is_refused(step: Callable[[FakeUnitOfWork], object]) -> None:
    uow = FakeUnitOfWork(an_opportunity())

    with pytest.raises(InterestNotFound):
        step(uow)

    assert (uow.opportunities.locked, uow.committed) == ([], False)
