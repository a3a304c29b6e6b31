"""Events produced by the partners service (the producer's schemas)."""

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from lowe_backbone.contracts.vocabulary import (
    DELIVERY_MODES,
    OPPORTUNITY_KINDS,
    TARGET_GROUPS,
    TOPICS,
    VOIVODESHIPS,
)

PRODUCER = "partners"
OPPORTUNITY_PUBLISHED = "opportunity_published"
OPPORTUNITY_UPDATED = "opportunity_updated"
OPPORTUNITY_WITHDRAWN = "opportunity_withdrawn"
OPPORTUNITY_CLOSED = "opportunity_closed"
PARTNER_VERIFIED = "partner_verified"
PARTNER_SUSPENDED = "partner_suspended"
PARTNER_UPDATED = "partner_updated"
INTEREST_EXPRESSED = "interest_expressed"
PLACES_ALLOCATED = "places_allocated"
INTEREST_WAITLISTED = "interest_waitlisted"
INTEREST_DECLINED = "interest_declined"
PLACES_RELEASED = "places_released"
OPPORTUNITY_REOPENED = "opportunity_reopened"
INTEREST_WITHDRAWN = "interest_withdrawn"


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class OpportunityPublishedV1(_Strict):
    """`opportunity_published` v1: an opportunity became visible to the centres.

    `regions` holds voivodeship TERYT codes; `nationwide` is true exactly when it names none.
    `cost_pln` is a decimal string, null when free; dates are UTC ISO-8601 or null.
    """

    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    partner_name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(OPPORTUNITY_KINDS))
    title = fields.String(required=True)
    description = fields.String(required=True)
    topics = fields.List(fields.String(validate=validate.OneOf(TOPICS)), required=True)
    target_groups = fields.List(fields.String(validate=validate.OneOf(TARGET_GROUPS)), required=True)
    regions = fields.List(fields.String(validate=validate.OneOf(list(VOIVODESHIPS))), required=True)
    nationwide = fields.Boolean(required=True)
    delivery_mode = fields.String(validate=validate.OneOf(DELIVERY_MODES), load_default="on_site")
    languages = fields.List(fields.String(), load_default=list)
    places = fields.Integer(allow_none=True, load_default=None)
    cost_pln = fields.Decimal(places=2, as_string=True, allow_none=True, load_default=None)
    free = fields.Boolean(load_default=True)
    starts_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    ends_at = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    apply_by = fields.AwareDateTime(format="iso", allow_none=True, load_default=None)
    published_at = fields.AwareDateTime(required=True, format="iso")

    @validates_schema
    def _nationwide_means_no_regions(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("nationwide") != (not data.get("regions")):
            raise ValidationError("An opportunity is nationwide exactly when it names no regions.", "nationwide")


class OpportunityUpdatedV1(OpportunityPublishedV1):
    """`opportunity_updated` v1: a published opportunity changed; the whole current state, and which fields changed."""

    changed = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    updated_at = fields.AwareDateTime(required=True, format="iso")


class OpportunityFinishedV1(_Strict):
    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    reason = fields.String(required=True)


class OpportunityWithdrawnV1(OpportunityFinishedV1):
    """`opportunity_withdrawn` v1: reason `withdrawn_by_partner` or `partner_suspended`."""

    withdrawn_at = fields.AwareDateTime(required=True, format="iso")


class OpportunityClosedV1(OpportunityFinishedV1):
    """`opportunity_closed` v1: reason `deadline_passed` or `places_exhausted`."""

    closed_at = fields.AwareDateTime(required=True, format="iso")


class PartnerVerifiedV1(_Strict):
    partner_id = fields.UUID(required=True)
    name = fields.String(required=True)
    email = fields.Email(required=True)
    verified_at = fields.AwareDateTime(required=True, format="iso")


class PartnerSuspendedV1(_Strict):
    partner_id = fields.UUID(required=True)
    name = fields.String(required=True)
    email = fields.Email(required=True)
    reason = fields.String(required=True)
    suspended_at = fields.AwareDateTime(required=True, format="iso")


class PartnerUpdatedV1(_Strict):
    """`partner_updated` v1: the partner changed its own details (never its status); published only when something
    changed. Always the current `name`, organisation `email`, `contact_person` and `phone` (null when not given),
    whatever changed; `changed` names every field that changed (registry ids, address and description included)."""

    partner_id = fields.UUID(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1))
    email = fields.Email(required=True)
    contact_person = fields.String(required=True, allow_none=True)
    phone = fields.String(required=True, allow_none=True)
    changed = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    updated_at = fields.AwareDateTime(required=True, format="iso")


class _InterestV1(_Strict):
    """Who and what an interest concerns. Interest events carry ids and numbers only, never the centre's note."""

    interest_id = fields.UUID(required=True)
    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)


class InterestExpressedV1(_InterestV1):
    """`interest_expressed` v1: a centre is interested in a published opportunity; `places` asked, or null."""

    places = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=1))
    expressed_at = fields.AwareDateTime(required=True, format="iso")


class PlacesAllocatedV1(_InterestV1):
    """`places_allocated` v1: the interest was accepted with `places` (0 when it asked for none).

    `promoted` when it came from the waiting line; `allocated` and `remaining` are the opportunity's totals
    after this allocation (`remaining` null when the opportunity has no limit).
    """

    places = fields.Integer(required=True, validate=validate.Range(min=0))
    allocated = fields.Integer(required=True, validate=validate.Range(min=0))
    remaining = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=0))
    promoted = fields.Boolean(required=True)
    allocated_at = fields.AwareDateTime(required=True, format="iso")


class InterestWaitlistedV1(_InterestV1):
    """`interest_waitlisted` v1: accepted, but its `places` wait; `position` in the line when it joined (1 = next)."""

    places = fields.Integer(required=True, validate=validate.Range(min=1))
    position = fields.Integer(required=True, validate=validate.Range(min=1))
    waitlisted_at = fields.AwareDateTime(required=True, format="iso")


class InterestDeclinedV1(_InterestV1):
    """`interest_declined` v1: the partner declined a pending or waiting interest; `places` it asked, or null."""

    places = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=1))
    declined_at = fields.AwareDateTime(required=True, format="iso")


class PlacesReleasedV1(_InterestV1):
    """`places_released` v1: the centre gave back `places`; it `still_held` the rest.

    `allocated` and `remaining` are the opportunity's totals right after the release, before the waiting line
    moves up (each promotion is its own `places_allocated`).
    """

    places = fields.Integer(required=True, validate=validate.Range(min=0))
    still_held = fields.Integer(required=True, validate=validate.Range(min=0))
    allocated = fields.Integer(required=True, validate=validate.Range(min=0))
    remaining = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=0))
    released_at = fields.AwareDateTime(required=True, format="iso")


class InterestWithdrawnV1(_InterestV1):
    """`interest_withdrawn` v1: the centre gave up its interest (it was pending, waiting or allocated).

    `places_released` is what it still held (0 unless it was allocated); those places went back as a release does,
    in a `places_released` published just before this event (each promotion it allows is its own `places_allocated`).
    """

    places_released = fields.Integer(required=True, validate=validate.Range(min=0))
    withdrawn_at = fields.AwareDateTime(required=True, format="iso")


class OpportunityReopenedV1(_Strict):
    """`opportunity_reopened` v1: closed for `places_exhausted`, published again; reason `places_freed`."""

    opportunity_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True)
    reason = fields.String(required=True)
    remaining = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=0))
    reopened_at = fields.AwareDateTime(required=True, format="iso")


SCHEMAS = {
    (OPPORTUNITY_PUBLISHED, 1): OpportunityPublishedV1,
    (OPPORTUNITY_UPDATED, 1): OpportunityUpdatedV1,
    (OPPORTUNITY_WITHDRAWN, 1): OpportunityWithdrawnV1,
    (OPPORTUNITY_CLOSED, 1): OpportunityClosedV1,
    (PARTNER_VERIFIED, 1): PartnerVerifiedV1,
    (PARTNER_SUSPENDED, 1): PartnerSuspendedV1,
    (PARTNER_UPDATED, 1): PartnerUpdatedV1,
    (INTEREST_EXPRESSED, 1): InterestExpressedV1,
    (PLACES_ALLOCATED, 1): PlacesAllocatedV1,
    (INTEREST_WAITLISTED, 1): InterestWaitlistedV1,
    (INTEREST_DECLINED, 1): InterestDeclinedV1,
    (PLACES_RELEASED, 1): PlacesReleasedV1,
    (OPPORTUNITY_REOPENED, 1): OpportunityReopenedV1,
    (INTEREST_WITHDRAWN, 1): InterestWithdrawnV1,
}
