"""A centre withdraws its interest: pending or waiting ones simply end; allocated places go back as a release gives
them back (the line moves, the opportunity may reopen); an interest already over cannot be withdrawn."""

from __future__ import annotations

import uuid

import pytest

from lowe_partners import interest_use_cases
from lowe_partners.events import OpportunityClosed
from lowe_partners.interest_commands import WithdrawInterest
from lowe_partners.interest_events import (
    InterestWithdrawn,
    OpportunityReopened,
    PlacesAllocated,
    PlacesReleased,
)
from lowe_partners.interest_use_cases import Decision
from lowe_partners.interests import Interest, InterestNotChangeable, InterestNotFound
from tests.unit.partners.interest_fakes import Desk, FakeUnitOfWork, an_opportunity


def withdraw(desk: Desk, interest: Interest) -> Decision:
    return interest_use_cases.withdraw_interest(WithdrawInterest(interest.id), desk.uow, now=desk.now)


def test_a_pending_interest_is_withdrawn_and_says_so_with_no_places_released() -> None:
    opportunity = an_opportunity(places=10)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    interest = desk.express(opportunity, 2)
    uow.reset()

    decision = withdraw(desk, interest)

    assert (interest.status, interest.allocated, interest.withdrawn_at is not None) == ("withdrawn", 0, True)
    assert uow.events == [InterestWithdrawn(interest.ids, 0, interest.withdrawn_at)]
    assert uow.committed and opportunity.id in uow.opportunities.locked
    assert decision.places.remaining == 10


def test_an_allocated_interest_gives_its_places_back_as_a_release_and_the_line_moves_up() -> None:
    opportunity = an_opportunity(places=3)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    holder, waiting = desk.accepted(opportunity, 3, 2)
    assert (opportunity.status, waiting.status) == ("closed", "waitlisted")

    decision = withdraw(desk, holder)

    at = holder.withdrawn_at
    assert (holder.status, holder.allocated, holder.released_at) == ("withdrawn", 0, at)
    assert uow.events == [
        PlacesReleased(holder.ids, 3, 0, 0, 3, at),
        InterestWithdrawn(holder.ids, 3, at),
        PlacesAllocated(waiting.ids, 2, 2, 1, True, at),
        OpportunityReopened(opportunity.id, opportunity.partner_id, "places_freed", 1, at),
    ]
    assert (decision.places.allocated, decision.places.waiting, opportunity.status) == (2, [], "published")


def test_withdrawing_the_head_of_the_line_lets_the_next_one_in_when_it_fits() -> None:
    opportunity = an_opportunity(places=3)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    _holder, head, next_one = desk.accepted(opportunity, 2, 2, 1)
    assert (head.status, next_one.status) == ("waitlisted", "waitlisted")

    withdraw(desk, head)

    assert (head.status, next_one.status, next_one.allocated) == ("withdrawn", "accepted", 1)
    assert [type(event) for event in uow.events] == [InterestWithdrawn, PlacesAllocated, OpportunityClosed]


@pytest.mark.parametrize("ending", ["decline", "release", "withdraw"])
def test_an_interest_already_over_cannot_be_withdrawn(ending: str) -> None:
    opportunity = an_opportunity(places=10)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    interest = desk.express(opportunity, 2)
    if ending == "release":
        desk.accept(interest)
        desk.release(interest)
    else:
        desk.decline(interest) if ending == "decline" else withdraw(desk, interest)
    uow.reset()

    with pytest.raises(InterestNotChangeable, match="can be withdrawn only"):
        withdraw(desk, interest)
    assert (uow.events, uow.committed) == ([], False)


def test_an_unknown_interest_is_not_found() -> None:
    with pytest.raises(InterestNotFound):
        interest_use_cases.withdraw_interest(WithdrawInterest(uuid.uuid4()), FakeUnitOfWork())


def test_an_interest_is_read_with_its_position_in_the_line() -> None:
    opportunity = an_opportunity(places=2)
    uow = FakeUnitOfWork(opportunity)
    desk = Desk(uow)
    _holder, waiting = desk.accepted(opportunity, 2, 1)

    found = interest_use_cases.get_interest(waiting.id, uow)

    assert (found.interest, found.places.position(waiting.id)) == (waiting, 1)
    with pytest.raises(InterestNotFound):
        interest_use_cases.get_interest(uuid.uuid4(), uow)
