"""Use cases about interests and places: `verb_noun(cmd, uow)`.

Every decision about places locks the opportunity's row first (`get_for_update`) and then reads its
interests as they are under that lock, so decisions on the same opportunity, on any replica, happen one
after the other: the places allocated never exceed what the opportunity has.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from lowe_partners.interest_commands import (
    AcceptInterest,
    DeclineInterest,
    ExpressInterest,
    ListPartnerInterests,
    ReleasePlaces,
    WithdrawInterest,
)
from lowe_partners.interest_repository import InterestRepository
from lowe_partners.interests import OPEN_STATUSES, Interest, InterestNotFound, PlacesBook, PlacesSummary
from lowe_partners.model import Opportunity, OpportunityNotFound
from lowe_partners.repository import OpportunityRepository
from lowe_partners.use_cases import Clock, locked_opportunity, utc_now


class UnitOfWork(Protocol):
    @property
    def opportunities(self) -> OpportunityRepository: ...

    @property
    def interests(self) -> InterestRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...


@dataclass(frozen=True)
class Decision:
    """An interest after a step, and its opportunity's places as that step left them."""

    interest: Interest
    places: PlacesSummary


@dataclass(frozen=True)
class InterestList:
    interests: list[Interest]  # first expressed first
    places: PlacesSummary


def express_interest(cmd: ExpressInterest, uow: UnitOfWork, now: Clock = utc_now) -> Interest:
    with uow:
        # locked, so a second interest of the same centre, or a closing, waits for this one
        opportunity = locked_opportunity(uow, cmd.opportunity_id)
        already_open = uow.interests.open_of_centre(opportunity.id, cmd.centre_id)
        interest = Interest.express(uuid.uuid4(), opportunity, cmd.centre_id, cmd.places, cmd.note, already_open, now())
        uow.interests.add(interest)
        uow.commit()
    return interest


def accept_interest(cmd: AcceptInterest, uow: UnitOfWork, now: Clock = utc_now) -> Decision:
    with uow:
        interest, book = _locked_book(cmd.interest_id, uow)
        book.accept(interest, now())
        uow.commit()
    return Decision(interest, book.summary())


def decline_interest(cmd: DeclineInterest, uow: UnitOfWork, now: Clock = utc_now) -> Decision:
    with uow:
        interest, book = _locked_book(cmd.interest_id, uow)
        book.decline(interest, now())
        uow.commit()
    return Decision(interest, book.summary())


def release_places(cmd: ReleasePlaces, uow: UnitOfWork, now: Clock = utc_now) -> Decision:
    with uow:
        interest, book = _locked_book(cmd.interest_id, uow)
        book.release(interest, cmd.places, now())
        uow.commit()
    return Decision(interest, book.summary())


def withdraw_interest(cmd: WithdrawInterest, uow: UnitOfWork, now: Clock = utc_now) -> Decision:
    """The centre gives up its interest: under the opportunity's lock, as every decision about its places."""
    with uow:
        interest, book = _locked_book(cmd.interest_id, uow)
        book.withdraw(interest, now())
        uow.commit()
    return Decision(interest, book.summary())


def get_interest(interest_id: uuid.UUID, uow: UnitOfWork) -> Decision:
    """The interest, and its opportunity's places as they are now (its position, when it waits)."""
    with uow:
        interest = uow.interests.get(interest_id)
        if interest is None:
            raise InterestNotFound(str(interest_id))
        opportunity = uow.opportunities.get(interest.opportunity_id)
        if opportunity is None:  # never: an interest is expressed in a stored opportunity
            raise InterestNotFound(str(interest_id))
        return Decision(interest, PlacesBook(opportunity, uow.interests.open_of_opportunity(opportunity.id)).summary())


def list_interests(opportunity_id: uuid.UUID, uow: UnitOfWork) -> InterestList:
    with uow:
        opportunity = uow.opportunities.get(opportunity_id)
        if opportunity is None:
            raise OpportunityNotFound(str(opportunity_id))
        return _listed(opportunity, uow.interests.of_opportunity(opportunity_id))


def list_partner_interests(cmd: ListPartnerInterests, uow: UnitOfWork) -> dict[uuid.UUID, InterestList]:
    """Each of the partner's own opportunities among the ids as `list_interests` lists it, read in one query;
    another partner's and unknown ids are left out."""
    with uow:
        found = uow.interests.of_partner_opportunities(cmd.partner_id, cmd.opportunity_ids)
        return {opportunity.id: _listed(opportunity, every) for opportunity, every in found}


def _listed(opportunity: Opportunity, every: list[Interest]) -> InterestList:
    book = PlacesBook(opportunity, [interest for interest in every if interest.status in OPEN_STATUSES])
    return InterestList(every, book.summary())


def _locked_book(interest_id: uuid.UUID, uow: UnitOfWork) -> tuple[Interest, PlacesBook]:
    found = uow.interests.get(interest_id)
    if found is None:
        raise InterestNotFound(str(interest_id))
    opportunity = locked_opportunity(uow, found.opportunity_id)
    # read again under the lock: what was read before it may have changed since
    interest = uow.interests.get(interest_id)
    if interest is None:
        raise InterestNotFound(str(interest_id))
    return interest, PlacesBook(opportunity, uow.interests.open_of_opportunity(opportunity.id))
