"""Webhook endpoints and Standard Webhooks signatures.

Each endpoint has its own secret of 32 random bytes, shown once as `whsec_` + base64. A message is signed as
`v1,` + base64(HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")); the id is the delivery's id, so a
receiver can drop a retried message it already took.

A secret can be rotated: the new one is shown once, and the old one keeps signing beside it (two signatures in
`webhook-signature`, either of which verifies) until its grace period ends, so the receiver can switch over
without dropping a message. Only one old secret is kept: a second rotation within the grace ends the first's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32
MIN_SECRET_BYTES = 24
ROTATION_GRACE = timedelta(hours=24)  # how long the old secret keeps signing after a rotation (configurable)
GONE = "gone"  # disabled because the receiver answered 410
REMOVED = "removed"


class EndpointNotFound(Exception):
    pass


class InvalidSecret(ValueError):
    pass


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def format_secret(secret: bytes) -> str:
    return SECRET_PREFIX + base64.b64encode(secret).decode("ascii")


def parse_secret(text: str) -> bytes:
    encoded = text[len(SECRET_PREFIX) :] if text.startswith(SECRET_PREFIX) else text
    try:
        secret = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise InvalidSecret("not base64") from None
    if len(secret) < MIN_SECRET_BYTES:
        raise InvalidSecret(f"shorter than {MIN_SECRET_BYTES} bytes")
    return secret


def sign(secret: bytes, message_id: str, timestamp: int, body: str) -> str:
    signed = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify(secret: bytes, message_id: str, timestamp: int, body: str, header: str) -> bool:
    """True when any `v1,` signature in the (space-separated) header matches; compared in constant time."""
    expected = sign(secret, message_id, timestamp, body)
    return any(hmac.compare_digest(expected, given) for given in header.split())


def signature_headers(
    secret: bytes, message_id: str, timestamp: int, body: str, previous: Sequence[bytes] = ()
) -> dict[str, str]:
    """`previous`: old secrets still in their grace period; each signs too, after the current secret's signature."""
    signatures = [sign(key, message_id, timestamp, body) for key in (secret, *previous)]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(signatures),
        "content-type": "application/json",
    }


@dataclass(eq=False)
class WebhookEndpoint:
    id: UUID
    owner_id: UUID
    owner_type: str
    url: str
    secret_sealed: str  # the secret, encrypted with the service's key; never logged, never shown again
    types: list[str]  # the notification types it takes; empty: every type
    active: bool
    created_at: datetime
    disabled_reason: str | None = None
    disabled_at: datetime | None = None
    previous_secret_sealed: str | None = None  # the secret before the last rotation, sealed likewise
    previous_secret_until: datetime | None = None  # when that old secret stops signing

    def takes(self, notification_type: str) -> bool:
        return self.active and (not self.types or notification_type in self.types)

    def disable(self, reason: str, at: datetime) -> None:
        if self.active:
            self.active, self.disabled_reason, self.disabled_at = False, reason, at

    def rotate(self, sealed: str, at: datetime, grace: timedelta) -> None:
        """`sealed` signs from now on; the current secret signs beside it until `at + grace` (none when 0)."""
        keep = grace > timedelta(0)
        self.previous_secret_sealed = self.secret_sealed if keep else None
        self.previous_secret_until = at + grace if keep else None
        self.secret_sealed = sealed

    def old_secrets(self, at: datetime) -> list[str]:
        """The sealed old secret while its grace period lasts at `at`, else nothing."""
        if self.previous_secret_sealed is None or self.previous_secret_until is None:
            return []
        return [self.previous_secret_sealed] if at < self.previous_secret_until else []
