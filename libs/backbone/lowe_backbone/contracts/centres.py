"""Events produced by the centres service (the producer's schemas)."""

from marshmallow import RAISE, Schema, fields, validate

PRODUCER = "centres"
OPPORTUNITY_MATCHED = "opportunity_matched"
OPPORTUNITY_UNMATCHED = "opportunity_unmatched"
FEED_ENTRY_MARKED = "feed_entry_marked"


class MatchReasonsV1(Schema):
    """Why it matched. Fields after `subscriptions` were added later in v1: a consumer must not require them."""

    class Meta:
        unknown = RAISE

    kind = fields.String(required=True)
    topics = fields.List(fields.String(), required=True)
    region = fields.String(required=True, metadata={"description": "TERYT code or 'nationwide'"})
    subscriptions = fields.List(fields.String(), required=True, metadata={"description": "empty when recommended"})
    target_groups = fields.List(
        fields.String(), load_default=list, metadata={"description": "the shared ones the subscription asked for"}
    )
    keywords = fields.List(fields.String(), load_default=list, metadata={"description": "the keywords found"})
    online = fields.Boolean(load_default=False, metadata={"description": "it counts because it is online"})
    deadline_in_days = fields.Integer(
        allow_none=True, load_default=None, metadata={"description": "apply_by, else starts_at; null when undated"}
    )
    profile = fields.Boolean(load_default=False, metadata={"description": "recommended by the centre's profile"})


class OpportunityMatchedV1(Schema):
    """`opportunity_matched` v1: an opportunity reached a centre's feed, and why.

    `score` (relevance, 0 to 1) and `recommended` (by the centre's profile, not a subscription) were added later
    in v1; a consumer must not require them.
    """

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
    score = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=1))
    recommended = fields.Boolean(load_default=False)


class OpportunityUnmatchedV1(Schema):
    """`opportunity_unmatched` v1: the partner edited an opportunity (`changed` names what) and it no longer fits
    the centre, so it was retracted from the centre's feed; reason `no_longer_matches`."""

    class Meta:
        unknown = RAISE

    centre_id = fields.UUID(required=True)
    centre_name = fields.String(required=True)
    opportunity_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    partner_name = fields.String(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(["no_longer_matches"]))
    changed = fields.List(fields.String(), required=True)
    unmatched_at = fields.AwareDateTime(required=True, format="iso")


class FeedEntryMarkedV1(Schema):
    """`feed_entry_marked` v1: a centre's staff marked an entry of its feed (`saved`, `dismissed`, `seen`, `new`);
    `previous_state` is what it was. Notifications follow `saved` entries to warn of their deadline."""

    class Meta:
        unknown = RAISE

    centre_id = fields.UUID(required=True)
    entry_id = fields.UUID(required=True)
    opportunity_id = fields.UUID(required=True)
    state = fields.String(required=True, validate=validate.OneOf(["new", "seen", "saved", "dismissed"]))
    previous_state = fields.String(required=True)
    marked_at = fields.AwareDateTime(required=True, format="iso")


SCHEMAS = {
    (OPPORTUNITY_MATCHED, 1): OpportunityMatchedV1,
    (OPPORTUNITY_UNMATCHED, 1): OpportunityUnmatchedV1,
    (FEED_ENTRY_MARKED, 1): FeedEntryMarkedV1,
}
