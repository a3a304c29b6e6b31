"""Turns domain events into the integration events this service publishes (its contracts)."""

from __future__ import annotations

from typing import Any

from lowe_backbone.contracts import partners as contract
from lowe_partners.model import OpportunityPublished


def to_integration_event(event: object) -> tuple[str, int, dict[str, Any]]:
    if isinstance(event, OpportunityPublished):
        return (
            contract.OPPORTUNITY_PUBLISHED,
            1,
            {
                "opportunity_id": event.opportunity_id,
                "partner_id": event.partner_id,
                "partner_name": event.partner_name,
                "kind": event.kind,
                "title": event.title,
                "description": event.description,
                "topics": event.topics,
                "target_groups": event.target_groups,
                "regions": event.regions,
                "nationwide": event.nationwide,
                "published_at": event.published_at,
            },
        )
    raise TypeError(f"no integration event for {type(event).__name__}")
