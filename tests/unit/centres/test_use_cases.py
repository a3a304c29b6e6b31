"""The centres service's use cases over in-memory fakes: subscribing and matching published opportunities."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from lowe_centres import use_cases
from lowe_centres.commands import AddSubscription, MatchPublishedOpportunity, RegisterCentre
from lowe_centres.model import Centre, CentreNotFound, MatchReasons, OpportunityMatched
from tests.unit.centres.fakes import PUBLISHED_AT, FakeUnitOfWork, a_centre, a_subscription

MATCHED_AT = datetime(2025, 3, 3, 11, 31, tzinfo=UTC)
OPPORTUNITY_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")


def published(regions: list[str] | None = None, topics: list[str] | None = None) -> MatchPublishedOpportunity:
    regions = ["14"] if regions is None else regions
    return MatchPublishedOpportunity(
        opportunity_id=OPPORTUNITY_ID,
        partner_name="Fundacja Cyfrowa",
        kind="course",
        title="Excel for seniors",
        description="Six Saturday mornings.",
        topics=topics or ["digital_skills", "languages"],
        target_groups=["seniors"],
        regions=regions,
        nationwide=not regions,
        published_at=PUBLISHED_AT,
    )


def match_it(uow: FakeUnitOfWork, cmd: MatchPublishedOpportunity | None = None) -> int:
    return use_cases.match_published_opportunity(cmd or published(), uow, now=lambda: MATCHED_AT)


def with_centre(uow: FakeUnitOfWork, name: str = "LOWE Radom") -> Centre:
    centre = a_centre(name=name)
    uow.centres.add(centre)
    return centre


def subscribe(uow: FakeUnitOfWork, centre: Centre, regions: list[str] | None, nationwide: bool = False) -> list[str]:
    cmd = AddSubscription(
        centre_id=centre.id, name="all", kinds=[], topics=[], regions=regions, nationwide=nationwide, delivery="instant"
    )
    return use_cases.add_subscription(cmd, uow).regions


def test_registering_a_centre_stores_it_and_commits() -> None:
    uow = FakeUnitOfWork()

    centre = use_cases.register_centre(RegisterCentre(name="LOWE Radom", voivodeship="14", municipality="Radom"), uow)

    assert uow.centres.get(centre.id) is centre
    assert uow.committed


def test_a_subscription_without_regions_covers_the_centres_own_voivodeship() -> None:
    uow = FakeUnitOfWork()

    assert subscribe(uow, with_centre(uow), regions=None) == ["14"]
    assert uow.committed


def test_a_subscription_keeps_the_regions_it_was_given() -> None:
    uow = FakeUnitOfWork()

    assert subscribe(uow, with_centre(uow), regions=["02", "12"]) == ["02", "12"]


def test_a_nationwide_subscription_has_no_regions() -> None:
    uow = FakeUnitOfWork()

    assert subscribe(uow, with_centre(uow), regions=None, nationwide=True) == []


def test_subscribing_an_unknown_centre_fails() -> None:
    uow = FakeUnitOfWork()

    with pytest.raises(CentreNotFound):
        subscribe(uow, a_centre(), regions=None)

    assert uow.subscriptions.all() == []


def test_a_centre_with_several_matching_subscriptions_gets_one_feed_entry_with_merged_reasons() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, name="digital", topics=["digital_skills"]))
    uow.subscriptions.add(a_subscription(centre, name="languages", topics=["languages"]))
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
    assert uow.committed


def test_matching_records_one_opportunity_matched_event_per_centre() -> None:
    uow = FakeUnitOfWork()
    radom, plock = with_centre(uow, "LOWE Radom"), with_centre(uow, "LOWE Płock")
    for centre in (radom, radom, plock):
        uow.subscriptions.add(a_subscription(centre))
    uow.subscriptions.add(a_subscription(name="elsewhere", regions=["02"]))

    assert match_it(uow) == 2

    assert all(isinstance(event, OpportunityMatched) for event in uow.events)
    matched = {event.centre_id: event for event in uow.events if isinstance(event, OpportunityMatched)}
    assert len(uow.events) == 2 and set(matched) == {radom.id, plock.id}
    event = matched[plock.id]
    assert (event.centre_name, event.opportunity.id, event.matched_at) == ("LOWE Płock", OPPORTUNITY_ID, MATCHED_AT)
    assert event.reasons == MatchReasons(
        kind="course", topics=["digital_skills", "languages"], region="14", subscriptions=["everything"]
    )


def test_no_matching_subscription_means_no_feed_entry() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, regions=["02"]))

    assert match_it(uow) == 0

    assert uow.feed.entries == [] and uow.events == []


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

    assert [event.centre_id for event in uow.events if isinstance(event, OpportunityMatched)] == [later.id]


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


def test_matching_keeps_the_centres_own_copy_of_the_opportunity() -> None:
    uow = FakeUnitOfWork()

    match_it(uow, published(regions=[]))

    copy = uow.opportunities.get(OPPORTUNITY_ID)
    assert copy is not None
    assert (copy.title, copy.nationwide, copy.regions, copy.published_at) == (
        "Excel for seniors",
        True,
        [],
        PUBLISHED_AT,
    )
