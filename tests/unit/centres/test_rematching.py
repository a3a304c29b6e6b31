"""An edited opportunity is matched again: entries retracted or brought up to date, new centres reached."""

from __future__ import annotations

from datetime import timedelta

from lowe_centres.model import OpportunityMatched, OpportunityUnmatched
from tests.unit.centres.fakes import FakeUnitOfWork, a_subscription
from tests.unit.centres.flows import (
    MATCHED_AT,
    OPPORTUNITY_ID,
    UPDATED_AT,
    match_it,
    matched,
    published,
    revise_it,
    unmatched,
    with_centre,
)


def test_an_entry_whose_centre_no_longer_matches_is_retracted_with_an_event() -> None:
    uow = FakeUnitOfWork()
    digital, languages = with_centre(uow, "digital"), with_centre(uow, "languages")
    uow.subscriptions.add(a_subscription(digital, topics=["digital_skills"]))
    uow.subscriptions.add(a_subscription(languages, topics=["languages"]))
    match_it(uow)
    uow.reset()

    assert revise_it(uow, ["topics"], topics=["digital_skills"]) == 0

    [entry] = uow.feed.for_centre(languages.id)
    assert (entry.retracted, entry.retracted_at) == (True, UPDATED_AT)
    assert list(unmatched(uow)) == [languages.id]
    event = unmatched(uow)[languages.id]
    assert (event.centre_name, event.opportunity.id, event.changed, event.unmatched_at, event.reason) == (
        "languages",
        OPPORTUNITY_ID,
        ["topics"],
        UPDATED_AT,
        "no_longer_matches",
    )
    assert uow.feed.for_centre(digital.id)[0].retracted is False
    assert matched(uow) == {}


def test_a_centre_the_edit_newly_fits_gets_it_and_the_others_explanations_follow() -> None:
    uow = FakeUnitOfWork()
    digital, health = with_centre(uow, "digital"), with_centre(uow, "health")
    uow.subscriptions.add(a_subscription(digital, topics=["digital_skills"]))
    uow.subscriptions.add(a_subscription(health, topics=["health"]))
    match_it(uow)
    uow.reset()

    assert revise_it(uow, ["topics"], topics=["digital_skills", "health"]) == 1

    assert list(matched(uow)) == [health.id] and unmatched(uow) == {}
    [entry] = uow.feed.for_centre(health.id)
    assert (entry.matched_at, entry.reasons["topics"]) == (UPDATED_AT, ["health"])
    [kept] = uow.feed.for_centre(digital.id)
    assert (kept.matched_at, kept.reasons["topics"]) == (MATCHED_AT, ["digital_skills"])


def test_an_edit_that_changes_nothing_for_anyone_emits_nothing() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre))
    match_it(uow)
    uow.reset()

    assert revise_it(uow, ["title"], title="Excel dla seniorów") == 0

    assert uow.events == [] and uow.committed


def test_a_retracted_entry_comes_back_when_a_later_edit_fits_again() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, topics=["languages"]))
    match_it(uow)
    revise_it(uow, ["topics"], topics=["health"])
    uow.reset()

    assert revise_it(uow, ["topics"], topics=["health", "languages"]) == 1

    [entry] = uow.feed.for_centre(centre.id)
    assert (entry.retracted, entry.matched_at) == (False, UPDATED_AT)
    assert [type(event) for event in uow.events] == [OpportunityMatched]


def test_a_retracted_entry_is_not_retracted_again() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, kinds=["course"]))
    match_it(uow)
    revise_it(uow, ["kind"], kind="job")
    uow.reset()

    revise_it(uow, ["title"], kind="job", title="Praca")

    assert uow.events == []


def test_pausing_a_subscription_does_not_retract_what_it_matched() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    subscription = a_subscription(centre, topics=["digital_skills"])
    uow.subscriptions.add(subscription)
    match_it(uow)
    subscription.pause(MATCHED_AT)
    uow.reset()

    revise_it(uow, ["title"], title="Excel dla seniorów")

    assert uow.events == [] and uow.feed.for_centre(centre.id)[0].retracted is False


def test_days_passing_do_not_retract_an_entry_only_a_changed_deadline_does() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    uow.subscriptions.add(a_subscription(centre, min_days_before_deadline=7))
    deadline = MATCHED_AT + timedelta(days=10)  # 3 days after UPDATED_AT
    match_it(uow, published(apply_by=deadline))
    uow.reset()

    revise_it(uow, ["title"], title="Nowy tytuł", apply_by=deadline)
    assert uow.events == []

    revise_it(uow, ["apply_by"], apply_by=MATCHED_AT + timedelta(days=5))
    assert list(unmatched(uow)) == [centre.id]


def test_a_retraction_and_a_new_match_leave_one_event_each() -> None:
    uow = FakeUnitOfWork()
    mazowsze, pomorze = with_centre(uow, "14", voivodeship="14"), with_centre(uow, "22", voivodeship="22")
    uow.subscriptions.add(a_subscription(mazowsze, regions=["14"]))
    uow.subscriptions.add(a_subscription(pomorze, regions=["22"]))
    match_it(uow)
    uow.reset()

    assert revise_it(uow, ["regions"], regions=["22"]) == 1

    assert [type(event) for event in uow.events].count(OpportunityUnmatched) == 1
    assert (list(unmatched(uow)), list(matched(uow))) == ([mazowsze.id], [pomorze.id])
