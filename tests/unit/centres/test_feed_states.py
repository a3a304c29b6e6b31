"""A feed entry's state: what the centre may mark by hand, what claiming, retraction and reinstatement do to it."""

from __future__ import annotations

import uuid

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_centres import feed_use_cases
from lowe_centres.feed_commands import EntryRef, MarkFeedEntry, mark_feed_entry_command
from lowe_centres.model import CentreNotFound, MatchReasons
from lowe_centres.model.feed import (
    ALLOCATED,
    CLAIMED,
    DECLINED,
    DISMISSED,
    NEW,
    RELEASED,
    REQUESTED,
    SAVED,
    SEEN,
    WAITLISTED,
    FeedEntryNotFound,
    StateChangeRefused,
)
from tests.unit.centres.fakes import FakeUnitOfWork, a_centre
from tests.unit.centres.feed_builders import DELIVERED_AT, LATER, MINUTE, in_feed, news, ref

BY_HAND = (NEW, SEEN, SAVED, DISMISSED)


def claimed(status: str = REQUESTED) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    entry.follow(news(status, DELIVERED_AT + MINUTE, uuid.uuid4()), DELIVERED_AT + MINUTE)
    return uow


def mark(uow: FakeUnitOfWork, state: str) -> str:
    [entry] = uow.feed.entries
    marked, _ = feed_use_cases.mark_feed_entry(MarkFeedEntry(ref(entry), state), uow, now=lambda: LATER)
    return marked.state


def test_a_delivered_entry_is_new_since_it_was_delivered() -> None:
    entry, _ = in_feed(FakeUnitOfWork())

    assert (entry.state, entry.state_changed_at) == (NEW, DELIVERED_AT)


@pytest.mark.parametrize("start", BY_HAND)
@pytest.mark.parametrize("target", BY_HAND)
def test_the_centre_moves_an_entry_between_new_seen_saved_and_dismissed_freely(start: str, target: str) -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    entry.state = start

    assert mark(uow, target) == target
    assert uow.committed
    assert entry.state_changed_at == (DELIVERED_AT if start == target else LATER)


def test_marking_an_entry_with_the_state_it_has_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    entry.mark(SAVED, DELIVERED_AT + MINUTE)

    assert mark(uow, SAVED) == SAVED
    assert entry.state_changed_at == DELIVERED_AT + MINUTE


@pytest.mark.parametrize("status", [REQUESTED, WAITLISTED, ALLOCATED])
@pytest.mark.parametrize("target", BY_HAND)
def test_a_claimed_entry_keeps_its_state_while_its_interest_is_open(status: str, target: str) -> None:
    uow = claimed(status)

    with pytest.raises(StateChangeRefused) as refused:
        mark(uow, target)

    assert "claimed" in str(refused.value)
    assert uow.feed.entries[0].state == CLAIMED


@pytest.mark.parametrize("status", [DECLINED, RELEASED])
@pytest.mark.parametrize("target", [SEEN, SAVED, DISMISSED])
def test_once_its_interest_is_over_a_claimed_entry_may_be_seen_saved_or_dismissed(status: str, target: str) -> None:
    uow = claimed(status)

    assert mark(uow, target) == target


@pytest.mark.parametrize("status", [DECLINED, RELEASED])
def test_a_claimed_entry_never_becomes_new_by_hand(status: str) -> None:
    with pytest.raises(StateChangeRefused, match="claimed entry cannot be marked new"):
        mark(claimed(status), NEW)


def test_claimed_is_not_a_state_the_centre_sets_by_hand() -> None:
    with pytest.raises(InvalidInput) as refused:
        mark_feed_entry_command(str(uuid.uuid4()), str(uuid.uuid4()), {"state": CLAIMED})

    assert list(refused.value.fields) == ["state"]


@pytest.mark.parametrize("body", [{"state": "archived"}, {}, {"state": 1}, {"state": "seen", "pinned": True}])
def test_a_state_change_names_what_is_wrong_in_its_body(body: dict[str, object]) -> None:
    with pytest.raises(InvalidInput) as refused:
        mark_feed_entry_command(str(uuid.uuid4()), str(uuid.uuid4()), body)

    assert set(refused.value.fields) <= {"state", "pinned"} and refused.value.fields


def test_another_centres_entry_is_not_found() -> None:
    uow = FakeUnitOfWork()
    entry, _ = in_feed(uow)
    other = a_centre("LOWE Liw")
    uow.centres.add(other)

    with pytest.raises(FeedEntryNotFound):
        feed_use_cases.mark_feed_entry(MarkFeedEntry(ref(entry, other.id), SEEN), uow)
    with pytest.raises(FeedEntryNotFound):
        feed_use_cases.mark_feed_entry(MarkFeedEntry(EntryRef(entry.centre_id, uuid.uuid4()), SEEN), uow)
    with pytest.raises(CentreNotFound):
        feed_use_cases.mark_feed_entry(MarkFeedEntry(ref(entry, uuid.uuid4()), SEEN), uow)
    assert entry.state == NEW


def reasons() -> MatchReasons:
    return MatchReasons(kind="course", topics=[], region="14", subscriptions=["all"])


def test_retraction_keeps_the_state_and_reinstatement_makes_the_entry_new_again() -> None:
    uow = FakeUnitOfWork()
    entry, copy = in_feed(uow)
    centre = uow.centres.get(entry.centre_id)
    assert centre is not None
    entry.mark(DISMISSED, LATER)

    entry.retract(centre, copy, ["regions"], LATER + MINUTE)
    assert entry.state == DISMISSED
    entry.reinstate(centre, copy, reasons(), "instant", LATER + 2 * MINUTE)

    assert (entry.state, entry.state_changed_at, entry.retracted) == (NEW, LATER + 2 * MINUTE, False)


def test_a_reinstated_entry_whose_interest_is_still_open_stays_claimed() -> None:
    uow = claimed(WAITLISTED)
    [entry] = uow.feed.entries
    centre, copy = uow.centres.get(entry.centre_id), uow.opportunities.get(entry.opportunity_id)
    assert centre is not None and copy is not None

    entry.retract(centre, copy, ["regions"], LATER)
    entry.reinstate(centre, copy, reasons(), "instant", LATER + MINUTE)

    assert (entry.state, entry.interest_status) == (CLAIMED, WAITLISTED)
