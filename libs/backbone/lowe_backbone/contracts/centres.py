"""Events produced by the centres service (the producer's schemas)."""

from marshmallow import RAISE, Schema, fields, validate

PRODUCER = "centres"
OPPORTUNITY_MATCHED = "opportunity_matched"


class MatchReasonsV1(Schema):
    class Meta:
        unknown = RAISE

    kind = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    region = fields.String(required=True, metadata={"description": "TERYT code or 'nationwide'"})
    subscriptions = fields.List(fields.String(), required=True)


class OpportunityMatchedV1(Schema):
    """`opportunity_matched` v1: an opportunity reached a centre's feed, and why."""

    class Meta:
        unknown = RAISE

    centre_id = fields.UUID(required=True)
    centre_name = fields.String(required=True)
    opportunity_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    partner_name = fields.String(required=True)
    reasons = fields.Nested(MatchReasonsV1, required=True)
    delivery = fields.String(required=True, validate=validate.OneOf(["instant", "daily_digest"]))
    matched_at = fields.AwareDateTime(required=True, format="iso")


SCHEMAS = {(OPPORTUNITY_MATCHED, 1): OpportunityMatchedV1}
