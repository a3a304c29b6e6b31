"""The in-memory matching index: it names every subscription and centre the domain would match or recommend, and
keeps doing so as subscriptions and centres are added, paused, resumed, changed and removed."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_centres.bitmaps import Postings, from_slots, slots_of
from lowe_centres.index import probes
from lowe_centres.matching_index import IndexedCentre, IndexedSubscription, MatchingIndex
from lowe_centres.model import Centre, PublishedOpportunity, Subscription, match, recommend
from tests.unit.centres.fakes import PUBLISHED_AT, a_centre, a_subscription, an_opportunity

REGIONS = list(VOIVODESHIPS)


def test_a_bitmap_holds_exactly_the_slots_it_was_built_from() -> None:
    slots = [0, 1, 7, 8, 63, 64, 99_999]

    assert list(slots_of(from_slots(reversed(slots)))) == slots
    assert list(slots_of(from_slots([]))) == []


def test_postings_answer_the_slots_accepting_any_of_the_values() -> None:
    postings = Postings()
    postings.load({"course": [1, 5], "job": [2]})
    postings.add("job", 9)
    postings.discard("course", 5)
    postings.discard("course", 1)

    assert list(slots_of(postings.accepting(["course", "job", "unknown"]))) == [2, 9]
    assert len(postings) == 1  # an emptied value is forgotten


def indexed(centres: list[Centre], subscriptions: list[Subscription]) -> MatchingIndex:
    index = MatchingIndex()
    index.load([IndexedCentre.of(c) for c in centres], [IndexedSubscription.of(s) for s in subscriptions])
    return index


def names(found: list[Any]) -> set[str]:
    return {record.name for record in found}


def test_paused_subscriptions_and_those_of_inactive_centres_are_no_candidates() -> None:
    active, closing = a_centre("active"), a_centre("closing")
    running = a_subscription(active, name="running")
    paused = a_subscription(active, name="paused", paused=True)
    index = indexed([active, closing], [running, paused, a_subscription(closing, name="of closing")])
    index.put_centre(IndexedCentre.of(replace(closing, status="inactive")))

    assert names(index.subscription_candidates(probes(an_opportunity()))) == {"running"}

    paused.resume()
    index.put_subscription(IndexedSubscription.of(paused))
    index.put_centre(IndexedCentre.of(closing))
    assert names(index.subscription_candidates(probes(an_opportunity()))) == {"running", "paused", "of closing"}


def test_a_changed_subscription_is_indexed_by_its_new_filters_only() -> None:
    centre = a_centre()
    subscription = a_subscription(centre, name="jobs", kinds=["job"])
    index = indexed([centre], [subscription])
    subscription.kinds = ["course"]
    index.put_subscription(IndexedSubscription.of(subscription))

    assert names(index.subscription_candidates(probes(an_opportunity(kind="course")))) == {"jobs"}
    assert index.subscription_candidates(probes(an_opportunity(kind="job"))) == []
    assert len(index) == 1


def test_a_removed_subscription_frees_its_slot_for_the_next_one() -> None:
    centre = a_centre()
    first, second = a_subscription(centre, name="first"), a_subscription(centre, name="second")
    index = indexed([centre], [first])
    index.remove_subscription(first.id)
    index.put_subscription(IndexedSubscription.of(second))

    assert names(index.subscription_candidates(probes(an_opportunity()))) == {"second"}
    assert len(index) == 1


def test_a_removed_centre_takes_its_subscriptions_and_profile_with_it() -> None:
    centre = a_centre(served_topics=["digital_skills"])
    index = indexed([centre], [a_subscription(centre)])
    index.remove_centre(centre.id)

    assert index.subscription_candidates(probes(an_opportunity())) == []
    assert index.centre(centre.id) is None
    assert index.recommendation_candidates(["digital_skills"], [], ["14"]) == []


def test_a_centre_is_recommendable_only_while_none_of_its_subscriptions_is_active() -> None:
    centre = a_centre(served_topics=["digital_skills"])
    subscription = a_subscription(centre, topics=["health"])
    index = indexed([centre], [subscription])
    assert index.recommendation_candidates(["digital_skills"], ["seniors"], ["14"]) == []

    subscription.pause(PUBLISHED_AT)
    index.put_subscription(IndexedSubscription.of(subscription))
    assert names(index.recommendation_candidates(["digital_skills"], ["seniors"], ["14"])) == {centre.name}

    index.remove_subscription(subscription.id)
    index.put_centre(IndexedCentre.of(replace(centre, voivodeship="02")))
    assert index.recommendation_candidates(["digital_skills"], ["seniors"], ["14"]) == []
    assert names(index.recommendation_candidates(["digital_skills"], ["seniors"], None)) == {centre.name}


def random_subscription(rng: random.Random, centre: Centre, number: int) -> Subscription:
    nationwide = rng.random() < 0.15
    return a_subscription(
        centre,
        name=f"s{number}",
        kinds=rng.sample(OPPORTUNITY_KINDS, rng.choice([0, 0, 1, 2])),
        topics=rng.sample(TOPICS, rng.choice([0, 1, 2])),
        target_groups=rng.sample(TARGET_GROUPS, rng.choice([0, 0, 1])),
        regions=[] if nationwide else rng.sample(REGIONS, rng.choice([1, 1, 2])),
        nationwide=nationwide,
        online_anywhere=rng.random() < 0.2,
        free_only=rng.random() < 0.2,
        keywords=rng.choice([[], [], ["kurs"], ["język angielski"], ["seniorzy", "excel"]]),
        paused=rng.random() < 0.1,
    )


def random_opportunity(rng: random.Random) -> PublishedOpportunity:
    regions = [] if rng.random() < 0.15 else rng.sample(REGIONS, rng.choice([1, 2]))
    return an_opportunity(
        kind=rng.choice(OPPORTUNITY_KINDS),
        topics=rng.sample(TOPICS, rng.choice([1, 2])),
        target_groups=rng.sample(TARGET_GROUPS, rng.choice([0, 1, 2])),
        regions=regions,
        delivery_mode=rng.choice(["on_site", "online", "hybrid"]),
        free=rng.random() < 0.7,
        title=rng.choice(["Kurs Excel dla seniorów", "Język angielski w pracy", "Warsztaty"]),
        description=rng.choice(["Zapraszamy.", "Kurs: język angielski, poziom A2.", ""]),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_names_every_subscription_and_centre_that_a_full_scan_would_match(seed: int) -> None:
    rng = random.Random(seed)
    centres = [
        a_centre(
            f"c{n}",
            rng.choice(REGIONS),
            served_topics=rng.sample(TOPICS, rng.choice([0, 1, 2])),
            target_groups=rng.sample(TARGET_GROUPS, rng.choice([0, 1])),
            status="inactive" if rng.random() < 0.1 else "active",
        )
        for n in range(60)
    ]
    subscriptions = [random_subscription(rng, rng.choice(centres[:45]), n) for n in range(400)]
    index = indexed(centres, subscriptions)
    home = {centre.id: centre for centre in centres}
    for _ in range(150):
        opportunity = random_opportunity(rng)
        scanned = {
            s.name
            for s in subscriptions
            if not s.paused
            and home[s.centre_id].active
            and match(s, opportunity, PUBLISHED_AT, home[s.centre_id].voivodeship)
        }
        found = {
            s.name
            for s in index.subscription_candidates(probes(opportunity))
            if match(s, opportunity, PUBLISHED_AT, home[s.centre_id].voivodeship)
        }
        assert found == scanned

        subscribed = {s.centre_id for s in subscriptions if not s.paused}
        regions = None if opportunity.nationwide else opportunity.regions
        recommendable = {
            c.name for c in centres if c.active and c.id not in subscribed and recommend(c, opportunity, PUBLISHED_AT)
        }
        candidates = index.recommendation_candidates(opportunity.topics, opportunity.target_groups, regions)
        assert {c.name for c in candidates if recommend(c, opportunity, PUBLISHED_AT)} == recommendable
