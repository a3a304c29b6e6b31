"""What the partners service returns over RPC: plain JSON types only."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_partners.listing import OpenOpportunityCounts
from lowe_partners.model import Opportunity, Partner
from lowe_partners.queries import PARTNER_STATUSES
from lowe_partners.use_cases import Page, PartnerPage


class PartnerView(Schema):
    id = fields.UUID()
    name = fields.String()
    sector = fields.String()
    organisation_type = fields.String()
    status = fields.String()
    status_changed_at = fields.AwareDateTime(format="iso", allow_none=True)
    email = fields.String()
    voivodeship = fields.String()
    description = fields.String()
    website = fields.String(allow_none=True)
    street = fields.String(allow_none=True)
    postal_code = fields.String(allow_none=True)
    city = fields.String(allow_none=True)
    contact_person = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    nip = fields.String(allow_none=True)
    regon = fields.String(allow_none=True)
    krs = fields.String(allow_none=True)
    erasmus_oid = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(format="iso")


class OpportunityView(Schema):
    id = fields.UUID()
    partner_id = fields.UUID()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    topics = fields.List(fields.String())
    target_groups = fields.List(fields.String())
    regions = fields.List(fields.String())
    nationwide = fields.Boolean()
    delivery_mode = fields.String()
    languages = fields.List(fields.String())
    places = fields.Integer(allow_none=True)
    cost_pln = fields.Decimal(places=2, as_string=True, allow_none=True)
    free = fields.Boolean()
    starts_at = fields.AwareDateTime(format="iso", allow_none=True)
    ends_at = fields.AwareDateTime(format="iso", allow_none=True)
    apply_by = fields.AwareDateTime(format="iso", allow_none=True)
    contact = fields.Method("_contact")
    links = fields.List(fields.String())
    status = fields.String()
    created_at = fields.AwareDateTime(format="iso")
    published_at = fields.AwareDateTime(format="iso", allow_none=True)
    finished_at = fields.AwareDateTime(format="iso", allow_none=True)
    finish_reason = fields.String(allow_none=True)

    def _contact(self, opportunity: Opportunity) -> dict[str, Any] | None:
        contact = {
            "name": opportunity.contact_name,
            "email": opportunity.contact_email,
            "phone": opportunity.contact_phone,
        }
        return contact if any(contact.values()) else None


def partner_view(partner: Partner) -> dict[str, Any]:
    return PartnerView().dump(partner)


def partners_page_view(page: PartnerPage) -> dict[str, Any]:
    return {"items": PartnerView(many=True).dump(page.items), "next_cursor": page.next_cursor}


def opportunity_view(opportunity: Opportunity) -> dict[str, Any]:
    return OpportunityView().dump(opportunity)


def opportunities_by_id_view(found: list[Opportunity]) -> dict[str, Any]:
    return {str(opportunity.id): opportunity_view(opportunity) for opportunity in found}


def page_view(page: Page) -> dict[str, Any]:
    return {"items": OpportunityView(many=True).dump(page.items), "next_cursor": page.next_cursor}


def status_counts_view(counts: dict[str, int]) -> dict[str, int]:
    """Every status named, 0 when no partner has it."""
    return {**dict.fromkeys(PARTNER_STATUSES, 0), **counts}


def open_counts_view(counts: OpenOpportunityCounts) -> dict[str, Any]:
    """Every voivodeship named, 0 when no open opportunity is held there."""
    voivodeships = {**dict.fromkeys(VOIVODESHIPS, 0), **counts.voivodeships}
    return {"voivodeships": voivodeships, "nationwide": counts.nationwide, "total": counts.total}
