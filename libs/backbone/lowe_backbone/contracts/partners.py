"""Events produced by the partners service (the producer's schemas)."""

from marshmallow import RAISE, Schema, fields, validate

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS

PRODUCER = "partners"
OPPORTUNITY_PUBLISHED = "opportunity_published"


class OpportunityPublishedV1(Schema):
    """`opportunity_published` v1: an opportunity became visible to the centres.

    `regions` holds voivodeship TERYT codes; `nationwide` is true when it is open everywhere.
    """

    class Meta:
        unknown = RAISE

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
    published_at = fields.AwareDateTime(required=True, format="iso")


SCHEMAS = {(OPPORTUNITY_PUBLISHED, 1): OpportunityPublishedV1}
