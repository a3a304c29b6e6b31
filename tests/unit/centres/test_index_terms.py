"""What the indexes hold for a subscription and a centre's profile, and what an opportunity probes them with."""

from __future__ import annotations

from lowe_centres.index import ANY, FREE, ONLINE, index_terms, probes, profile_terms
from tests.unit.centres.fakes import a_centre, a_subscription, an_opportunity


def test_index_terms_use_the_wildcard_for_every_dimension_a_subscription_leaves_open() -> None:
    assert index_terms(a_subscription(kinds=[], topics=[], regions=[], nationwide=True)) == [
        ("kind", ANY),
        ("topic", ANY),
        ("region", ANY),
        ("group", ANY),
        ("free", ANY),
        ("keyword", ANY),
    ]


def test_index_terms_list_every_value_a_subscription_names() -> None:
    subscription = a_subscription(
        kinds=["course", "job"],
        topics=["health"],
        regions=["02", "14"],
        target_groups=["seniors", "migrants"],
        online_anywhere=True,
        free_only=True,
        keywords=["Arkusz kalkulacyjny", "Excel", "arkusz"],
    )

    assert index_terms(subscription) == [
        ("kind", "course"),
        ("kind", "job"),
        ("topic", "health"),
        ("region", "02"),
        ("region", "14"),
        ("region", ONLINE),
        ("group", "seniors"),
        ("group", "migrants"),
        ("free", FREE),
        ("keyword", "arkusz"),
        ("keyword", "excel"),
    ]


def test_a_keyword_is_indexed_under_its_first_word_case_folded() -> None:
    assert ("keyword", "łódź") in index_terms(a_subscription(keywords=["ŁÓDŹ Kaliska"]))
    assert ("keyword", "e") in index_terms(a_subscription(keywords=["e-recepta"]))


def test_an_opportunity_probes_every_dimension_with_its_own_values() -> None:
    opportunity = an_opportunity(
        kind="job",
        topics=["vocational"],
        target_groups=["unemployed"],
        regions=["30"],
        delivery_mode="online",
        free=False,
        title="Monter mebli",
        description="Praca, monter; szkolenie.",
    )

    assert probes(opportunity) == {
        "kind": ["job"],
        "topic": ["vocational"],
        "group": ["unemployed"],
        "free": [],
        "keyword": ["mebli", "monter", "praca", "szkolenie"],
        "region": ["30", ONLINE],
    }


def test_a_nationwide_opportunity_does_not_probe_regions_and_a_free_one_offers_free() -> None:
    offered = probes(an_opportunity(regions=[], free=True))

    assert "region" not in offered and offered["free"] == [FREE]


def test_a_centres_profile_is_indexed_by_topic_group_and_its_own_voivodeship() -> None:
    centre = a_centre(voivodeship="26", served_topics=["health", "culture"], target_groups=[])

    assert profile_terms(centre) == [("topic", "health"), ("topic", "culture"), ("group", ANY), ("region", "26")]


def test_a_centre_without_a_profile_is_not_indexed() -> None:
    assert profile_terms(a_centre()) == []
