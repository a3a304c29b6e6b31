"""What the centre marks is told (`feed_entry_marked`) only when the state changes; a withdrawn interest shows on the
entry whatever order its news arrives in, and the entry may be claimed again; interest expressed by opportunity."""

from __future__ import annotations

import uuid

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_centres import feed_use_cases
from lowe_centres.consumed_interests import FollowInterest
from lowe_centres.feed_commands import ExpressInterest, MarkFeedEntry, express_interest_command
from lowe_centres.model import CentreNotFound, FeedEntry, FeedEntryMarked
from lowe_centres.model.feed import (
    ALLOCATED,
    CLAIMED,
    NEW,
    RELEASED,
    REQUESTED,
    SAVED,
    SEEN,
    WITHDRAWN,
    InterestUpdate,
    NotClaimable,
    StateChangeRefused,
)
from tests.unit.centres.fakes import FakePartners, FakeUnitOfWork, a_centre
from tests.unit.centres.feed_builders import DELIVERED_AT, LATER, MINUTE, in_feed, news, ref

INTEREST = uuid.UUID("3f9a3a59-54b4-4d8e-a8d5-6e8e7d7f0b11")
WITHDRAWN_AT = DELIVERED_AT + 30 * MINUTE


def mark(uow: FakeUnitOfWork, entry: FeedEntry, state: str) -> None:
    feed_use_cases.mark_feed_entry(MarkFeedEntry(ref(entry), state), uow, now=lambda: LATER)


def follow(uow: FakeUnitOfWork, entry: FeedEntry, update: InterestUpdate) -> bool:
    cmd = FollowInterest(entry.centre_id, entry.opportunity_id, update)
    return feed_use_cases.follow_interest(cmd, uow, now=lambda: LATER)


def test_a_change_of_state_by_hand_records_feed_entry_marked_with_the_previous_state() -> None:
    uow = FakeUnitOfWork()
    entry, copy = in_feed(uow)

    mark(uow, entry, SAVED)

    assert uow.events == [FeedEntryMarked(entry.centre_id, entry.id, copy.id, SAVED, NEW, LATER)]


def test_marking_the_state_the_entry_already_has_records_nothing() -> None:
    uow = FakeUnitOfWork()
    entry, _copy = in_feed(uow)
    mark(uow, entry, SEEN)
    uow.reset()

    mark(uow, entry, SEEN)

    assert (uow.events, entry.state) == ([], SEEN)


def test_a_refused_change_and_a_claim_record_no_mark() -> None:
    uow = FakeUnitOfWork()
    entry, _copy = in_feed(uow)
    follow(uow, entry, news(REQUESTED, DELIVERED_AT + MINUTE, INTEREST, places_requested=2))
    assert entry.state == CLAIMED

    with pytest.raises(StateChangeRefused):
        mark(uow, entry, SEEN)
    assert not any(isinstance(event, FeedEntryMarked) for event in uow.events)


def test_a_withdrawn_interest_shows_withdrawn_and_the_entry_may_be_claimed_again() -> None:
    uow = FakeUnitOfWork()
    entry, copy = in_feed(uow)
    follow(uow, entry, news(ALLOCATED, DELIVERED_AT + MINUTE, INTEREST, places_requested=2, places_allocated=2))

    assert follow(uow, entry, news(RELEASED, WITHDRAWN_AT, INTEREST, places_allocated=0))
    assert follow(uow, entry, news(WITHDRAWN, WITHDRAWN_AT, INTEREST, places_allocated=0))

    assert (entry.state, entry.interest_status, entry.places_allocated, entry.places_requested) == (
        CLAIMED,
        WITHDRAWN,
        0,
        2,
    )
    entry.check_claimable(copy)  # over: a new interest may start
    mark(uow, entry, SAVED)
    assert entry.state == SAVED


def test_the_release_of_a_withdrawal_arriving_after_it_does_not_undo_it_and_twice_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    entry, _copy = in_feed(uow)
    follow(uow, entry, news(ALLOCATED, DELIVERED_AT + MINUTE, INTEREST, places_requested=2, places_allocated=2))
    withdrawal = news(WITHDRAWN, WITHDRAWN_AT, INTEREST, places_allocated=0)
    assert follow(uow, entry, withdrawal)

    assert not follow(uow, entry, news(RELEASED, WITHDRAWN_AT, INTEREST, places_allocated=0))
    assert not follow(uow, entry, withdrawal)
    assert not follow(uow, entry, news(REQUESTED, DELIVERED_AT, INTEREST, places_requested=2))
    assert (entry.interest_status, entry.interest_updated_at) == (WITHDRAWN, WITHDRAWN_AT)


def test_an_old_withdrawal_arriving_after_a_new_interest_is_ignored() -> None:
    uow = FakeUnitOfWork()
    entry, _copy = in_feed(uow)
    follow(uow, entry, news(REQUESTED, WITHDRAWN_AT + MINUTE, uuid.uuid4(), places_requested=1))

    assert not follow(uow, entry, news(WITHDRAWN, WITHDRAWN_AT, INTEREST, places_allocated=0))
    assert entry.interest_status == REQUESTED


def test_expressing_interest_in_an_opportunity_in_the_feed_is_claiming_its_entry() -> None:
    uow = FakeUnitOfWork()
    entry, copy = in_feed(uow)
    partners = FakePartners()

    interest, entry_id = feed_use_cases.express_interest(
        ExpressInterest(entry.centre_id, copy.id, 2, "Dla seniorów"), uow, partners, now=lambda: LATER
    )

    assert (interest.id, entry_id) == (partners.interest_id, entry.id)
    assert (partners.asked, partners.notes) == ([(copy.id, entry.centre_id, 2)], ["Dla seniorów"])
    assert (entry.state, entry.interest_id, entry.interest_status, entry.places_requested) == (
        CLAIMED,
        partners.interest_id,
        REQUESTED,
        2,
    )


def test_interest_in_an_entry_that_cannot_be_claimed_is_refused_as_the_claim_is() -> None:
    uow = FakeUnitOfWork()
    entry, copy = in_feed(uow, status="closed")
    partners = FakePartners()

    with pytest.raises(NotClaimable):
        feed_use_cases.express_interest(ExpressInterest(entry.centre_id, copy.id), uow, partners)
    assert partners.asked == []


def test_interest_in_an_opportunity_not_in_the_feed_is_asked_of_the_partners_directly() -> None:
    uow = FakeUnitOfWork()
    centre = a_centre()
    uow.centres.add(centre)
    partners = FakePartners()
    opportunity_id = uuid.uuid4()

    interest, entry_id = feed_use_cases.express_interest(ExpressInterest(centre.id, opportunity_id), uow, partners)

    assert (interest.id, entry_id, partners.asked) == (partners.interest_id, None, [(opportunity_id, centre.id, None)])
    with pytest.raises(CentreNotFound):
        feed_use_cases.express_interest(ExpressInterest(uuid.uuid4(), opportunity_id), uow, partners)


def test_the_interest_payload_is_read_and_unknown_fields_refused() -> None:
    centre, opportunity = uuid.uuid4(), uuid.uuid4()

    cmd = express_interest_command(str(centre), {"opportunity_id": str(opportunity), "places": 3, "message": " Hej "})

    assert cmd == ExpressInterest(centre, opportunity, 3, "Hej")
    for payload, named in (
        ({}, "opportunity_id"),
        ({"opportunity_id": "x"}, "opportunity_id"),
        ({"opportunity_id": str(opportunity), "places": 0}, "places"),
        ({"opportunity_id": str(opportunity), "places": "2"}, "places"),
        ({"opportunity_id": str(opportunity), "message": "x" * 501}, "message"),
        ({"opportunity_id": str(opportunity), "centre_id": str(centre)}, "centre_id"),
    ):
        with pytest.raises(InvalidInput) as refused:
            express_interest_command(str(centre), payload)
        assert list(refused.value.fields) == [named], payload
