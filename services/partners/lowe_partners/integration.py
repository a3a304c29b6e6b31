"""Turns domain events into the integration events this service publishes (its contracts)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from lowe_backbone.contracts import partners as contract
from lowe_partners.events import (
    OpportunityClosed,
    OpportunityPublished,
    OpportunityUpdated,
    OpportunityWithdrawn,
    PartnerSuspended,
    PartnerUpdated,
    PartnerVerified,
)
from lowe_partners.interest_events import (
    InterestDeclined,
    InterestExpressed,
    InterestWaitlisted,
    InterestWithdrawn,
    OpportunityReopened,
    PlacesAllocated,
    PlacesReleased,
)
from lowe_partners.model import Opportunity


def _snapshot(opportunity: Opportunity, partner_name: str) -> dict[str, Any]:
    return {
        "opportunity_id": opportunity.id,
        "partner_id": opportunity.partner_id,
        "partner_name": partner_name,
        "kind": opportunity.kind,
        "title": opportunity.title,
        "description": opportunity.description,
        "topics": list(opportunity.topics),
        "target_groups": list(opportunity.target_groups),
        "regions": list(opportunity.regions),
        "nationwide": opportunity.nationwide,
        "delivery_mode": opportunity.delivery_mode,
        "languages": list(opportunity.languages),
        "places": opportunity.places,
        "cost_pln": opportunity.cost_pln,
        "free": opportunity.free,
        "starts_at": opportunity.starts_at,
        "ends_at": opportunity.ends_at,
        "apply_by": opportunity.apply_by,
        "published_at": opportunity.published_at,
    }


def to_integration_event(event: object, partner_name: str = "") -> tuple[str, int, dict[str, Any]]:
    """`partner_name` is needed for `opportunity_updated`, whose snapshot names the partner."""
    match event:
        case OpportunityPublished():
            return contract.OPPORTUNITY_PUBLISHED, 1, _snapshot(event.opportunity, event.partner_name)
        case OpportunityUpdated():
            data = _snapshot(event.opportunity, partner_name)
            data.update(changed=sorted(event.changed), updated_at=event.updated_at)
            return contract.OPPORTUNITY_UPDATED, 1, data
        case OpportunityWithdrawn():
            return (
                contract.OPPORTUNITY_WITHDRAWN,
                1,
                {
                    "opportunity_id": event.opportunity_id,
                    "partner_id": event.partner_id,
                    "reason": event.reason,
                    "withdrawn_at": event.withdrawn_at,
                },
            )
        case OpportunityClosed():
            return (
                contract.OPPORTUNITY_CLOSED,
                1,
                {
                    "opportunity_id": event.opportunity_id,
                    "partner_id": event.partner_id,
                    "reason": event.reason,
                    "closed_at": event.closed_at,
                },
            )
        case PartnerVerified():
            return (
                contract.PARTNER_VERIFIED,
                1,
                {
                    "partner_id": event.partner_id,
                    "name": event.name,
                    "email": event.email,
                    "verified_at": event.verified_at,
                },
            )
        case PartnerSuspended():
            return (
                contract.PARTNER_SUSPENDED,
                1,
                {
                    "partner_id": event.partner_id,
                    "name": event.name,
                    "email": event.email,
                    "reason": event.reason,
                    "suspended_at": event.suspended_at,
                },
            )
        case PartnerUpdated():
            data = asdict(event)
            data["changed"] = list(event.changed)
            return contract.PARTNER_UPDATED, 1, data
        case (
            InterestExpressed()
            | PlacesAllocated()
            | InterestWaitlisted()
            | InterestDeclined()
            | PlacesReleased()
            | InterestWithdrawn()
        ):
            data = asdict(event)
            return INTEREST_EVENT_TYPES[type(event)], 1, {**data.pop("ids"), **data}
        case OpportunityReopened():
            return contract.OPPORTUNITY_REOPENED, 1, asdict(event)
    raise TypeError(f"no integration event for {type(event).__name__}")


INTEREST_EVENT_TYPES: dict[type, str] = {
    InterestExpressed: contract.INTEREST_EXPRESSED,
    PlacesAllocated: contract.PLACES_ALLOCATED,
    InterestWaitlisted: contract.INTEREST_WAITLISTED,
    InterestDeclined: contract.INTEREST_DECLINED,
    PlacesReleased: contract.PLACES_RELEASED,
    InterestWithdrawn: contract.INTEREST_WITHDRAWN,
}
