"""Centres, their subscriptions, their feed and the interest they express (the centres service's rules)."""

from __future__ import annotations

from marshmallow import fields, validate

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_gateway.api_schemas.common import (
    Strict,
    StrictBoolean,
    choice,
    choices,
    cursor,
    email,
    free_text,
    languages,
    matching,
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
    s_number,
    s_object,
    s_time,
    s_uuid,
    text,
)
from lowe_gateway.api_schemas.partners import Interest, IssuedKey

CENTRE_STATUSES = ("active", "inactive")
RUNNING_BODIES = ("municipality", "association")
DELIVERIES = ("instant", "daily_digest")
FEED_STATES = ("new", "seen", "saved", "dismissed", "claimed")
MARKABLE_STATES = ("new", "seen", "saved", "dismissed")
FEED_ORDERS = ("matched", "score")
MAX_KEYWORDS, MAX_KEYWORD = 20, 40
KEYWORD_PATTERN = r"^[^\u0000]*\w[^\u0000]*$"


# --- requests -----------------------------------------------------------------------------------------------------


class CentreDetails(Strict):
    """`latitude` and `longitude` go together (both or neither), within Poland."""

    name = text(200, required=True, example="LOWE Bodzentyn")
    voivodeship = choice(VOIVODESHIPS, required=True, description="voivodeship TERYT code", example="26")
    municipality = text(100, required=True, description="the gmina's name", example="Bodzentyn")
    running_body = choice(RUNNING_BODIES, allow_none=True)
    running_body_name = text(200, allow_none=True)
    host_school = text(200, allow_none=True)
    street = text(200, allow_none=True)
    postal_code = postal_code(allow_none=True)
    city = text(100, allow_none=True)
    powiat = text(100, allow_none=True, description="the powiat's name")
    latitude = fields.Float(allow_none=True, allow_nan=False, validate=validate.Range(min=49.0, max=54.9))
    longitude = fields.Float(allow_none=True, allow_nan=False, validate=validate.Range(min=14.1, max=24.2))
    email = email(allow_none=True)
    phone = phone(allow_none=True)
    contact_person = text(200, allow_none=True)
    served_topics = choices(TOPICS)
    target_groups = choices(TARGET_GROUPS)
    languages = languages()
    status = choice(CENTRE_STATUSES)


class CentreQuery(Strict):
    voivodeship = choice(VOIVODESHIPS)
    status = choice(CENTRE_STATUSES)
    q = free_text(100, min_length=2, description="words of the name, municipality or city")
    cursor = cursor()
    page_size = page_size()


def _keyword() -> fields.String:
    """A whole word or phrase: at least one letter or digit."""
    return matching(KEYWORD_PATTERN, "Must contain a letter or a digit.", MAX_KEYWORD)


class SubscriptionDetails(Strict):
    """Each filter is optional (left out: any). `regions` or `nationwide`, not both."""

    name = text(100, required=True, example="Cyfrowe")
    kinds = choices(OPPORTUNITY_KINDS, example=["course"])
    topics = choices(TOPICS, example=["digital_skills"])
    target_groups = choices(TARGET_GROUPS)
    regions = choices(VOIVODESHIPS, min_items=1, allow_none=True, description="left out: the centre's voivodeship")
    nationwide = StrictBoolean()
    online_anywhere = StrictBoolean()
    free_only = StrictBoolean()
    keywords = fields.List(_keyword(), validate=validate.Length(max=MAX_KEYWORDS))
    min_days_before_deadline = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=0, max=365))
    delivery = choice(DELIVERIES)


class SubscriptionChanges(SubscriptionDetails):
    """Any field of a subscription, and `active`: false pauses it, true resumes it."""

    active = StrictBoolean()


class FeedQuery(Strict):
    state = choices(FEED_STATES, description="repeatable")
    kind = choices(OPPORTUNITY_KINDS, description="repeatable")
    recommended = fields.Boolean(allow_none=True)
    include_retracted = fields.Boolean()
    order = choice(FEED_ORDERS, description="`matched`: newest first (default); `score`: most relevant first")
    cursor = cursor()
    page_size = page_size()


class FeedMark(Strict):
    state = choice(MARKABLE_STATES, required=True, example="saved")


class InterestRequest(Strict):
    """From the centre's feed entry for the opportunity when there is one (the entry is then claimed)."""

    opportunity_id = fields.UUID(required=True)
    places = places(allow_none=True, description="left out: interest without asking for places")
    message = free_text(500, allow_none=True, description="for the partner")


# --- responses ----------------------------------------------------------------------------------------------------


class Centre(Strict):
    id = s_uuid()
    name = s()
    voivodeship = s()
    municipality = s()
    created_at = s_time()
    running_body = s(nullable=True)
    running_body_name = s(nullable=True)
    host_school = s(nullable=True)
    street = s(nullable=True)
    postal_code = s(nullable=True)
    city = s(nullable=True)
    powiat = s(nullable=True)
    latitude = s_number(nullable=True)
    longitude = s_number(nullable=True)
    email = s(nullable=True)
    phone = s(nullable=True)
    contact_person = s(nullable=True)
    served_topics = s_list()
    target_groups = s_list()
    languages = s_list()
    status = s()


class RegisteredCentre(Centre):
    api_key = s_nested(IssuedKey)


class Subscription(Strict):
    id = s_uuid()
    centre_id = s_uuid()
    name = s()
    kinds = s_list()
    topics = s_list()
    regions = s_list()
    nationwide = s_bool()
    delivery = s()
    created_at = s_time()
    target_groups = s_list()
    online_anywhere = s_bool()
    free_only = s_bool()
    keywords = s_list()
    min_days_before_deadline = s_int(nullable=True)
    paused = s_bool()
    paused_at = s_time(nullable=True)


class FeedOpportunity(Strict):
    id = s_uuid()
    partner_name = s()
    kind = s()
    title = s()
    description = s()
    topics = s_list()
    target_groups = s_list()
    regions = s_list()
    nationwide = s_bool()
    published_at = s_time()
    status = s()
    status_reason = s(nullable=True)
    delivery_mode = s()
    free = s_bool()
    cost_pln = s(nullable=True)
    starts_at = s_time(nullable=True)
    ends_at = s_time(nullable=True)
    apply_by = s_time(nullable=True)


class FeedInterest(Strict):
    id = s_uuid()
    status = s()
    places_requested = s_int(nullable=True)
    places_allocated = s_int(nullable=True)
    waitlist_position = s_int(nullable=True)
    updated_at = s_time(nullable=True)


class FeedEntry(Strict):
    id = s_uuid()
    opportunity = s_nested(FeedOpportunity)
    reasons = s_object(description="why it matched: kind, shared topics, region or nationwide, subscriptions, ...")
    score = s_number(nullable=True, description="relevance, 0-1")
    recommended = s_bool()
    retracted = s_bool()
    retracted_at = s_time(nullable=True)
    delivery = s()
    matched_at = s_time()
    state = s()
    state_changed_at = s_time(nullable=True)
    interest = s_nested(FeedInterest, nullable=True)


class ExpressedInterest(Interest):
    entry_id = s_uuid(nullable=True, description="the feed entry it claimed; null when the feed had none")


CentrePage = page(Centre, "CentrePage")
SubscriptionPage = page(Subscription, "SubscriptionPage")
FeedPage = page(FeedEntry, "FeedPage")
