"""Use cases of the recipients and the operators: preferences, unsubscribing, webhook endpoints, the ledger."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from lowe_notifications.delivery_repository import LedgerQuery
from lowe_notifications.model import EMAIL, Delivery, Preference, Recipient
from lowe_notifications.model.deliveries import DeliveryNotFound
from lowe_notifications.model.notices import ORGANISATION_TYPES
from lowe_notifications.model.preferences import DEFAULT_CHANNELS, DEFAULT_LANGUAGE, FROM_PREFERENCES, INSTANT
from lowe_notifications.model.unsubscribe import Unsubscribe
from lowe_notifications.model.webhooks import REMOVED, EndpointNotFound, WebhookEndpoint, format_secret, new_secret
from lowe_notifications.ports import Sealer
from lowe_notifications.use_cases import Clock, UnitOfWork, utc_now

UrlCheck = Callable[[str], Any]  # raises `targets.UnsafeTarget`


@dataclass(frozen=True)
class TypePreference:
    channels: list[str]
    mode: str = INSTANT
    language: str | None = None


@dataclass(frozen=True)
class SetPreferences:
    recipient_id: uuid.UUID
    recipient_type: str
    changes: dict[str, Any]  # any of `email` (None clears it), `language`, `digest_hour`
    types: dict[str, TypePreference] = field(default_factory=dict)


@dataclass(frozen=True)
class Preferences:
    recipient: Recipient
    types: list[Preference]


@dataclass(frozen=True)
class RegisterWebhook:
    owner_id: uuid.UUID
    owner_type: str
    url: str
    types: list[str]


@dataclass(frozen=True)
class RegisteredWebhook:
    endpoint: WebhookEndpoint
    secret: str  # shown once, never stored in the clear


def _recipient(uow: UnitOfWork, recipient_id: uuid.UUID, recipient_type: str, now: Clock) -> Recipient:
    recipient: Recipient | None = uow.recipients.get(recipient_id)
    if recipient is None:
        recipient = Recipient(recipient_id, recipient_type, DEFAULT_LANGUAGE, uow.default_digest_hour, now())
        uow.recipients.add(recipient)
    return recipient


def get_preferences(recipient_id: uuid.UUID, recipient_type: str, uow: UnitOfWork, now: Clock = utc_now) -> Preferences:
    with uow:
        recipient = uow.recipients.get(recipient_id) or Recipient(
            recipient_id, recipient_type, DEFAULT_LANGUAGE, uow.default_digest_hour, now()
        )
        return Preferences(recipient, uow.preferences.of_recipient(recipient_id))


def set_preferences(cmd: SetPreferences, uow: UnitOfWork, now: Clock = utc_now) -> Preferences:
    """Changes what the command names; a type it names gets exactly the channels, mode and language given."""
    with uow:
        recipient = _recipient(uow, cmd.recipient_id, cmd.recipient_type, now)
        if "email" in cmd.changes:
            recipient.learn_email(cmd.changes["email"], FROM_PREFERENCES, now())
            if cmd.changes["email"] is None:
                recipient.email_source = None
        for name in ("language", "digest_hour"):
            if name in cmd.changes:
                setattr(recipient, name, cmd.changes[name])
        recipient.updated_at = now()
        for notification_type, wanted in cmd.types.items():
            _set_type(uow, cmd.recipient_id, notification_type, wanted.channels, wanted.mode, wanted.language)
        uow.commit()
        return Preferences(recipient, uow.preferences.of_recipient(cmd.recipient_id))


def _set_type(
    uow: UnitOfWork, recipient_id: uuid.UUID, notification_type: str, channels: list[str], mode: str, lang: Any
) -> None:
    preference = uow.preferences.get(recipient_id, notification_type)
    if preference is None:
        uow.preferences.add(Preference(recipient_id, notification_type, list(channels), mode, lang))
    else:
        preference.channels, preference.mode, preference.language = list(channels), mode, lang


def unsubscribe(request: Unsubscribe, uow: UnitOfWork, now: Clock = utc_now) -> list[str]:
    """Turns e-mail off for the type in the token (`*`, the digest's: every organisation's type); other channels
    stay as they were."""
    types: Iterable[str] = ORGANISATION_TYPES if request.type == "*" else [request.type]
    with uow:
        _recipient(uow, request.recipient_id, request.recipient_type, now)
        for notification_type in types:
            preference = uow.preferences.get(request.recipient_id, notification_type)
            channels = list(preference.channels) if preference is not None else list(DEFAULT_CHANNELS)
            mode = preference.mode if preference is not None else INSTANT
            language = preference.language if preference is not None else None
            _set_type(uow, request.recipient_id, notification_type, [c for c in channels if c != EMAIL], mode, language)
        uow.commit()
    return list(types)


def register_webhook(
    cmd: RegisterWebhook, uow: UnitOfWork, sealer: Sealer, check: UrlCheck, now: Clock = utc_now
) -> RegisteredWebhook:
    check(cmd.url)
    secret = new_secret()
    endpoint = WebhookEndpoint(
        id=uuid.uuid4(),
        owner_id=cmd.owner_id,
        owner_type=cmd.owner_type,
        url=cmd.url,
        secret_sealed=sealer.seal(secret),
        types=list(cmd.types),
        active=True,
        created_at=now(),
    )
    with uow:
        uow.endpoints.add(endpoint)
        uow.commit()
    return RegisteredWebhook(endpoint, format_secret(secret))


def rotate_webhook_secret(
    owner_id: uuid.UUID, endpoint_id: uuid.UUID, uow: UnitOfWork, sealer: Sealer, grace: timedelta, now: Clock = utc_now
) -> RegisteredWebhook:
    """A new secret, shown this once; the old one keeps signing beside it for `grace`. Another owner's or a removed
    endpoint is not found."""
    secret = new_secret()
    with uow:
        endpoint = uow.endpoints.get(endpoint_id)
        if endpoint is None or endpoint.owner_id != owner_id or endpoint.disabled_reason == REMOVED:
            raise EndpointNotFound(str(endpoint_id))
        endpoint.rotate(sealer.seal(secret), now(), grace)
        uow.commit()
        return RegisteredWebhook(endpoint, format_secret(secret))


def list_webhooks(owner_id: uuid.UUID, uow: UnitOfWork) -> list[WebhookEndpoint]:
    with uow:
        return list(uow.endpoints.of_owner(owner_id))


def remove_webhook(owner_id: uuid.UUID, endpoint_id: uuid.UUID, uow: UnitOfWork, now: Clock = utc_now) -> None:
    """Disabled rather than deleted, so the ledger can still name it; another owner's endpoint is not found."""
    with uow:
        endpoint = uow.endpoints.get(endpoint_id)
        if endpoint is None or endpoint.owner_id != owner_id or endpoint.disabled_reason == REMOVED:
            raise EndpointNotFound(str(endpoint_id))
        endpoint.active, endpoint.disabled_reason, endpoint.disabled_at = False, REMOVED, now()
        uow.commit()


@dataclass(frozen=True)
class LedgerPage:
    items: list[Delivery]
    next_cursor: tuple[Any, uuid.UUID] | None


def list_deliveries(query: LedgerQuery, uow: UnitOfWork) -> LedgerPage:
    with uow:
        found = uow.deliveries.search(
            LedgerQuery(query.limit + 1, query.status, query.channel, query.recipient_id, query.type, query.after)
        )
    page = found[: query.limit]
    return LedgerPage(page, (page[-1].created_at, page[-1].id) if len(found) > query.limit else None)


def redrive_delivery(delivery_id: uuid.UUID, uow: UnitOfWork, now: Clock = utc_now) -> Delivery:
    """A failed or dead delivery is queued again with a fresh budget; a digest item goes out on its own."""
    with uow:
        delivery = uow.deliveries.get_for_update(delivery_id)
        if delivery is None:
            raise DeliveryNotFound(str(delivery_id))
        delivery.redrive(now())
        if delivery.digest_id is not None and delivery.type != "daily_digest":
            delivery.digest_id = delivery.digest_on = None
        uow.queued_deliveries = True
        uow.commit()
    return delivery
