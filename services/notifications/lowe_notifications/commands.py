"""Input schemas (marshmallow, unknown fields refused) and the commands and queries they produce."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import NoNul, load_id, load_or_raise
from lowe_notifications.admin_use_cases import RegisterWebhook, SetPreferences, TypePreference
from lowe_notifications.delivery_repository import LedgerQuery
from lowe_notifications.model import CHANNELS, LANGUAGES, NOTIFICATION_TYPES, STATUSES
from lowe_notifications.model.notices import ORGANISATION_TYPES, RECIPIENT_TYPES
from lowe_notifications.model.preferences import MODES
from lowe_notifications.repository import InboxQuery

LEDGER_TYPES = (*NOTIFICATION_TYPES, "daily_digest")


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class Cursor(fields.Field):
    """An opaque keyset cursor: (created_at, id) of the last item of the previous page."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> tuple[datetime, UUID]:
        if not isinstance(value, str):
            raise ValidationError("Not a valid cursor.")
        text = value
        try:
            at, _, last_id = base64.urlsafe_b64decode(text.encode()).decode().partition("|")
            return datetime.fromisoformat(at), UUID(last_id)
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise ValidationError("Not a valid cursor.") from None


def encode_cursor(cursor: tuple[datetime, UUID] | None) -> str | None:
    if cursor is None:
        return None
    return base64.urlsafe_b64encode(f"{cursor[0].isoformat()}|{cursor[1]}".encode()).decode()


DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100


def _page_size() -> fields.Integer:
    return fields.Integer(load_default=DEFAULT_PAGE_SIZE, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class _InboxQuery(_Strict):
    page_size = _page_size()
    unread = fields.Boolean(load_default=False)
    type = fields.String(load_default=None, validate=validate.OneOf(ORGANISATION_TYPES))
    cursor = Cursor(load_default=None)
    language = fields.String(load_default=None, validate=validate.OneOf(LANGUAGES))


def inbox_query(recipient_id: Any, params: Any) -> InboxQuery:
    recipient = load_id("recipient_id", recipient_id)
    loaded = load_or_raise(_InboxQuery(), params if params is not None else {})
    return InboxQuery(
        recipient, loaded["page_size"], loaded["unread"], loaded["type"], loaded["cursor"], loaded["language"]
    )


def recipient_type_of(value: Any) -> str:
    if value not in RECIPIENT_TYPES:
        raise_invalid("recipient_type", f"Must be one of: {', '.join(RECIPIENT_TYPES)}.")
    return str(value)


def raise_invalid(field: str, message: str) -> None:
    raise InvalidInput("The request has invalid fields.", {field: [message]})


class _TypePreference(_Strict):
    channels = fields.List(fields.String(validate=validate.OneOf(CHANNELS)), required=True)
    mode = fields.String(load_default="instant", validate=validate.OneOf(MODES))
    language = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(LANGUAGES))


class _Preferences(_Strict):
    email = fields.Email(allow_none=True, validate=validate.Length(max=320))
    language = fields.String(validate=validate.OneOf(LANGUAGES))
    digest_hour = fields.Integer(validate=validate.Range(min=0, max=23))
    types = fields.Dict(
        keys=fields.String(validate=validate.OneOf(ORGANISATION_TYPES)), values=fields.Nested(_TypePreference)
    )


def set_preferences_command(recipient_id: Any, recipient_type: Any, payload: Any) -> SetPreferences:
    recipient = load_id("recipient_id", recipient_id)
    kind = recipient_type_of(recipient_type)
    loaded = load_or_raise(_Preferences(), payload)
    types = {name: TypePreference(**wanted) for name, wanted in loaded.pop("types", {}).items()}
    return SetPreferences(recipient, kind, loaded, types)


class _Webhook(_Strict):
    url = fields.String(required=True, validate=[validate.Length(min=1, max=2000), NoNul()])
    types = fields.List(fields.String(validate=validate.OneOf(ORGANISATION_TYPES)), load_default=list)


def register_webhook_command(owner_id: Any, owner_type: Any, payload: Any) -> RegisterWebhook:
    owner = load_id("owner_id", owner_id)
    kind = recipient_type_of(owner_type)
    loaded = load_or_raise(_Webhook(), payload)
    return RegisterWebhook(owner, kind, loaded["url"].strip(), loaded["types"])


class _LedgerQuery(_Strict):
    page_size = _page_size()
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))
    channel = fields.String(load_default=None, validate=validate.OneOf(CHANNELS))
    recipient_id = fields.UUID(load_default=None)
    type = fields.String(load_default=None, validate=validate.OneOf(LEDGER_TYPES))
    cursor = Cursor(load_default=None)


def ledger_query(params: Any) -> LedgerQuery:
    loaded = load_or_raise(_LedgerQuery(), params if params is not None else {})
    filters = loaded["status"], loaded["channel"], loaded["recipient_id"], loaded["type"]
    return LedgerQuery(loaded["page_size"], *filters, loaded["cursor"])
