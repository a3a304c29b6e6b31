"""The centres service's registry use cases over in-memory fakes: centres, their profile, subscriptions, pausing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from lowe_centres import use_cases
from lowe_centres.commands import AddSubscription, RegisterCentre, SubscriptionRef, UpdateCentre
from lowe_centres.model import Centre, CentreNotFound, SubscriptionNotFound
from tests.unit.centres.fakes import FakeUnitOfWork, a_centre, a_subscription

PAUSED_AT = datetime(2025, 3, 5, 8, 0, tzinfo=UTC)


def with_centre(uow: FakeUnitOfWork, name: str = "LOWE Radom") -> Centre:
    centre = a_centre(name=name)
    uow.centres.add(centre)
    return centre


def subscribe(uow: FakeUnitOfWork, centre: Centre, regions: list[str] | None, nationwide: bool = False) -> list[str]:
    cmd = AddSubscription(
        centre_id=centre.id, name="all", kinds=[], topics=[], regions=regions, nationwide=nationwide, delivery="instant"
    )
    return use_cases.add_subscription(cmd, uow).regions


def test_registering_a_centre_stores_it_with_the_defaults_and_commits() -> None:
    uow = FakeUnitOfWork()

    centre = use_cases.register_centre(RegisterCentre(name="LOWE Radom", voivodeship="14", municipality="Radom"), uow)

    assert uow.centres.get(centre.id) is centre
    assert (centre.status, centre.languages, centre.served_topics, centre.running_body) == ("active", ["pl"], [], None)
    assert uow.committed


def test_registering_a_centre_keeps_its_details() -> None:
    uow = FakeUnitOfWork()
    details = {
        "running_body": "association",
        "running_body_name": "Stowarzyszenie Razem",
        "host_school": "Szkoła Podstawowa w Bodzentynie",
        "postal_code": "26-010",
        "latitude": 50.94,
        "longitude": 20.95,
        "served_topics": ["digital_skills"],
        "status": "inactive",
    }

    centre = use_cases.register_centre(RegisterCentre("LOWE Bodzentyn", "26", "Bodzentyn", details), uow)

    assert {name: getattr(centre, name) for name in details} == details


def test_updating_a_centre_changes_only_what_is_given() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)

    use_cases.update_centre(UpdateCentre(centre.id, {"phone": "+48 600 100 200"}), uow)
    assert (centre.phone, centre.name) == ("+48 600 100 200", "LOWE Radom")

    use_cases.update_centre(UpdateCentre(centre.id, {"served_topics": ["health"], "status": "inactive"}), uow)
    assert (centre.served_topics, centre.status) == (["health"], "inactive")
    assert uow.committed


def test_updating_an_unknown_centre_fails() -> None:
    with pytest.raises(CentreNotFound):
        use_cases.update_centre(UpdateCentre(uuid.uuid4(), {"name": "x"}), FakeUnitOfWork())


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


def test_a_subscription_keeps_its_filters() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    cmd = AddSubscription(
        centre.id, "Darmowe kursy", ["course"], [], None, False, "daily_digest", ["seniors"], True, True, ["Excel"], 7
    )

    subscription = use_cases.add_subscription(cmd, uow)

    assert (subscription.target_groups, subscription.online_anywhere, subscription.free_only) == (
        ["seniors"],
        True,
        True,
    )
    assert (subscription.keywords, subscription.min_days_before_deadline, subscription.paused) == (["Excel"], 7, False)


def test_subscribing_an_unknown_centre_fails() -> None:
    uow = FakeUnitOfWork()

    with pytest.raises(CentreNotFound):
        subscribe(uow, a_centre(), regions=None)

    assert uow.subscriptions.all() == []


def test_a_centres_subscriptions_are_listed_and_only_its_own() -> None:
    uow = FakeUnitOfWork()
    centre, other = with_centre(uow), with_centre(uow, "other")
    mine = [a_subscription(centre, name="a"), a_subscription(centre, name="b")]
    for subscription in [*mine, a_subscription(other)]:
        uow.subscriptions.add(subscription)

    assert use_cases.list_subscriptions(centre.id, uow) == mine
    with pytest.raises(CentreNotFound):
        use_cases.list_subscriptions(uuid.uuid4(), uow)


def test_pausing_and_resuming_a_subscription() -> None:
    uow = FakeUnitOfWork()
    centre = with_centre(uow)
    subscription = a_subscription(centre)
    uow.subscriptions.add(subscription)
    ref = SubscriptionRef(centre.id, subscription.id)

    use_cases.pause_subscription(ref, uow, now=lambda: PAUSED_AT)
    use_cases.pause_subscription(ref, uow, now=lambda: datetime(2025, 4, 1, tzinfo=UTC))  # paused already
    assert (subscription.paused, subscription.paused_at, uow.committed) == (True, PAUSED_AT, True)

    use_cases.resume_subscription(ref, uow)
    assert (subscription.paused, subscription.paused_at) == (False, None)


def test_another_centres_subscription_cannot_be_paused_through_this_centre() -> None:
    uow = FakeUnitOfWork()
    centre, other = with_centre(uow), with_centre(uow, "other")
    theirs = a_subscription(other)
    uow.subscriptions.add(theirs)

    with pytest.raises(SubscriptionNotFound):
        use_cases.pause_subscription(SubscriptionRef(centre.id, theirs.id), uow)
    with pytest.raises(SubscriptionNotFound):
        use_cases.resume_subscription(SubscriptionRef(centre.id, uuid.uuid4()), uow)
    with pytest.raises(CentreNotFound):
        use_cases.pause_subscription(SubscriptionRef(uuid.uuid4(), theirs.id), uow)
    assert theirs.paused is False
