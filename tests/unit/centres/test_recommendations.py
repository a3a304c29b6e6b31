"""A centre with no active subscription is recommended what fits its profile, marked as such."""

from __future__ import annotations

from lowe_centres.model import OpportunityMatched, OpportunityUnmatched
from tests.unit.centres.fakes import FakeUnitOfWork, a_subscription
from tests.unit.centres.flows import match_it, matched, published, revise_it, unmatched, with_centre

PROFILE = {"served_topics": ["digital_skills"], "target_groups": ["seniors"]}


def test_a_centre_without_subscriptions_is_recommended_what_fits_its_profile() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, **PROFILE)

    assert match_it(uow) == 1

    [entry] = uow.feed.for_centre(centre.id)
    assert (entry.recommended, entry.delivery) == (True, "daily_digest")
    assert entry.reasons == {
        "kind": "course",
        "topics": ["digital_skills"],
        "region": "14",
        "subscriptions": [],
        "target_groups": ["seniors"],
        "profile": True,
    }
    event = matched(uow)[centre.id]
    assert (event.reasons.profile, event.delivery) == (True, "daily_digest")


def test_a_centre_whose_subscriptions_are_all_paused_is_recommended_too() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, **PROFILE)
    subscription = a_subscription(centre, topics=["health"])
    subscription.pause(published().published_at)
    uow.subscriptions.add(subscription)

    assert match_it(uow) == 1

    assert uow.feed.for_centre(centre.id)[0].recommended is True


def test_a_centre_with_an_active_subscription_is_recommended_nothing() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, **PROFILE)
    uow.subscriptions.add(a_subscription(centre, topics=["health"]))  # active, does not match

    assert match_it(uow) == 0


def test_a_matching_subscription_wins_over_the_profile() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, **PROFILE)
    uow.subscriptions.add(a_subscription(centre, name="cyfrowe", topics=["digital_skills"]))

    match_it(uow)

    [entry] = uow.feed.for_centre(centre.id)
    assert (entry.recommended, entry.reasons["subscriptions"], entry.delivery) == (False, ["cyfrowe"], "instant")


def test_centres_without_a_profile_or_inactive_or_elsewhere_are_recommended_nothing() -> None:
    uow = FakeUnitOfWork()
    with_centre(uow, "no profile")
    with_centre(uow, "inactive", status="inactive", **PROFILE)
    with_centre(uow, "elsewhere", voivodeship="02", **PROFILE)

    assert match_it(uow) == 0


def test_a_nationwide_opportunity_is_recommended_everywhere() -> None:
    uow = FakeUnitOfWork()
    centres = [with_centre(uow, code, voivodeship=code, **PROFILE) for code in ("02", "14", "32")]

    assert match_it(uow, published(regions=[])) == 3

    assert {entry.centre_id for entry in uow.feed.entries} == {centre.id for centre in centres}


def test_a_recommendation_the_edit_no_longer_fits_is_retracted() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, **PROFILE)
    match_it(uow)
    uow.reset()

    revise_it(uow, ["target_groups"], target_groups=["migrants"])

    assert list(unmatched(uow)) == [centre.id]
    assert [type(event) for event in uow.events] == [OpportunityUnmatched]


def test_a_recommendation_still_fitting_after_the_centre_subscribed_stays() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, **PROFILE)
    match_it(uow)
    uow.subscriptions.add(a_subscription(centre, topics=["health"]))
    uow.reset()

    revise_it(uow, ["title"], title="Excel dla seniorów")

    assert uow.events == []
    assert uow.feed.for_centre(centre.id)[0].recommended is True


def test_an_entry_becomes_a_recommendation_when_only_the_profile_still_fits() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow, **PROFILE)
    subscription = a_subscription(centre, keywords=["Excel"])
    uow.subscriptions.add(subscription)
    match_it(uow)
    subscription.pause(published().published_at)
    uow.reset()

    revise_it(uow, ["title"], title="Arkusze dla seniorów")

    assert not [event for event in uow.events if isinstance(event, OpportunityMatched | OpportunityUnmatched)]
    [entry] = uow.feed.for_centre(centre.id)
    assert (entry.recommended, entry.reasons["subscriptions"], entry.delivery) == (True, [], "daily_digest")
