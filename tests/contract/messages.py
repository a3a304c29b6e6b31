"""Messages as a producer sends them: domain event -> `to_integration_event` -> the registry's `validated_payload`
-> `Envelope.to_message()`, then through JSON as through the broker."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from lowe_backbone.contracts import registry
from lowe_backbone.envelope import Envelope
from lowe_partners import integration as partners_integration
from lowe_partners.model import Opportunity

OPPORTUNITY_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")
PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
CENTRE_ID = uuid.UUID("a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55")
CREATED_AT = datetime(2025, 3, 2, 10, 0, tzinfo=UTC)
PUBLISHED_AT = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)
MATCHED_AT = datetime(2025, 3, 3, 11, 31, tzinfo=UTC)


def over_the_broker(producer: str, event: object, to_integration_event: Callable[[object], Any]) -> dict[str, Any]:
    event_type, version, data = to_integration_event(event)
    payload = registry.validated_payload(producer, event_type, version, data)
    message = Envelope(event_type, version, producer, "corr-1", payload).to_message()
    delivered: dict[str, Any] = json.loads(json.dumps(message))
    return delivered


def from_partners(event: object, partner_name: str = "") -> dict[str, Any]:
    """A partners domain event as delivered; `partner_name` as the unit of work looks it up for updates."""
    return over_the_broker(
        "partners", event, lambda domain_event: partners_integration.to_integration_event(domain_event, partner_name)
    )


def a_published_opportunity(**details: Any) -> Opportunity:
    fields: dict[str, Any] = {
        "id": OPPORTUNITY_ID,
        "partner_id": PARTNER_ID,
        "kind": "course",
        "title": "Excel for seniors",
        "description": "Six Saturday mornings.",
        "topics": ["digital_skills", "languages"],
        "target_groups": ["seniors"],
        "regions": ["02", "14"],
        "created_at": CREATED_AT,
        "status": "published",
        "published_at": PUBLISHED_AT,
    }
    fields.update(details)
    return Opportunity(**fields)
