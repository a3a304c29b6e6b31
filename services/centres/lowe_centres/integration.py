"""Turns domain events into the integration events this service publishes (its contracts)."""

from __future__ import annotations

from typing import Any

from lowe_backbone.contracts import centres as contract
from lowe_centres.model import FeedEntryMarked, OpportunityMatched, OpportunityUnmatched


def to_integration_event(event: object) -> tuple[str, int, dict[str, Any]]:
    if isinstance(event, OpportunityMatched):
        reasons = event.reasons
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
                    "kind": reasons.kind,
                    "topics": reasons.topics,
                    "region": reasons.region,
                    "subscriptions": reasons.subscriptions,
                    "target_groups": reasons.target_groups,
                    "keywords": reasons.keywords,
                    "online": reasons.online,
                    "deadline_in_days": reasons.deadline_in_days,
                    "profile": reasons.profile,
                },
                "delivery": event.delivery,
                "matched_at": event.matched_at,
                "score": reasons.score,
                "recommended": reasons.profile,
            },
        )
    if isinstance(event, OpportunityUnmatched):
        return (
            contract.OPPORTUNITY_UNMATCHED,
            1,
            {
                "centre_id": event.centre_id,
                "centre_name": event.centre_name,
                "opportunity_id": event.opportunity.id,
                "title": event.opportunity.title,
                "kind": event.opportunity.kind,
                "partner_name": event.opportunity.partner_name,
                "reason": event.reason,
                "changed": event.changed,
                "unmatched_at": event.unmatched_at,
            },
        )
    if isinstance(event, FeedEntryMarked):
        return (
            contract.FEED_ENTRY_MARKED,
            1,
            {
                "centre_id": event.centre_id,
                "entry_id": event.entry_id,
                "opportunity_id": event.opportunity_id,
                "state": event.state,
                "previous_state": event.previous_state,
                "marked_at": event.marked_at,
            },
        )
    raise TypeError(f"no integration event for {type(event).__name__}")
