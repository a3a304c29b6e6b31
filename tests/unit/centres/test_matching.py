"""Why an opportunity fits a subscription (`match`), one reason set per centre (`merge`), and the index terms."""

from __future__ import annotations

from lowe_centres.model import NATIONWIDE, MatchReasons, match, merge
from lowe_centres.repository import ANY, index_terms
from tests.unit.centres.fakes import a_subscription, an_opportunity


def test_a_subscription_with_no_kinds_or_topics_matches_any_opportunity_in_its_region() -> None:
    reasons = match(
        a_subscription(name="all"), an_opportunity(kind="job", topics=["vocational", "languages"], regions=["14"])
    )

    assert reasons == MatchReasons(kind="job", topics=["languages", "vocational"], region="14", subscriptions=["all"])


def test_a_subscription_for_other_kinds_does_not_match() -> None:
    assert match(a_subscription(kinds=["job", "internship"]), an_opportunity(kind="course")) is None


def test_a_subscription_for_the_opportunitys_kind_matches() -> None:
    reasons = match(a_subscription(kinds=["course", "job"]), an_opportunity(kind="course"))

    assert reasons is not None and reasons.kind == "course"


def test_a_subscription_for_other_topics_does_not_match() -> None:
    assert match(a_subscription(topics=["health"]), an_opportunity(topics=["digital_skills", "languages"])) is None


def test_the_reasons_list_only_the_shared_topics() -> None:
    reasons = match(
        a_subscription(topics=["languages", "health", "digital_skills"]),
        an_opportunity(topics=["digital_skills", "languages", "culture"]),
    )

    assert reasons is not None
    assert reasons.topics == ["digital_skills", "languages"]


def test_no_shared_region_means_no_match() -> None:
    assert match(a_subscription(regions=["14", "10"]), an_opportunity(regions=["02", "12"])) is None


def test_the_region_reason_is_a_shared_region() -> None:
    reasons = match(a_subscription(regions=["14", "12"]), an_opportunity(regions=["12", "02"]))

    assert reasons is not None and reasons.region == "12"


def test_a_nationwide_opportunity_matches_a_subscription_in_every_region() -> None:
    for region in ("02", "14", "32"):
        reasons = match(a_subscription(regions=[region]), an_opportunity(regions=[]))

        assert reasons is not None and reasons.region == NATIONWIDE


def test_a_nationwide_subscription_accepts_an_opportunity_from_any_region() -> None:
    reasons = match(a_subscription(regions=[], nationwide=True), an_opportunity(regions=["32", "20"]))

    assert reasons is not None and reasons.region == "20"


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


def test_merging_a_single_reason_keeps_it() -> None:
    reason = MatchReasons(kind="job", topics=["vocational"], region=NATIONWIDE, subscriptions=["jobs"])

    assert merge([reason]) == reason


def test_index_terms_use_the_wildcard_for_any_kind_any_topic_and_nationwide() -> None:
    assert index_terms(a_subscription(kinds=[], topics=[], regions=[], nationwide=True)) == [
        ("kind", ANY),
        ("topic", ANY),
        ("region", ANY),
    ]


def test_index_terms_list_every_kind_topic_and_region_of_a_subscription() -> None:
    subscription = a_subscription(kinds=["course", "job"], topics=["health"], regions=["02", "14"])

    assert index_terms(subscription) == [
        ("kind", "course"),
        ("kind", "job"),
        ("topic", "health"),
        ("region", "02"),
        ("region", "14"),
    ]
