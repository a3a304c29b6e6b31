"""Events produced by the partners service (the producer's schemas)."""

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

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

    @validates_schema
    def _nationwide_means_no_regions(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("nationwide") != (not data.get("regions")):
            raise ValidationError("An opportunity is nationwide exactly when it names no regions.", "nationwide")


SCHEMAS = {(OPPORTUNITY_PUBLISHED, 1): OpportunityPublishedV1}
