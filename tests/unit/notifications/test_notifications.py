"""What a centre is told when an opportunity reaches its feed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from lowe_notifications import use_cases
from lowe_notifications.model import MatchedOpportunity, opportunity_matched_notification
from tests.unit.notifications.fakes import FakeUnitOfWork

NOW = datetime(2025, 3, 3, 11, 32, tzinfo=UTC)
CENTRE_ID = uuid.UUID("a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55")
OPPORTUNITY_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")


def matched(**changes: Any) -> MatchedOpportunity:
    fields: dict[str, Any] = {
        "centre_id": CENTRE_ID,
        "opportunity_id": OPPORTUNITY_ID,
        "title": "Excel for seniors",
        "kind": "course",
        "partner_name": "Fundacja Cyfrowa",
        "topics": ["digital_skills", "languages"],
        "region": "14",
        "subscriptions": ["digital", "languages"],
    }
    fields.update(changes)
    return MatchedOpportunity(**fields)


def notification_for(**changes: Any) -> Any:
    return opportunity_matched_notification(matched(**changes), uuid.uuid4(), "event-1", NOW)


def test_an_opportunity_matched_notification_says_what_who_and_why() -> None:
    notification = notification_for()

    assert notification.title == "New course: Excel for seniors"
    assert notification.body == (
        "Fundacja Cyfrowa published a course that matches your subscriptions "
        "“digital”, “languages” (digital skills, languages; in mazowieckie)."
    )


def test_the_notification_is_addressed_to_the_centre_and_points_at_the_opportunity() -> None:
    notification = notification_for()

    assert (notification.recipient_id, notification.recipient_type) == (CENTRE_ID, "centre")
    assert notification.type == "opportunity_matched"
    assert notification.data == {"opportunity_id": str(OPPORTUNITY_ID), "kind": "course"}
    assert (notification.source_event_id, notification.created_at, notification.read_at) == ("event-1", NOW, None)


def test_a_nationwide_match_with_no_topics_says_so() -> None:
    notification = notification_for(kind="job", topics=[], region="nationwide", subscriptions=["jobs"])

    assert notification.title == "New job offer: Excel for seniors"
    assert notification.body.endswith("subscription “jobs” (any topic; nationwide).")


def test_the_article_agrees_with_the_kind() -> None:
    assert " published an internship " in notification_for(kind="internship").body
    assert " published an Erasmus+ mobility " in notification_for(kind="erasmus_mobility").body


def test_an_unlabelled_kind_is_spelled_out() -> None:
    assert notification_for(kind="study_visit").title == "New study visit: Excel for seniors"


def test_notifying_stores_the_notification_and_commits() -> None:
    uow = FakeUnitOfWork()

    notification = use_cases.notify_opportunity_matched(
        use_cases.NotifyOpportunityMatched("event-1", matched()), uow, now=lambda: NOW
    )

    assert uow.notifications.notifications == [notification]
    assert notification.source_event_id == "event-1"
    assert uow.committed


def test_the_inbox_counts_unread_notifications_of_its_recipient_only() -> None:
    uow = FakeUnitOfWork()
    for minutes, centre_id in ((1, CENTRE_ID), (2, CENTRE_ID), (3, uuid.uuid4())):
        cmd = use_cases.NotifyOpportunityMatched(f"event-{minutes}", matched(centre_id=centre_id))
        use_cases.notify_opportunity_matched(cmd, uow, now=lambda m=minutes: NOW + timedelta(minutes=m))
    uow.notifications.notifications[0].read_at = NOW + timedelta(hours=1)

    inbox = use_cases.read_inbox(CENTRE_ID, uow)

    assert [n.source_event_id for n in inbox.notifications] == ["event-2", "event-1"]
    assert inbox.unread == 1
