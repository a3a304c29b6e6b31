"""The matching and recommendation indexes against the real database (SQLite, or PostgreSQL when asked):
each filter narrows the candidates, paused subscriptions and inactive centres are left out by the index."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_centres import orm, use_cases
from lowe_centres.commands import AddSubscription, RegisterCentre, SubscriptionRef, UpdateCentre
from lowe_centres.model import Centre, PublishedOpportunity
from lowe_centres.unit_of_work import CentresUnitOfWork

NOW = datetime.now(UTC)


@pytest.fixture
def uow(database_url: Callable[[str], str]) -> Iterator[CentresUnitOfWork]:
    orm.start_mappers()
    engine = create_engine_for(database_url("centres"))
    yield CentresUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "centres", "test-centres-index")
    engine.dispose()


def a_centre(uow: CentresUnitOfWork, voivodeship: str = "14", **details: Any) -> Centre:
    return use_cases.register_centre(RegisterCentre("LOWE", voivodeship, "Gmina", details), uow)


def subscribe(uow: CentresUnitOfWork, centre: Centre, name: str, **filters: Any) -> uuid.UUID:
    fields: dict[str, Any] = {"kinds": [], "topics": [], "regions": None, "nationwide": False, "delivery": "instant"}
    fields.update(filters)
    return use_cases.add_subscription(AddSubscription(centre.id, name, **fields), uow).id


def an_opportunity(**changes: Any) -> PublishedOpportunity:
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "partner_name": "Fundacja",
        "kind": "course",
        "title": "Kurs obsługi arkusza kalkulacyjnego",
        "description": "Dla seniorów z Łodzi i okolic.",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        "nationwide": False,
        "published_at": NOW,
    }
    fields.update(changes)
    fields["nationwide"] = not fields["regions"]
    return PublishedOpportunity(**fields)


def candidates(uow: CentresUnitOfWork, opportunity: PublishedOpportunity) -> set[str]:
    with uow:
        found = uow.subscriptions.candidates_by_centre(opportunity, now=NOW)
        return {subscription.name for _centre, subscriptions in found for subscription in subscriptions}


def recommended(uow: CentresUnitOfWork, opportunity: PublishedOpportunity) -> set[str]:
    with uow:
        return {centre.name for centre in uow.centres.recommendation_candidates(opportunity)}


@pytest.mark.parametrize(
    ("filters", "fits", "does_not_fit"),
    [
        pytest.param({"kinds": ["course", "job"]}, {}, {"kind": "workshop"}, id="kind"),
        pytest.param({"topics": ["digital_skills", "health"]}, {}, {"topics": ["culture"]}, id="topic"),
        pytest.param({"target_groups": ["seniors"]}, {}, {"target_groups": ["migrants"]}, id="target-group"),
        pytest.param(
            {"target_groups": ["seniors"]},
            {"target_groups": ["seniors", "migrants"]},
            {"target_groups": []},
            id="target-group-none",
        ),
        pytest.param({"regions": ["14", "02"]}, {"regions": ["02", "32"]}, {"regions": ["32"]}, id="region"),
        pytest.param({}, {"regions": []}, {"regions": ["10"]}, id="own-voivodeship-or-nationwide"),
        pytest.param({"nationwide": True, "kinds": ["course"]}, {"regions": ["32"]}, {"kind": "job"}, id="nationwide"),
        pytest.param(
            {"online_anywhere": True},
            {"regions": ["32"], "delivery_mode": "online"},
            {"regions": ["32"], "delivery_mode": "hybrid"},
            id="online-anywhere",
        ),
        pytest.param({"free_only": True}, {"free": True}, {"free": False}, id="free-only"),
        pytest.param({"keywords": ["Arkusza kalkulacyjnego", "Excel"]}, {}, {"title": "Kurs Worda"}, id="keyword"),
        pytest.param({"keywords": ["łodzi"]}, {}, {"description": "Dla seniorów z Lodzi."}, id="keyword-diacritics"),
        pytest.param(
            {"min_days_before_deadline": 7},
            {"apply_by": NOW + timedelta(days=8)},
            {"apply_by": NOW + timedelta(days=6), "starts_at": NOW + timedelta(days=30)},
            id="deadline",
        ),
        pytest.param(
            {"min_days_before_deadline": 7},
            {"starts_at": None},
            {"starts_at": NOW + timedelta(days=2)},
            id="deadline-start",
        ),
    ],
)
def test_each_filter_narrows_the_candidates(
    uow: CentresUnitOfWork, filters: dict[str, Any], fits: dict[str, Any], does_not_fit: dict[str, Any]
) -> None:
    centre = a_centre(uow)
    subscribe(uow, centre, "filtered", **filters)
    subscribe(uow, centre, "never", kinds=["donation"], regions=["20"])

    assert candidates(uow, an_opportunity(**fits)) == {"filtered"}
    assert candidates(uow, an_opportunity(**does_not_fit)) == set()


def test_paused_subscriptions_and_inactive_centres_are_left_out(uow: CentresUnitOfWork) -> None:
    active, closing = a_centre(uow), a_centre(uow)
    paused = subscribe(uow, active, "paused")
    subscribe(uow, active, "running")
    subscribe(uow, closing, "of an inactive centre")
    use_cases.pause_subscription(SubscriptionRef(active.id, paused), uow)
    use_cases.update_centre(UpdateCentre(closing.id, {"status": "inactive"}), uow)

    assert candidates(uow, an_opportunity()) == {"running"}

    use_cases.resume_subscription(SubscriptionRef(active.id, paused), uow)
    assert candidates(uow, an_opportunity()) == {"running", "paused"}


def test_among_many_subscriptions_only_the_fitting_ones_are_read(uow: CentresUnitOfWork) -> None:
    centre = a_centre(uow)
    for number in range(60):
        subscribe(uow, centre, f"health {number}", topics=["health"])
        subscribe(uow, centre, f"jobs {number}", kinds=["job"], regions=["30"])
    subscribe(uow, centre, "digital", topics=["digital_skills"])

    assert candidates(uow, an_opportunity()) == {"digital"}


def test_recommendation_candidates_are_centres_whose_profile_fits_and_that_have_no_active_subscription(
    uow: CentresUnitOfWork,
) -> None:
    profile = {"served_topics": ["digital_skills"], "target_groups": ["seniors"]}
    for name, voivodeship, details in [
        ("fits", "14", profile),
        ("groups only", "14", {"target_groups": ["seniors"]}),
        ("other topics", "14", {"served_topics": ["health"]}),
        ("other voivodeship", "02", profile),
        ("no profile", "14", {}),
        ("inactive", "14", {**profile, "status": "inactive"}),
    ]:
        use_cases.register_centre(RegisterCentre(name, voivodeship, "Gmina", details), uow)
    subscribed = use_cases.register_centre(RegisterCentre("subscribed", "14", "Gmina", profile), uow)
    all_paused = use_cases.register_centre(RegisterCentre("all paused", "14", "Gmina", profile), uow)
    subscribe(uow, subscribed, "active", topics=["health"])
    use_cases.pause_subscription(SubscriptionRef(all_paused.id, subscribe(uow, all_paused, "paused")), uow)

    assert recommended(uow, an_opportunity()) == {"fits", "groups only", "all paused"}
    assert recommended(uow, an_opportunity(regions=[])) == {"fits", "groups only", "all paused", "other voivodeship"}


def test_a_changed_profile_is_indexed_again(uow: CentresUnitOfWork) -> None:
    centre = a_centre(uow, "26", served_topics=["health"])
    assert recommended(uow, an_opportunity(regions=["26"])) == set()

    use_cases.update_centre(UpdateCentre(centre.id, {"served_topics": ["digital_skills"]}), uow)
    assert recommended(uow, an_opportunity(regions=["26"])) == {"LOWE"}

    use_cases.update_centre(UpdateCentre(centre.id, {"voivodeship": "28"}), uow)
    assert recommended(uow, an_opportunity(regions=["26"])) == set()
    assert recommended(uow, an_opportunity(regions=["28"])) == {"LOWE"}
