"""What the partners service returns over RPC: plain JSON types only."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from lowe_partners.model import Opportunity, Partner


class PartnerView(Schema):
    id = fields.UUID()
    name = fields.String()
    sector = fields.String()
    email = fields.String()
    voivodeship = fields.String()
    organisation_type = fields.String()
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
    status = fields.String()
    created_at = fields.AwareDateTime(format="iso")
    published_at = fields.AwareDateTime(format="iso", allow_none=True)


def partner_view(partner: Partner) -> dict[str, Any]:
    return PartnerView().dump(partner)


def opportunity_view(opportunity: Opportunity) -> dict[str, Any]:
    return OpportunityView().dump(opportunity)
