"""Interest from the feed, and following the partners' news about it: late, repeated or out-of-order events."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from lowe_backbone.errors import Conflict, InvalidInput
from lowe_centres import feed_use_cases
from lowe_centres.consumed_interests import FollowInterest
from lowe_centres.feed_commands import ClaimFeedEntry, claim_feed_entry_command
from lowe_centres.model import FeedEntry
from lowe_centres.model.feed import (
    ALLOCATED,
    CLAIMED,
    DECLINED,
    DISMISSED,
    NEW,
    RELEASED,
    REQUESTED,
    SAVED,
    WAITLISTED,
    FeedEntryNotFound,
    InterestUpdate,
    NotClaimable,
)
from tests.unit.centres.fakes import FakePartners, FakeUnitOfWork, a_centre
from tests.unit.centres.feed_builders import DELIVERED_AT, LATER, MINUTE, in_feed, news, ref

EXPRESSED_AT = DELIVERED_AT + 10 * MINUTE
INTEREST = uuid.UUID("3f9a3a59-54b4-4d8e-a8d5-6e8e7d7f0b11")


def claim(uow: FakeUnitOfWork, entry: FeedEntry, partners: FakePartners, places: int | None = 3) -> FeedEntry:
    claimed, _ = feed_use_cases.claim_feed_entry(ClaimFeedEntry(ref(entry), places), uow, partners, now=lambda: LATER)
    return claimed


def follow(uow: FakeUnitOfWork, entry: FeedEntry, update: InterestUpdate) -> bool:
    cmd = FollowInterest(entry.centre_id, entry.opportunity_id, update)
    return feed_use_cases.follow_interest(cmd, uow, now=lambda: LATER)


def interest_of(entry: FeedEntry) -> tuple[object, ...]:
    return (
        entry.interest_id,
        entry.interest_status,
        entry.places_requested,
        entry.places_allocated,
        entry.waitlist_position,
        entry.interest_updated_at,
    )


def test_asking_for_places_from_the_feed_claims_the_entry_and_records_the_interest() -> None:
    uow = FakeUnitOfWork()
    entry, copy = in_feed(uow)
    entry.mark(SAVED, DELIVERED_AT + MINUTE)
    partners = FakePartners(expressed_at=EXPRESSED_AT)

    claimed = claim(uow, entry, partners, places=3)

    assert partners.asked == [(copy.id, entry.centre_id, 3)]
    assert (claimed.state, claimed.state_changed_at) == (CLAIMED, LATER)
    assert interest_of(claimed) == (partners.interest_id, REQUESTED, 3, None, None, EXPRESSED_AT)
    assert uow.committed


def test_expressing_interest_without_places_claims_the_entry_too() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)

    claimed = claim(uow, entry, FakePartners(EXPRESSED_AT), places=None)

    assert (claimed.state, claimed.interest_status, claimed.places_requested) == (CLAIMED, REQUESTED, None)


@pytest.mark.parametrize(
    ("status", "retracted", "message"),
    [
        ("withdrawn", False, "withdrawn"),
        ("closed", False, "closed"),
        ("published", True, "retracted"),
    ],
)
def test_a_retracted_withdrawn_or_closed_entry_cannot_be_claimed(status: str, retracted: bool, message: str) -> None:
    uow = FakeUnitOfWork()
    entry, copy = in_feed(uow)
    copy.status = status
    entry.retracted_at = DELIVERED_AT + MINUTE if retracted else None
    partners = FakePartners()

    with pytest.raises(NotClaimable, match=message):
        claim(uow, entry, partners)

    assert (partners.asked, entry.state) == ([], NEW)


def test_an_entry_whose_interest_is_open_cannot_be_claimed_again() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    claim(uow, entry, FakePartners(EXPRESSED_AT))

    with pytest.raises(NotClaimable, match="requested"):
        claim(uow, entry, FakePartners(EXPRESSED_AT))


def test_after_a_declined_interest_the_centre_may_ask_again_and_the_new_interest_replaces_it() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    first = FakePartners(EXPRESSED_AT)
    claim(uow, entry, first, places=5)
    follow(uow, entry, news(DECLINED, EXPRESSED_AT + MINUTE, first.interest_id, places_requested=5))
    again = FakePartners(EXPRESSED_AT + 2 * MINUTE)

    claimed = claim(uow, entry, again, places=2)

    assert interest_of(claimed) == (again.interest_id, REQUESTED, 2, None, None, EXPRESSED_AT + 2 * MINUTE)


def test_the_partners_refusal_leaves_the_entry_as_it_was() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    partners = FakePartners()
    partners.refusal = Conflict("The opportunity has 2 places in all.", {"places": ["The opportunity has 2 places."]})

    with pytest.raises(Conflict):
        claim(uow, entry, partners, places=9)

    assert (entry.state, entry.interest_id) == (NEW, None)


def test_another_centres_entry_cannot_be_claimed() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    other = a_centre("LOWE Liw")
    uow.centres.add(other)
    partners = FakePartners()

    with pytest.raises(FeedEntryNotFound):
        feed_use_cases.claim_feed_entry(ClaimFeedEntry(ref(entry, other.id), 1), uow, partners)

    assert partners.asked == []


@pytest.mark.parametrize("body", [{"places": 0}, {"places": "3"}, {"places": 10_001}, {"places": 1, "note": "x"}])
def test_an_interest_body_names_what_is_wrong(body: dict[str, object]) -> None:
    with pytest.raises(InvalidInput) as refused:
        claim_feed_entry_command(str(uuid.uuid4()), str(uuid.uuid4()), body)

    assert set(refused.value.fields) in ({"places"}, {"note"})


def test_no_body_asks_for_no_places() -> None:
    assert claim_feed_entry_command(str(uuid.uuid4()), str(uuid.uuid4()), None).places is None


# following the partners' news, whatever route the interest was expressed through


def at(minutes: int) -> datetime:
    return EXPRESSED_AT + minutes * MINUTE


def test_the_partners_decisions_show_on_the_entry_in_turn() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)

    follow(uow, entry, news(REQUESTED, at(0), INTEREST, places_requested=4))
    follow(uow, entry, news(WAITLISTED, at(1), INTEREST, places_requested=4, places_allocated=0, waitlist_position=2))
    assert interest_of(entry) == (INTEREST, WAITLISTED, 4, 0, 2, at(1))
    follow(uow, entry, news(ALLOCATED, at(2), INTEREST, places_requested=4, places_allocated=4))
    assert interest_of(entry) == (INTEREST, ALLOCATED, 4, 4, None, at(2))
    follow(uow, entry, news(ALLOCATED, at(3), INTEREST, places_allocated=1))  # gave back 3 of them
    assert interest_of(entry) == (INTEREST, ALLOCATED, 4, 1, None, at(3))
    follow(uow, entry, news(RELEASED, at(4), INTEREST, places_allocated=0))

    assert interest_of(entry) == (INTEREST, RELEASED, 4, 0, None, at(4))
    assert entry.state == CLAIMED
    assert uow.committed


def test_an_interest_expressed_through_the_opportunitys_own_route_claims_the_entry() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    entry.mark(DISMISSED, DELIVERED_AT + MINUTE)

    assert follow(uow, entry, news(REQUESTED, at(0), INTEREST, places_requested=2))

    assert (entry.state, entry.state_changed_at, entry.interest_status) == (CLAIMED, LATER, REQUESTED)


def test_news_arriving_out_of_order_leaves_the_latest_recorded() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)

    follow(uow, entry, news(ALLOCATED, at(2), INTEREST, places_requested=3, places_allocated=3))
    assert not follow(uow, entry, news(WAITLISTED, at(1), INTEREST, places_requested=3, waitlist_position=1))
    assert not follow(uow, entry, news(REQUESTED, at(0), INTEREST, places_requested=3))

    assert interest_of(entry) == (INTEREST, ALLOCATED, 3, 3, None, at(2))


def test_late_news_of_the_same_interest_fills_in_the_places_it_asked_for() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)

    follow(uow, entry, news(RELEASED, at(3), INTEREST, places_allocated=0))
    follow(uow, entry, news(REQUESTED, at(0), INTEREST, places_requested=6))

    assert interest_of(entry) == (INTEREST, RELEASED, 6, 0, None, at(3))


def test_the_same_news_twice_changes_nothing_the_second_time() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    declined = news(DECLINED, at(1), INTEREST, places_requested=2, places_allocated=0)

    assert follow(uow, entry, declined)
    entry.mark(DISMISSED, LATER + MINUTE)  # the interest is over: the centre tidies its feed
    assert not follow(uow, entry, declined)

    assert (entry.state, entry.interest_status) == (DISMISSED, DECLINED)


def test_on_a_tie_in_time_the_later_step_wins() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)

    follow(uow, entry, news(ALLOCATED, at(1), INTEREST, places_allocated=2))
    assert not follow(uow, entry, news(WAITLISTED, at(1), INTEREST, places_requested=2, waitlist_position=1))

    assert entry.interest_status == ALLOCATED


def test_late_news_of_an_earlier_interest_does_not_replace_the_current_one() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    earlier = uuid.uuid4()

    follow(uow, entry, news(REQUESTED, at(5), INTEREST, places_requested=1))
    assert not follow(uow, entry, news(DECLINED, at(2), earlier, places_requested=9))

    assert interest_of(entry) == (INTEREST, REQUESTED, 1, None, None, at(5))


def test_news_about_a_centre_without_the_opportunity_in_its_feed_is_not_recorded() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    elsewhere = FollowInterest(uuid.uuid4(), entry.opportunity_id, news(REQUESTED, at(0), INTEREST))

    assert not feed_use_cases.follow_interest(elsewhere, uow)

    assert (entry.state, entry.interest_id) == (NEW, None)
    assert uow.committed  # the event counts as processed
