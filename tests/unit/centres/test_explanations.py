"""How well a match fits (`relevance`), one explanation per centre (`merge`), and recommendations by profile."""

from __future__ import annotations

from datetime import timedelta

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_centres.model import NATIONWIDE, MatchReasons, match, merge, recommend, relevance
from lowe_centres.model.regions import NEIGHBOURS
from tests.unit.centres.fakes import PUBLISHED_AT, a_centre, a_subscription, an_opportunity


def score_of(reasons: MatchReasons | None) -> float:
    assert reasons is not None
    return reasons.score


def test_the_score_follows_its_formula() -> None:
    # two shared topics, any target group, held at home, kind named: 0.35·¾ + 0.25·¼ + 0.30·1 + 0.10·1
    assert relevance(2, None, "home", True) == 0.725
    assert relevance(None, None, "elsewhere", False) == round(0.35 * 0.25 + 0.25 * 0.25 + 0.3 * 0.25 + 0.05, 3)


def test_more_shared_topics_score_higher() -> None:
    subscription = a_subscription(topics=["digital_skills", "languages", "culture"])

    one = match(subscription, an_opportunity(topics=["digital_skills", "health"]))
    two = match(subscription, an_opportunity(topics=["digital_skills", "languages"]))
    three = match(subscription, an_opportunity(topics=["digital_skills", "languages", "culture"]))

    assert score_of(one) < score_of(two) < score_of(three)


def test_more_shared_target_groups_score_higher_and_asking_for_them_beats_taking_any() -> None:
    opportunity = an_opportunity(target_groups=["seniors", "unemployed"])

    any_group = match(a_subscription(), opportunity)
    one = match(a_subscription(target_groups=["seniors"]), opportunity)
    two = match(a_subscription(target_groups=["seniors", "unemployed"]), opportunity)

    assert score_of(any_group) < score_of(one) < score_of(two)


def test_a_nearer_region_scores_higher() -> None:
    nationwide_subscription = a_subscription(regions=[], nationwide=True, online_anywhere=True)
    chosen = a_subscription(regions=["14", "02"])

    home = match(chosen, an_opportunity(regions=["14"]), home="14")
    another_chosen = match(chosen, an_opportunity(regions=["02"]), home="14")
    everywhere = match(chosen, an_opportunity(regions=[]), home="14")
    neighbouring = match(nationwide_subscription, an_opportunity(regions=["10"]), home="14")
    online = match(nationwide_subscription, an_opportunity(regions=["32"], delivery_mode="online"), home="14")
    far = match(nationwide_subscription, an_opportunity(regions=["32"]), home="14")

    assert score_of(home) > score_of(another_chosen) > score_of(everywhere) > score_of(neighbouring)
    assert score_of(neighbouring) == score_of(online) > score_of(far)
    assert neighbouring is not None and neighbouring.region == "10"


def test_naming_the_kind_or_finding_a_keyword_scores_higher_than_taking_any() -> None:
    opportunity = an_opportunity(title="Excel dla seniorów")

    assert score_of(match(a_subscription(kinds=["course"]), opportunity)) > score_of(
        match(a_subscription(), opportunity)
    )
    assert score_of(match(a_subscription(keywords=["excel"]), opportunity)) == score_of(
        match(a_subscription(kinds=["course"]), opportunity)
    )


def test_every_voivodeship_has_neighbours_and_bordering_goes_both_ways() -> None:
    assert set(NEIGHBOURS) == set(VOIVODESHIPS)
    for code, near in NEIGHBOURS.items():
        assert near and all(code in NEIGHBOURS[other] for other in near), code


def test_merging_one_centres_reasons_unites_topics_and_subscription_names() -> None:
    merged = merge(
        [
            MatchReasons(kind="course", topics=["languages"], region="14", subscriptions=["languages"]),
            MatchReasons(kind="course", topics=["digital_skills", "languages"], region="12", subscriptions=["digital"]),
            MatchReasons(kind="course", topics=["digital_skills"], region="14", subscriptions=["digital"]),
        ]
    )

    assert merged == MatchReasons(
        kind="course", topics=["digital_skills", "languages"], region="12", subscriptions=["digital", "languages"]
    )


def test_merging_keeps_the_nearest_region_the_best_score_and_everything_found() -> None:
    far = MatchReasons("course", ["culture"], "32", ["far"], keywords=["kurs"], online=True, score=0.4, reach="online")
    near = MatchReasons("course", ["health"], "14", ["near"], target_groups=["seniors"], score=0.3, reach="home")

    merged = merge([far, near])

    assert (merged.region, merged.online, merged.reach, merged.score) == ("14", False, "home", 0.4)
    assert (merged.topics, merged.target_groups, merged.keywords) == (["culture", "health"], ["seniors"], ["kurs"])


def test_merging_a_single_reason_keeps_it() -> None:
    reason = MatchReasons(kind="job", topics=["vocational"], region=NATIONWIDE, subscriptions=["jobs"], score=0.5)

    assert merge([reason]) == reason


def test_the_explanation_names_only_what_applies() -> None:
    plain = MatchReasons(kind="job", topics=[], region="14", subscriptions=["jobs"], score=0.5)
    full = MatchReasons("job", [], "02", [], ["seniors"], ["praca"], True, 3, True)

    assert plain.as_dict() == {"kind": "job", "topics": [], "region": "14", "subscriptions": ["jobs"]}
    assert full.as_dict() == {
        **{"kind": "job", "topics": [], "region": "02", "subscriptions": []},
        **{"target_groups": ["seniors"], "keywords": ["praca"], "online": True, "deadline_in_days": 3},
        "profile": True,
    }


def test_a_centre_is_recommended_what_fits_its_profile_in_its_voivodeship() -> None:
    centre = a_centre(voivodeship="14", served_topics=["digital_skills", "health"], target_groups=["seniors"])
    opportunity = an_opportunity(
        topics=["digital_skills", "culture"], target_groups=["seniors"], apply_by=PUBLISHED_AT + timedelta(days=5)
    )

    reasons = recommend(centre, opportunity, now=PUBLISHED_AT)

    assert reasons is not None
    assert reasons.as_dict() == {
        "kind": "course",
        "topics": ["digital_skills"],
        "region": "14",
        "subscriptions": [],
        "target_groups": ["seniors"],
        "deadline_in_days": 5,
        "profile": True,
    }
    assert reasons.score == relevance(1, 1, "home", False)


def test_a_nationwide_opportunity_is_recommended_in_every_voivodeship() -> None:
    centre = a_centre(voivodeship="32", served_topics=["digital_skills"])

    reasons = recommend(centre, an_opportunity(regions=[]))

    assert reasons is not None and reasons.region == NATIONWIDE


def test_nothing_from_another_voivodeship_is_recommended() -> None:
    assert (
        recommend(a_centre(voivodeship="32", served_topics=["digital_skills"]), an_opportunity(regions=["14"])) is None
    )


def test_nothing_is_recommended_outside_the_profile() -> None:
    centre = a_centre(served_topics=["health"], target_groups=["seniors"])

    assert recommend(centre, an_opportunity(topics=["culture"], target_groups=["seniors"])) is None
    assert recommend(centre, an_opportunity(topics=["health"], target_groups=["migrants"])) is None


def test_a_profile_of_target_groups_alone_takes_any_topic() -> None:
    reasons = recommend(a_centre(target_groups=["seniors"]), an_opportunity(topics=["culture", "health"]))

    assert reasons is not None and reasons.topics == ["culture", "health"]


def test_a_centre_without_a_profile_is_recommended_nothing() -> None:
    assert recommend(a_centre(), an_opportunity()) is None
