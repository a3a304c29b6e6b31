"""One-click unsubscribe tokens: which recipient turns e-mail off for which type, signed with the service's key."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from uuid import UUID


class InvalidToken(ValueError):
    pass


@dataclass(frozen=True)
class Unsubscribe:
    recipient_id: UUID
    recipient_type: str
    type: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(request: Unsubscribe, key: bytes) -> str:
    payload = _b64(json.dumps([str(request.recipient_id), request.recipient_type, request.type]).encode())
    return payload + "." + _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def read_token(token: str, key: bytes) -> Unsubscribe:
    payload, _, signature = token.partition(".")
    expected = _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())
    # as bytes: compare_digest refuses str with non-ASCII characters (a tampered link), which would be a 500
    if not payload or not hmac.compare_digest(expected.encode(), signature.encode()):
        raise InvalidToken("bad signature")
    try:
        recipient_id, recipient_type, notification_type = json.loads(_unb64(payload))
        return Unsubscribe(UUID(recipient_id), str(recipient_type), str(notification_type))
    except (ValueError, TypeError):
        raise InvalidToken("bad payload") from None
