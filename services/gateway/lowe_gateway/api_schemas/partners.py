"""Partners, their opportunities and the interest centres express in them (the partners service's rules)."""

from __future__ import annotations

from marshmallow import fields, validate

from lowe_backbone.contracts.vocabulary import (
    DELIVERY_MODES,
    OPPORTUNITY_KINDS,
    ORGANISATION_TYPES,
    PARTNER_SECTORS,
    TARGET_GROUPS,
    TOPICS,
    VOIVODESHIPS,
)
from lowe_gateway.api_schemas.common import (
    Strict,
    choice,
    choices,
    cursor,
    email,
    free_text,
    languages,
    page,
    page_size,
    phone,
    places,
    postal_code,
    s,
    s_bool,
    s_int,
    s_list,
    s_nested,
    s_time,
    s_uuid,
    text,
    url,
)

OPPORTUNITY_STATUSES = ("draft", "published", "closed", "withdrawn")
PARTNER_STATUSES = ("pending", "verified", "suspended")
REGISTRY_ID_LENGTH = 64  # far beyond any NIP, REGON, KRS or Erasmus+ OID written with separators
ALL_ORGANISATION_TYPES = [kind for kinds in ORGANISATION_TYPES.values() for kind in kinds]


def _registry_id(description: str) -> fields.String:
    return free_text(REGISTRY_ID_LENGTH, allow_none=True, description=description)


# --- requests -----------------------------------------------------------------------------------------------------


class PartnerProfile(Strict):
    """Optional details of a partner; the registry identifiers are checked (checksums) by the partners service."""

    organisation_type = choice(ALL_ORGANISATION_TYPES, description="must fit the sector")
    description = free_text(5000)
    website = url(300, allow_none=True)
    street = text(200, allow_none=True)
    postal_code = postal_code(allow_none=True)
    city = text(100, allow_none=True)
    contact_person = text(200, allow_none=True)
    phone = phone(allow_none=True)
    nip = _registry_id("10 digits with a valid checksum")
    regon = _registry_id("9 or 14 digits with a valid checksum")
    krs = _registry_id("10 digits")
    erasmus_oid = _registry_id("`E` and 8 digits")


class PartnerRegistration(PartnerProfile):
    name = text(200, required=True, example="Powiatowy Urząd Pracy w Kielcach")
    sector = choice(PARTNER_SECTORS, required=True, example="public")
    email = email(required=True, example="pup@example.pl")
    voivodeship = choice(VOIVODESHIPS, required=True, description="voivodeship TERYT code", example="26")


class Suspension(Strict):
    reason = text(500, required=True, example="Repeated misleading offers.")


class PartnerQuery(Strict):
    status = choices(PARTNER_STATUSES, description="repeatable")
    q = free_text(100, min_length=2, description="part of the name")
    cursor = cursor(2000)
    page_size = page_size()


class Contact(Strict):
    name = text(200, allow_none=True)
    email = email(allow_none=True)
    phone = phone(allow_none=True)


class OpportunityDetails(Strict):
    """Types and vocabularies; the partners service also checks `apply_by` ≤ `starts_at` ≤ `ends_at`."""

    kind = choice(OPPORTUNITY_KINDS, required=True, example="course")
    title = text(200, required=True, example="Komputer bez tajemnic")
    description = text(10_000, required=True, example="Kurs dla seniorów")
    topics = choices(TOPICS, required=True, min_items=1, max_items=11, example=["digital_skills"])
    target_groups = choices(TARGET_GROUPS, max_items=8, example=["seniors"])
    regions = choices(
        VOIVODESHIPS, required=True, max_items=16, description="voivodeship TERYT codes; [] means nationwide"
    )
    delivery_mode = choice(DELIVERY_MODES)
    languages = languages()
    places = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1))
    cost_pln = fields.Decimal(
        places=2,
        allow_none=True,
        validate=validate.Range(min=0, max=1_000_000),
        metadata={"description": "null or 0: free"},
    )
    starts_at = fields.AwareDateTime(format="iso", allow_none=True)
    ends_at = fields.AwareDateTime(format="iso", allow_none=True)
    apply_by = fields.AwareDateTime(format="iso", allow_none=True)
    contact = fields.Nested(Contact, allow_none=True)
    links = fields.List(url(), validate=validate.Length(max=10))


class OpportunityQuery(Strict):
    kind = choices(OPPORTUNITY_KINDS, description="repeatable")
    topic = choice(TOPICS)
    target_group = choice(TARGET_GROUPS)
    region = choice(VOIVODESHIPS, description="held there, or nationwide")
    status = choices(OPPORTUNITY_STATUSES, description="repeatable")
    partner_id = fields.UUID()
    q = free_text(100, min_length=2, description="words of the title or description")
    starts_from = fields.AwareDateTime(format="iso")
    starts_until = fields.AwareDateTime(format="iso")
    cursor = cursor(200)
    page_size = page_size()


class PlacesRelease(Strict):
    places = places(allow_none=True, description="how many to give back; left out: all the interest holds")


# --- responses ----------------------------------------------------------------------------------------------------


class Partner(Strict):
    id = s_uuid()
    name = s()
    sector = s()
    organisation_type = s()
    status = s()
    status_changed_at = s_time(nullable=True)
    email = s()
    voivodeship = s()
    description = s()
    website = s(nullable=True)
    street = s(nullable=True)
    postal_code = s(nullable=True)
    city = s(nullable=True)
    contact_person = s(nullable=True)
    phone = s(nullable=True)
    nip = s(nullable=True)
    regon = s(nullable=True)
    krs = s(nullable=True)
    erasmus_oid = s(nullable=True)
    created_at = s_time()


class IssuedKey(Strict):
    id = s_uuid()
    prefix = s()
    role = s()
    organisation_id = s_uuid(nullable=True)
    label = s()
    created_at = s_time()
    expires_at = s_time(nullable=True)
    revoked_at = s_time(nullable=True)
    key = s(description="the key itself: shown this once, never again")


class RegisteredPartner(Partner):
    api_key = s_nested(IssuedKey)


class ContactView(Strict):
    name = s(nullable=True)
    email = s(nullable=True)
    phone = s(nullable=True)


class Opportunity(Strict):
    id = s_uuid()
    partner_id = s_uuid()
    kind = s()
    title = s()
    description = s()
    topics = s_list()
    target_groups = s_list()
    regions = s_list()
    nationwide = s_bool()
    delivery_mode = s()
    languages = s_list()
    places = s_int(nullable=True)
    cost_pln = s(nullable=True, description="a decimal string; null: free")
    free = s_bool()
    starts_at = s_time(nullable=True)
    ends_at = s_time(nullable=True)
    apply_by = s_time(nullable=True)
    contact = s_nested(ContactView, nullable=True)
    links = s_list()
    status = s()
    created_at = s_time()
    published_at = s_time(nullable=True)
    finished_at = s_time(nullable=True)
    finish_reason = s(nullable=True)


class Interest(Strict):
    id = s_uuid()
    opportunity_id = s_uuid()
    partner_id = s_uuid()
    centre_id = s_uuid()
    places = s_int(nullable=True)
    note = s(nullable=True)
    status = s()
    allocated = s_int()
    expressed_at = s_time()
    decided_at = s_time(nullable=True)
    allocated_at = s_time(nullable=True)
    released_at = s_time(nullable=True)
    withdrawn_at = s_time(nullable=True)
    position = s_int(nullable=True, description="in the waiting line (1 = next); null when not waiting")


class OpportunityPlaces(Strict):
    opportunity_id = s_uuid()
    status = s()
    places = s_int(nullable=True)
    allocated = s_int()
    remaining = s_int(nullable=True, description="null: no limit")
    waiting = s_list(fields.String(metadata={"format": "uuid"}), description="the waiting line, next first")


class Decision(Interest):
    opportunity = s_nested(OpportunityPlaces)


class InterestList(Strict):
    items = s_nested(Interest, many=True)
    places = s_nested(OpportunityPlaces)


PartnerPage = page(Partner, "PartnerPage")
OpportunityPage = page(Opportunity, "OpportunityPage")
