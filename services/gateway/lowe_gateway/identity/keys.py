"""API keys as the domain sees them. Plain Python.

A key is `lowe_` followed by 32 random bytes in URL-safe base64 (256 bits): shown once, when it is made; stored only
as its SHA-256 hash, which is also how it is found again. Its first characters (`prefix`) name it in lists without
giving it away.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

KEY_PREFIX = "lowe_"
RANDOM_BYTES = 32
SHOWN_PREFIX_LENGTH = 12  # "lowe_" and seven random characters: enough to tell keys apart, useless to an attacker
OPERATOR, PARTNER, CENTRE = "operator", "partner", "centre"
ROLES = (OPERATOR, PARTNER, CENTRE)


class IdentityError(Exception):
    pass


class Unauthenticated(IdentityError):
    """No key, a malformed one, an unknown, revoked or expired one: the caller is told no more than that."""


class KeyNotFound(IdentityError):
    pass


@dataclass(frozen=True)
class Caller:
    """Who a request comes from: an operator (no organisation), or a partner's or a centre's key."""

    role: str
    organisation_id: UUID | None
    key_id: UUID

    @property
    def is_operator(self) -> bool:
        return self.role == OPERATOR

    def is_organisation(self, role: str, organisation_id: UUID) -> bool:
        return self.role == role and self.organisation_id == organisation_id


@dataclass(eq=False)
class ApiKey:
    id: UUID
    key_hash: str
    prefix: str
    role: str
    organisation_id: UUID | None
    label: str
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)

    def revoke(self, now: datetime) -> None:
        """Revoking twice keeps the first time."""
        if self.revoked_at is None:
            self.revoked_at = now

    def caller(self) -> Caller:
        return Caller(self.role, self.organisation_id, self.id)


def make_secret() -> str:
    return KEY_PREFIX + base64.urlsafe_b64encode(secrets.token_bytes(RANDOM_BYTES)).decode().rstrip("=")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def looks_like_a_key(secret: str) -> bool:
    """Cheap shape check before any lookup: prefix, length, URL-safe base64 characters only."""
    body = secret.removeprefix(KEY_PREFIX)
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    return secret.startswith(KEY_PREFIX) and len(body) == 43 and set(body) <= allowed
