"""The service's delivery settings, read from its config in `setup()`: retry policy, unsubscribe links and their
signing key, and the key that seals webhook secrets at rest (Fernet: AES-128-CBC + HMAC-SHA256).

`WEBHOOK_SECRET_GRACE` (seconds, 24 hours by default) is how long a rotated webhook secret keeps signing.
`WEBHOOK_SECRET_KEY` (a Fernet key) and `UNSUBSCRIBE_KEY` must be set in production. Without them the service
makes random keys for this process and says so in its log: secrets and links then do not survive a restart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from cryptography.fernet import Fernet, InvalidToken
from nameko.extensions import DependencyProvider

from lowe_backbone.logs import get_logger
from lowe_notifications.model import RetryPolicy
from lowe_notifications.model.unsubscribe import Unsubscribe, make_token
from lowe_notifications.model.webhooks import ROTATION_GRACE

log = get_logger(__name__)


class FernetSealer:
    def __init__(self, key: bytes) -> None:
        self.fernet = Fernet(key)

    def seal(self, secret: bytes) -> str:
        return self.fernet.encrypt(secret).decode("ascii")

    def unseal(self, sealed: str) -> bytes:
        try:
            return self.fernet.decrypt(sealed.encode("ascii"))
        except InvalidToken:
            raise ValueError("the webhook secret cannot be read with this key") from None


@dataclass(frozen=True)
class UnsubscribeLinks:
    base_url: str
    key: bytes

    def unsubscribe_url(self, recipient_id: UUID, recipient_type: str, notification_type: str) -> str:
        token = make_token(Unsubscribe(recipient_id, recipient_type, notification_type), self.key)
        return f"{self.base_url}?{urlencode({'token': token})}"


@dataclass(frozen=True)
class DeliverySettings:
    policy: RetryPolicy
    links: UnsubscribeLinks
    sealer: FernetSealer
    unsubscribe_key: bytes
    rotation_grace: timedelta = ROTATION_GRACE  # how long a rotated webhook secret keeps signing beside the new one


def _key(config: dict[str, Any], name: str) -> str | None:
    value = str(config.get(name) or "").strip()
    return value or None


class DeliverySettingsProvider(DependencyProvider):
    def setup(self) -> None:
        config = self.container.config
        sealing = _key(config, "WEBHOOK_SECRET_KEY")
        unsubscribing = _key(config, "UNSUBSCRIBE_KEY")
        if sealing is None or unsubscribing is None:
            log.warning("notifications_keys_missing", detail="random keys for this process only")
        fernet_key = sealing.encode() if sealing else Fernet.generate_key()
        unsubscribe_key = hashlib.sha256((unsubscribing or Fernet.generate_key().decode()).encode()).digest()
        self.settings = DeliverySettings(
            policy=RetryPolicy(
                max_attempts=int(config.get("DELIVERY_MAX_ATTEMPTS", 8)),
                base_seconds=float(config.get("DELIVERY_RETRY_BASE", 30)),
                cap_seconds=float(config.get("DELIVERY_RETRY_CAP", 6 * 3600)),
            ),
            links=UnsubscribeLinks(
                str(config.get("UNSUBSCRIBE_BASE_URL", "http://127.0.0.1:8000/api/v1/unsubscribe")), unsubscribe_key
            ),
            sealer=FernetSealer(fernet_key),
            unsubscribe_key=unsubscribe_key,
            rotation_grace=timedelta(seconds=float(config.get("WEBHOOK_SECRET_GRACE", ROTATION_GRACE.total_seconds()))),
        )

    def get_dependency(self, worker_ctx: Any) -> DeliverySettings:
        return self.settings
