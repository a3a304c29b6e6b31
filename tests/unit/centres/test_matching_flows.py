"""Matching a published opportunity over in-memory fakes: one merged feed entry per centre, one event each."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from lowe_centres.matching_flows import FAN_OUT_CHUNK
from lowe_centres.model import MatchReasons, OpportunityMatched, relevance
from tests.unit.centres.fakes import PUBLISHED_AT, FakeUnitOfWork, a_subscription
from tests.unit.centres.flows import MATCHED_AT, OPPORTUNITY_ID, match_it, matched, published, with_centre


def test_a_centre_with_several_matching_subscriptions_gets_one_feed_entry_with_merged_reasons() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, name="digital", topics=["digital_skills"]))
    uow.subscriptions.add(a_subscription(centre, name="languages", topics=["languages"], kinds=["course"]))
    uow.subscriptions.add(a_subscription(centre, name="health", topics=["health"]))

    assert match_it(uow) == 1

    [entry] = uow.feed.for_centre(centre.id)
    assert entry.opportunity_id == OPPORTUNITY_ID
    assert entry.reasons == {
        "kind": "course",
        "topics": ["digital_skills", "languages"],
        "region": "14",
        "subscriptions": ["digital", "languages"],
    }
    assert entry.score == relevance(1, None, "home", True)  # the better of the two: "languages" names the kind
    assert (entry.recommended, entry.retracted) == (False, False)
    assert uow.committed


def test_matching_records_one_opportunity_matched_event_per_centre() -> None:
    uow = FakeUnitOfWork()
    radom, plock = with_centre(uow, "LOWE Radom"), with_centre(uow, "LOWE Płock")
    for centre in (radom, radom, plock):
        uow.subscriptions.add(a_subscription(centre))
    uow.subscriptions.add(a_subscription(name="elsewhere", regions=["02"]))

    assert match_it(uow) == 2

    assert all(isinstance(event, OpportunityMatched) for event in uow.events)
    assert len(uow.events) == 2 and set(matched(uow)) == {radom.id, plock.id}
    event = matched(uow)[plock.id]
    assert (event.centre_name, event.opportunity.id, event.matched_at) == ("LOWE Płock", OPPORTUNITY_ID, MATCHED_AT)
    assert (
        event.reasons.as_dict()
        == MatchReasons(
            kind="course", topics=["digital_skills", "languages"], region="14", subscriptions=["everything"]
        ).as_dict()
    )


def test_no_matching_subscription_means_no_feed_entry() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, regions=["02"]))

    assert match_it(uow) == 0

    assert uow.feed.entries == [] and uow.events == []


def test_a_paused_subscription_matches_nothing_new_and_resumed_it_matches_again() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    subscription = a_subscription(centre)
    subscription.pause(MATCHED_AT)
    uow.subscriptions.add(subscription)

    assert match_it(uow) == 0

    subscription.resume()
    assert match_it(uow) == 1


def test_an_inactive_centre_gets_nothing_new() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, status="inactive")
    uow.subscriptions.add(a_subscription(centre))

    assert match_it(uow) == 0


def test_the_deadline_filter_counts_from_the_time_of_matching() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, min_days_before_deadline=7))

    assert match_it(uow, published(opportunity_id=uuid.uuid4(), apply_by=MATCHED_AT + timedelta(days=6))) == 0
    assert match_it(uow, published(apply_by=MATCHED_AT + timedelta(days=8))) == 1

    [entry] = uow.feed.for_centre(centre.id)
    assert entry.reasons["deadline_in_days"] == 8


def test_a_redelivered_opportunity_is_not_put_in_a_feed_twice() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre))
    match_it(uow)
    uow.reset()

    assert match_it(uow) == 0

    assert len(uow.feed.for_centre(centre.id)) == 1
    assert uow.events == []


def test_a_later_subscriber_gets_a_redelivered_opportunity_but_earlier_ones_do_not() -> None:
    uow = FakeUnitOfWork()
    first, later = with_centre(uow, "first"), with_centre(uow, "later")
    uow.subscriptions.add(a_subscription(first))
    match_it(uow)
    uow.subscriptions.add(a_subscription(later))
    uow.reset()

    assert match_it(uow) == 1

    assert list(matched(uow)) == [later.id]


@pytest.mark.parametrize(
    ("deliveries", "expected"),
    [(["daily_digest", "instant"], "instant"), (["daily_digest", "daily_digest"], "daily_digest")],
)
def test_delivery_is_instant_when_any_matching_subscription_is_instant(deliveries: list[str], expected: str) -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    for delivery in deliveries:
        uow.subscriptions.add(a_subscription(centre, delivery=delivery))
    uow.subscriptions.add(a_subscription(centre, delivery="instant", regions=["02"]))  # does not match

    match_it(uow)

    [entry] = uow.feed.for_centre(centre.id)
    assert entry.delivery == expected
    assert matched(uow)[centre.id].delivery == expected


def test_matching_keeps_the_centres_own_copy_of_the_opportunity() -> None:
    uow = FakeUnitOfWork()
    starts = PUBLISHED_AT + timedelta(days=20)

    match_it(uow, published(regions=[], delivery_mode="online", free=False, starts_at=starts))

    copy = uow.opportunities.get(OPPORTUNITY_ID)
    assert copy is not None
    assert (copy.title, copy.nationwide, copy.regions, copy.published_at) == (
        "Excel for seniors",
        True,
        [],
        PUBLISHED_AT,
    )
    assert (copy.delivery_mode, copy.free, copy.deadline) == ("online", False, starts)


def test_a_large_fan_out_is_committed_in_parts_and_every_centre_gets_it_once() -> None:
    uow = FakeUnitOfWork()
    centres = [with_centre(uow, f"LOWE {number}") for number in range(FAN_OUT_CHUNK * 2 + 7)]
    for centre in centres:
        uow.subscriptions.add(a_subscription(centre))

    assert match_it(uow) == len(centres)

    assert uow.progress_commits == 2  # after 500 and 1,000 centres; the last 7 with the processed mark
    assert set(matched(uow)) == {centre.id for centre in centres}
    assert len(uow.events) == len(centres)
