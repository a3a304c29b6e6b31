"""What the service answers: plain JSON types only (kombu would otherwise tag datetimes and UUIDs)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from lowe_notifications.admin_use_cases import LedgerPage, Preferences, RegisteredWebhook
from lowe_notifications.commands import encode_cursor
from lowe_notifications.model.webhooks import WebhookEndpoint
from lowe_notifications.use_cases import Inbox


class NotificationView(Schema):
    id = fields.UUID()
    type = fields.String()
    title = fields.String()
    body = fields.String()
    data = fields.Dict()
    created_at = fields.AwareDateTime(format="iso")
    read_at = fields.AwareDateTime(format="iso", allow_none=True)


def notification_view(notification: Any) -> dict[str, Any]:
    return dict(NotificationView().dump(notification))


def inbox_view(inbox: Inbox) -> dict[str, Any]:
    """`next_cursor` only when there is a next page (the first version's clients read exactly the first two keys)."""
    view: dict[str, Any] = {
        "notifications": NotificationView(many=True).dump(inbox.notifications),
        "unread": inbox.unread,
    }
    if inbox.next_cursor is not None:
        view["next_cursor"] = encode_cursor(inbox.next_cursor)
    return view


class DeliveryView(Schema):
    id = fields.UUID()
    source_event_id = fields.String()
    recipient_id = fields.UUID()
    recipient_type = fields.String()
    channel = fields.String()
    target = fields.String()
    type = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    next_attempt_at = fields.AwareDateTime(format="iso", allow_none=True)
    created_at = fields.AwareDateTime(format="iso")
    updated_at = fields.AwareDateTime(format="iso")
    sent_at = fields.AwareDateTime(format="iso", allow_none=True)
    digest_on = fields.String(allow_none=True)
    digest_id = fields.UUID(allow_none=True)


def delivery_view(delivery: Any) -> dict[str, Any]:
    return dict(DeliveryView().dump(delivery))


def ledger_view(page: LedgerPage) -> dict[str, Any]:
    return {"items": DeliveryView(many=True).dump(page.items), "next_cursor": encode_cursor(page.next_cursor)}


class _TypePreferenceView(Schema):
    channels = fields.List(fields.String())
    mode = fields.String()
    language = fields.String(allow_none=True)


def preferences_view(preferences: Preferences) -> dict[str, Any]:
    recipient = preferences.recipient
    return {
        "recipient_id": str(recipient.id),
        "email": recipient.email,
        "email_source": recipient.email_source,
        "language": recipient.language,
        "digest_hour": recipient.digest_hour,
        "types": {p.type: _TypePreferenceView().dump(p) for p in preferences.types},
    }


class EndpointView(Schema):
    id = fields.UUID()
    url = fields.String()
    types = fields.List(fields.String())
    active = fields.Boolean()
    disabled_reason = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(format="iso")
    disabled_at = fields.AwareDateTime(format="iso", allow_none=True)


def endpoint_view(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return dict(EndpointView().dump(endpoint))


def registered_webhook_view(registered: RegisteredWebhook) -> dict[str, Any]:
    """The only answers that ever hold the secret: registering and rotating."""
    return {**endpoint_view(registered.endpoint), "secret": registered.secret}


def rotated_webhook_view(rotated: RegisteredWebhook) -> dict[str, Any]:
    """The new secret, and until when the old one still signs (None: it stopped at once)."""
    until = rotated.endpoint.previous_secret_until
    return {**registered_webhook_view(rotated), "previous_secret_expires_at": until.isoformat() if until else None}
