"""A subscription changed in part (pausing and resuming included) or deleted; another centre's is unknown."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_centres import use_cases
from lowe_centres.commands import SubscriptionRef, update_subscription_command
from lowe_centres.model import Subscription, SubscriptionNotFound
from tests.unit.centres.fakes import FakeUnitOfWork, a_centre, a_subscription

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)


def stored(uow: FakeUnitOfWork, **changes: Any) -> Subscription:
    centre = a_centre(voivodeship="14")
    uow.centres.add(centre)
    subscription = a_subscription(centre, **changes)
    uow.subscriptions.add(subscription)
    return subscription


def update(uow: FakeUnitOfWork, subscription: Subscription, payload: dict[str, Any]) -> Subscription:
    cmd = update_subscription_command(str(subscription.centre_id), str(subscription.id), payload)
    return use_cases.update_subscription(cmd, uow, now=lambda: NOW)


def test_only_what_is_given_changes_tidied_as_when_added() -> None:
    uow = FakeUnitOfWork()
    subscription = stored(uow, topics=["health"], delivery="instant")

    changed = update(
        uow,
        subscription,
        {
            "name": " Kursy ",
            "kinds": ["course", "course"],
            "keywords": ["Excel", "excel", " Word  "],
            "free_only": True,
        },
    )

    assert (changed.name, changed.kinds, changed.keywords, changed.free_only) == (
        "Kursy",
        ["course"],
        ["Excel", "Word"],
        True,
    )
    assert (changed.topics, changed.delivery, changed.regions, changed.paused, uow.committed) == (
        ["health"],
        "instant",
        ["14"],
        False,
        True,
    )


def test_active_false_pauses_and_true_resumes_as_pause_and_resume_do() -> None:
    uow = FakeUnitOfWork()
    subscription = stored(uow)

    assert (update(uow, subscription, {"active": False}).paused, subscription.paused_at) == (True, NOW)
    assert update(uow, subscription, {"active": False, "delivery": "daily_digest"}).paused_at == NOW
    assert (update(uow, subscription, {"active": True}).paused, subscription.paused_at) == (False, None)


def test_regions_make_it_regional_and_nationwide_drops_them() -> None:
    uow = FakeUnitOfWork()
    subscription = stored(uow)

    assert (update(uow, subscription, {"nationwide": True}).regions, subscription.nationwide) == ([], True)
    assert (update(uow, subscription, {"regions": ["02", "14", "02"]}).regions, subscription.nationwide) == (
        ["02", "14"],
        False,
    )
    update(uow, subscription, {"nationwide": True})
    assert (update(uow, subscription, {"nationwide": False}).regions, subscription.nationwide) == (["14"], False)
    assert update(uow, subscription, {"regions": None}).regions == ["14"]


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({}, "_body"),
        ({"active": 1}, "active"),
        ({"active": "false"}, "active"),
        ({"paused": True}, "paused"),
        ({"centre_id": str(uuid.uuid4())}, "centre_id"),
        ({"kinds": ["picnic"]}, "kinds"),
        ({"regions": []}, "regions"),
        ({"regions": ["14"], "nationwide": True}, "regions"),
        ({"name": " "}, "name"),
        ({"min_days_before_deadline": 400}, "min_days_before_deadline"),
        ({"keywords": ["!!"]}, "keywords"),
        ({"delivery": "weekly"}, "delivery"),
    ],
)
def test_a_bad_field_is_refused_naming_it(payload: dict[str, Any], named: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        update_subscription_command(str(uuid.uuid4()), str(uuid.uuid4()), payload)

    assert list(refused.value.fields) == [named]


def test_deleting_removes_it_and_leaves_the_others() -> None:
    uow = FakeUnitOfWork()
    subscription = stored(uow)
    other = a_subscription(uow.centres.get(subscription.centre_id))
    uow.subscriptions.add(other)

    assert use_cases.delete_subscription(SubscriptionRef(subscription.centre_id, subscription.id), uow) is None

    assert (uow.subscriptions.all(), uow.committed) == ([other], True)


def test_another_centres_subscription_is_not_found_to_change_or_delete() -> None:
    uow = FakeUnitOfWork()
    subscription = stored(uow)
    stranger = a_centre(name="LOWE Obca")
    uow.centres.add(stranger)

    with pytest.raises(SubscriptionNotFound):
        update(uow, a_subscription(stranger, id=subscription.id), {"name": "Moja"})
    with pytest.raises(SubscriptionNotFound):
        use_cases.delete_subscription(SubscriptionRef(stranger.id, subscription.id), uow)
    assert (subscription.name, uow.subscriptions.all(), uow.committed) == ("everything", [subscription], False)
