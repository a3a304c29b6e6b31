"""Notifications. Plain Python: no framework imports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS

KIND_LABELS = {
    "course": "course",
    "training": "training",
    "workshop": "workshop",
    "volunteering": "volunteering opportunity",
    "funding_call": "funding call",
    "erasmus_mobility": "Erasmus+ mobility",
    "donation": "donation",
    "job": "job offer",
    "internship": "internship",
    "expert_talk": "expert talk",
    "event_invitation": "event invitation",
}


@dataclass(eq=False)
class Notification:
    id: UUID
    recipient_id: UUID
    recipient_type: str
    type: str
    title: str
    body: str
    data: dict[str, Any]
    source_event_id: str
    created_at: datetime
    read_at: datetime | None = None


@dataclass(frozen=True)
class MatchedOpportunity:
    centre_id: UUID
    opportunity_id: UUID
    title: str
    kind: str
    partner_name: str
    topics: list[str]
    region: str
    subscriptions: list[str]


def opportunity_matched_notification(
    matched: MatchedOpportunity, notification_id: UUID, source_event_id: str, now: datetime
) -> Notification:
    kind = KIND_LABELS.get(matched.kind, matched.kind.replace("_", " "))
    article = "an" if kind[0].lower() in "aeiou" else "a"
    where = "nationwide" if matched.region == "nationwide" else f"in {VOIVODESHIPS.get(matched.region, matched.region)}"
    topics = ", ".join(topic.replace("_", " ") for topic in matched.topics) or "any topic"
    noun = "subscription" if len(matched.subscriptions) == 1 else "subscriptions"
    names = ", ".join(f"“{name}”" for name in matched.subscriptions)
    return Notification(
        id=notification_id,
        recipient_id=matched.centre_id,
        recipient_type="centre",
        type="opportunity_matched",
        title=f"New {kind}: {matched.title}",
        body=(
            f"{matched.partner_name} published {article} {kind} that matches your {noun} {names} ({topics}; {where})."
        ),
        data={"opportunity_id": str(matched.opportunity_id), "kind": matched.kind},
        source_event_id=source_event_id,
        created_at=now,
    )
