"""The inbox, preferences, webhooks and unsubscribing (the notifications service's rules), the operators' delivery
ledger and dead letters, API keys, health and the document itself."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from lowe_backbone.deadletters import MAX_QUEUE_REPLAY
from lowe_gateway.api_schemas.common import (
    Strict,
    choice,
    choices,
    cursor,
    email,
    free_text,
    out,
    page,
    page_size,
    s,
    s_bool,
    s_int,
    s_list,
    s_nested,
    s_object,
    s_time,
    s_uuid,
)

ORGANISATION_TYPES = (
    "opportunity_matched",
    "opportunity_unmatched",
    "allocation_decided",
    "opportunity_withdrawn",
    "deadline_closing",
    "interest_expressed",
    "places_released",
    "interest_withdrawn",
    "partner_verified",
    "partner_suspended",
)
PARTICIPANT_TYPES = (
    "registration_confirmed",
    "registration_waitlisted",
    "registration_promoted",
    "event_changed",
    "event_cancelled",
    "session_reminder",
)
LEDGER_TYPES = (*ORGANISATION_TYPES, *PARTICIPANT_TYPES, "daily_digest")
CHANNELS = ("in_app", "email", "webhook")
MODES = ("instant", "daily_digest")
LANGUAGES = ("pl", "en")
DELIVERY_STATUSES = ("queued", "sent", "retrying", "failed", "dead")
KEY_ROLES = ("operator", "partner", "centre")


# --- requests -----------------------------------------------------------------------------------------------------


class InboxQuery(Strict):
    unread = fields.Boolean(metadata={"description": "only the unread ones"})
    type = choice(ORGANISATION_TYPES)
    language = choice(
        ("pl", "en"),
        description="each entry's title and body in this language (else in the one the organisation chose)",
    )
    cursor = cursor()
    page_size = page_size()


class TypePreference(Strict):
    channels = choices(CHANNELS, required=True, example=["in_app", "email"])
    mode = choice(MODES)
    language = choice(LANGUAGES, allow_none=True)


NotificationTypes = Schema.from_dict(
    {name: fields.Nested(TypePreference) for name in ORGANISATION_TYPES}, name="NotificationTypePreferences"
)


class PreferenceChanges(Strict):
    email = email(320, allow_none=True)
    language = choice(LANGUAGES)
    digest_hour = fields.Integer(strict=True, validate=validate.Range(min=0, max=23))
    types = fields.Nested(NotificationTypes, metadata={"description": "per notification type"})


class WebhookRequest(Strict):
    url = free_text(2000, min_length=1, required=True, example="https://example.pl/lowe-hooks")
    types = choices(ORGANISATION_TYPES, description="left out or []: every type")


class UnsubscribeQuery(Strict):
    token = free_text(2000, required=True, description="from the e-mail's link")


class LedgerQuery(Strict):
    status = choice(DELIVERY_STATUSES)
    channel = choice(CHANNELS)
    recipient_id = fields.UUID()
    type = choice(LEDGER_TYPES)
    cursor = cursor()
    page_size = page_size()


class NewKey(Strict):
    """An organisation's key is its own; operators may also make one for an organisation (`role` and
    `organisation_id`), or another operator's key (neither)."""

    label = free_text(100, example="reporting script")
    expires_at = fields.AwareDateTime(allow_none=True, format="iso", metadata={"description": "in the future"})
    role = choice(KEY_ROLES, allow_none=True, description="operators only")
    organisation_id = fields.UUID(allow_none=True, metadata={"description": "operators only"})

    @validates_schema
    def expiry_in_the_future(self, data: dict[str, Any], **_: Any) -> None:
        expires_at = data.get("expires_at")
        if expires_at is not None and expires_at <= datetime.now(UTC):
            raise ValidationError("Must be in the future.", "expires_at")


# --- responses ----------------------------------------------------------------------------------------------------


class Notification(Strict):
    id = s_uuid()
    type = s()
    title = s()
    body = s()
    data = s_object(description="ids and figures the notification is about")
    created_at = s_time()
    read_at = s_time(nullable=True)


class Inbox(Strict):
    notifications = s_nested(Notification, many=True)
    unread = s_int(description="unread notifications in all")
    next_cursor = fields.String(metadata={"description": "only when there is a next page"})


class TypePreferenceView(Strict):
    channels = s_list()
    mode = s()
    language = s(nullable=True)


class Preferences(Strict):
    recipient_id = s_uuid()
    email = s(nullable=True)
    email_source = s(nullable=True)
    language = s()
    digest_hour = s_int()
    types = s_object(description="per notification type: channels, mode, language")


class Webhook(Strict):
    id = s_uuid()
    url = s()
    types = s_list()
    active = s_bool()
    disabled_reason = s(nullable=True)
    created_at = s_time()
    disabled_at = s_time(nullable=True)


class RegisteredWebhook(Webhook):
    secret = s(description="for checking signatures: shown this once")


class RotatedWebhook(RegisteredWebhook):
    previous_secret_expires_at = s_time(
        nullable=True, description="until then the old secret signs too (a second signature); null: not at all"
    )


class Unsubscribed(Strict):
    recipient_id = s_uuid()
    channel = s()
    unsubscribed = s_list(description="the notification types no longer e-mailed")


class Delivery(Strict):
    id = s_uuid()
    source_event_id = s()
    recipient_id = s_uuid()
    recipient_type = s()
    channel = s()
    target = s()
    type = s()
    status = s()
    attempts = s_int()
    last_error = s(nullable=True)
    next_attempt_at = s_time(nullable=True)
    created_at = s_time()
    updated_at = s_time()
    sent_at = s_time(nullable=True)
    digest_on = s(nullable=True)
    digest_id = s_uuid(nullable=True)


class DeadLetter(Strict):
    service = s()
    queue = s()
    event_id = s(nullable=True)
    event_type = s(nullable=True)
    attempts = s_int()
    error = s(nullable=True)
    failed_at = s(nullable=True)


class Replayed(Strict):
    replayed = s_nested(DeadLetter, many=True)


class QueueReplayQuery(Strict):
    limit = fields.Integer(
        validate=validate.Range(min=1, max=MAX_QUEUE_REPLAY),
        metadata={"description": f"at most this many, oldest first (default and most: {MAX_QUEUE_REPLAY})"},
    )


class QueueReplayed(Strict):
    service = s(description="the service whose queue it is")
    queue = s()
    replayed = s_int(description="letters sent back to the queue's consumer")
    remaining = s_int(description="letters that were in the dead-letter queue and are still there")


class Key(Strict):
    id = s_uuid()
    prefix = s(description="the key's first characters: enough to tell keys apart")
    role = s()
    organisation_id = s_uuid(nullable=True)
    label = s()
    created_at = s_time()
    expires_at = s_time(nullable=True)
    revoked_at = s_time(nullable=True)


class ServiceHealth(Schema):
    """A service's own report (`up`/`down` with its checks), or `unreachable`."""

    class Meta:
        unknown = "include"

    status = s()
    service = fields.String()
    checks = fields.Dict()
    error = fields.String()


class Health(Strict):
    status = s(description="`up` when every service is")
    services = out(fields.Dict(keys=fields.String(), values=fields.Nested(ServiceHealth)))


WebhookList = page(Webhook, "WebhookList", cursor_field=False)
DeliveryPage = page(Delivery, "DeliveryPage")
DeadLetterList = page(DeadLetter, "DeadLetterList")
KeyList = page(Key, "KeyList")
