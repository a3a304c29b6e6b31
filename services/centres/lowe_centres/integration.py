"""Turns domain events into the integration events this service publishes (its contracts)."""

from __future__ import annotations

from typing import Any

from lowe_backbone.contracts import centres as contract
from lowe_centres.model import OpportunityMatched


def to_integration_event(event: object) -> tuple[str, int, dict[str, Any]]:
    if isinstance(event, OpportunityMatched):
        return (
            contract.OPPORTUNITY_MATCHED,
            1,
            {
                "centre_id": event.centre_id,
                "centre_name": event.centre_name,
                "opportunity_id": event.opportunity.id,
                "title": event.opportunity.title,
                "kind": event.opportunity.kind,
                "partner_name": event.opportunity.partner_name,
                "reasons": {
                    "kind": event.reasons.kind,
                    "topics": event.reasons.topics,
                    "region": event.reasons.region,
                    "subscriptions": event.reasons.subscriptions,
                },
                "delivery": event.delivery,
                "matched_at": event.matched_at,
            },
        )
    raise TypeError(f"no integration event for {type(event).__name__}")
