"""Notices and data the notifications unit tests share."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from lowe_notifications.model import Notice

NOW = datetime(2025, 3, 3, 11, 32, tzinfo=UTC)  # 12:32 in Warsaw
CENTRE_ID = uuid.UUID("a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55")
PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
OPPORTUNITY_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")


def matched_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "opportunity_id": str(OPPORTUNITY_ID),
        "kind": "course",
        "title": "Excel dla seniorów",
        "partner_name": "Fundacja Cyfrowa",
        "centre_name": "LOWE Radom",
        "topics": ["digital skills"],
        "region_name": "mazowieckie",
        "subscriptions": ["Cyfrowe"],
        "recommended": False,
    }
    data.update(changes)
    return data


def matched_notice(event_id: str = "event-1", mode: str | None = "instant", **changes: Any) -> Notice:
    return Notice(event_id, CENTRE_ID, "centre", "opportunity_matched", matched_data(**changes), NOW, mode)


def verified_notice(event_id: str = "event-v", email: str | None = "biuro@fundacja.pl") -> Notice:
    data = {"partner_id": str(PARTNER_ID), "name": "Fundacja Cyfrowa", "reason": "", "at": NOW.isoformat()}
    return Notice(event_id, PARTNER_ID, "partner", "partner_verified", data, NOW, email_hint=email)
