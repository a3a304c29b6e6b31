"""`match`: every filter a subscription sets must pass; each one on its own here."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lowe_centres.model import NATIONWIDE, MatchReasons, match
from tests.unit.centres.fakes import PUBLISHED_AT, a_subscription, an_opportunity

NOW = PUBLISHED_AT


def test_a_subscription_with_no_filters_matches_any_opportunity_in_its_region() -> None:
    reasons = match(
        a_subscription(name="all"), an_opportunity(kind="job", topics=["vocational", "languages"], regions=["14"])
    )

    assert reasons is not None
    assert (reasons.kind, reasons.topics, reasons.region, reasons.subscriptions) == (
        "job",
        ["languages", "vocational"],
        "14",
        ["all"],
    )
    assert (reasons.target_groups, reasons.keywords, reasons.online, reasons.deadline_in_days) == ([], [], False, None)


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

    assert reasons is not None and reasons.topics == ["digital_skills", "languages"]


def test_a_subscription_for_other_target_groups_does_not_match() -> None:
    assert match(a_subscription(target_groups=["migrants"]), an_opportunity(target_groups=["seniors"])) is None


def test_a_subscription_for_target_groups_does_not_match_an_opportunity_naming_none() -> None:
    assert match(a_subscription(target_groups=["seniors"]), an_opportunity(target_groups=[])) is None


def test_the_reasons_list_the_shared_target_groups_a_subscription_asked_for() -> None:
    reasons = match(
        a_subscription(target_groups=["seniors", "migrants", "unemployed"]),
        an_opportunity(target_groups=["unemployed", "seniors", "youth_neet"]),
    )

    assert reasons is not None and reasons.target_groups == ["seniors", "unemployed"]


def test_a_subscription_naming_no_target_groups_takes_any_and_lists_none() -> None:
    reasons = match(a_subscription(target_groups=[]), an_opportunity(target_groups=["seniors"]))

    assert reasons is not None and reasons.target_groups == []


def test_no_shared_region_means_no_match() -> None:
    assert match(a_subscription(regions=["14", "10"]), an_opportunity(regions=["02", "12"])) is None


def test_the_region_reason_is_a_shared_region() -> None:
    reasons = match(a_subscription(regions=["14", "12"]), an_opportunity(regions=["12", "02"]))

    assert reasons is not None and reasons.region == "12"


def test_the_region_reason_prefers_the_centres_own_voivodeship() -> None:
    reasons = match(a_subscription(regions=["12", "14"]), an_opportunity(regions=["12", "14"]), home="14")

    assert reasons is not None and reasons.region == "14"


def test_a_nationwide_opportunity_matches_a_subscription_in_every_region() -> None:
    for region in ("02", "14", "32"):
        reasons = match(a_subscription(regions=[region]), an_opportunity(regions=[]))

        assert reasons is not None and reasons.region == NATIONWIDE


def test_a_nationwide_subscription_accepts_an_opportunity_from_any_region() -> None:
    reasons = match(a_subscription(regions=[], nationwide=True), an_opportunity(regions=["32", "20"]))

    assert reasons is not None and reasons.region == "20"


@pytest.mark.parametrize("mode", ["on_site", "hybrid"])
def test_online_anywhere_does_not_reach_an_opportunity_held_elsewhere_that_is_not_fully_online(mode: str) -> None:
    assert match(a_subscription(online_anywhere=True), an_opportunity(regions=["02"], delivery_mode=mode)) is None


def test_online_anywhere_takes_an_online_opportunity_held_elsewhere_and_says_so() -> None:
    reasons = match(a_subscription(online_anywhere=True), an_opportunity(regions=["32", "02"], delivery_mode="online"))

    assert reasons is not None
    assert (reasons.region, reasons.online) == ("02", True)


def test_without_online_anywhere_an_online_opportunity_elsewhere_does_not_match() -> None:
    assert match(a_subscription(), an_opportunity(regions=["02"], delivery_mode="online")) is None


def test_an_online_opportunity_in_the_subscriptions_region_matches_by_its_region() -> None:
    reasons = match(a_subscription(online_anywhere=True), an_opportunity(regions=["14"], delivery_mode="online"))

    assert reasons is not None and (reasons.region, reasons.online) == ("14", False)


def test_free_only_refuses_a_paid_opportunity() -> None:
    assert match(a_subscription(free_only=True), an_opportunity(free=False, cost_pln=120)) is None


def test_free_only_takes_a_free_opportunity_and_others_take_both() -> None:
    assert match(a_subscription(free_only=True), an_opportunity(free=True)) is not None
    assert match(a_subscription(), an_opportunity(free=False, cost_pln=120)) is not None


def test_keywords_refuse_an_opportunity_mentioning_none_of_them() -> None:
    subscription = a_subscription(keywords=["arkusz kalkulacyjny", "Excel"])

    assert match(subscription, an_opportunity(title="Word dla seniorów", description="Pisanie listów.")) is None


def test_any_one_keyword_found_is_enough_and_the_reasons_name_those_found() -> None:
    subscription = a_subscription(keywords=["Excel", "smartfon", "tablet"])
    opportunity = an_opportunity(title="Kurs: EXCEL i tablet", description="Dla początkujących.")

    reasons = match(subscription, opportunity)

    assert reasons is not None and reasons.keywords == ["Excel", "tablet"]


@pytest.mark.parametrize(
    ("keyword", "title", "description"),
    [
        pytest.param("excel", "EXCEL dla seniorów", "", id="case-insensitive"),
        pytest.param("łódź", "Wycieczka", "Wyjazd do Łodzi i zwiedzanie: ŁÓDŹ nocą.", id="polish-capitals"),
        pytest.param("arkusz kalkulacyjny", "Arkusz\nkalkulacyjny od podstaw", "", id="phrase-over-a-line-break"),
        pytest.param("e-recepta", "Jak odebrać e-receptę? e-recepta krok po kroku", "", id="hyphenated"),
        pytest.param("kurs", "Kurs.", "", id="followed-by-punctuation"),
    ],
)
def test_a_keyword_matches_as_a_whole_word_whatever_its_case(keyword: str, title: str, description: str) -> None:
    assert match(a_subscription(keywords=[keyword]), an_opportunity(title=title, description=description))


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        pytest.param("kurs", "Kursy komputerowe", id="not-a-prefix"),
        pytest.param("lad", "Ślad po wycieczce", id="not-after-a-polish-letter"),
        pytest.param("lodz", "Wyjazd do Łodzi, Łódź", id="diacritics-matter"),
        pytest.param("zajęcia", "Zajecia bez polskich znakow", id="diacritics-matter-the-other-way"),
        pytest.param("pan", "Zajęcia dla pań i panów", id="not-before-a-polish-letter"),
    ],
)
def test_a_keyword_does_not_match_part_of_a_word_or_another_spelling(keyword: str, text: str) -> None:
    assert match(a_subscription(keywords=[keyword]), an_opportunity(title=text, description="")) is None


def test_a_deadline_exactly_the_minimum_away_passes_and_a_nearer_one_does_not() -> None:
    subscription = a_subscription(min_days_before_deadline=7)

    assert match(subscription, an_opportunity(apply_by=NOW + timedelta(days=7)), now=NOW) is not None
    assert match(subscription, an_opportunity(apply_by=NOW + timedelta(days=7, seconds=-1)), now=NOW) is None


def test_the_deadline_is_apply_by_before_starts_at() -> None:
    subscription = a_subscription(min_days_before_deadline=7)
    opportunity = an_opportunity(apply_by=NOW + timedelta(days=3), starts_at=NOW + timedelta(days=30))

    assert match(subscription, opportunity, now=NOW) is None


def test_without_apply_by_the_deadline_is_the_start() -> None:
    subscription = a_subscription(min_days_before_deadline=7)

    assert match(subscription, an_opportunity(starts_at=NOW + timedelta(days=3)), now=NOW) is None
    assert match(subscription, an_opportunity(starts_at=NOW + timedelta(days=9)), now=NOW) is not None


def test_an_opportunity_without_a_deadline_passes_any_minimum() -> None:
    assert match(a_subscription(min_days_before_deadline=30), an_opportunity(), now=NOW) is not None


def test_the_reasons_say_in_how_many_whole_days_the_deadline_is() -> None:
    reasons = match(a_subscription(), an_opportunity(apply_by=NOW + timedelta(days=12, hours=20)), now=NOW)

    assert reasons is not None and reasons.deadline_in_days == 12


def test_without_now_the_deadline_is_counted_from_the_current_time() -> None:
    assert match(a_subscription(min_days_before_deadline=1), an_opportunity(apply_by=NOW + timedelta(days=2))) is None


def test_a_match_is_explained_in_one_value() -> None:
    reasons = match(a_subscription(name="cyfrowe", kinds=["course"]), an_opportunity(), now=NOW)

    assert isinstance(reasons, MatchReasons)
    assert reasons.as_dict() == {
        "kind": "course",
        "topics": ["digital_skills"],
        "region": "14",
        "subscriptions": ["cyfrowe"],
    }
