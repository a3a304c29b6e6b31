"""Making, checking, listing and revoking API keys."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from lowe_gateway.identity.keys import (
    OPERATOR,
    SHOWN_PREFIX_LENGTH,
    ApiKey,
    Caller,
    KeyNotFound,
    Unauthenticated,
    hash_secret,
    looks_like_a_key,
    make_secret,
)
from lowe_gateway.identity.store import KeyStore

Clock = Callable[[], datetime]
BEARER = "bearer "


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CreateKey:
    role: str
    organisation_id: UUID | None
    label: str
    expires_at: datetime | None = None


@dataclass(frozen=True)
class IssuedKey:
    """The key's record and, this once, the key itself."""

    key: ApiKey
    secret: str


def create_key(cmd: CreateKey, store: KeyStore, now: Clock = utc_now) -> IssuedKey:
    if (cmd.role == OPERATOR) != (cmd.organisation_id is None):
        raise ValueError("an operator's key belongs to no organisation; every other key to one")
    secret = make_secret()
    key = ApiKey(
        id=uuid.uuid4(),
        key_hash=hash_secret(secret),
        prefix=secret[:SHOWN_PREFIX_LENGTH],
        role=cmd.role,
        organisation_id=cmd.organisation_id,
        label=cmd.label,
        created_at=now(),
        expires_at=cmd.expires_at,
    )
    store.add(key)
    return IssuedKey(key, secret)


def authenticate(authorization: str | None, store: KeyStore, now: Clock = utc_now) -> Caller:
    """From an `Authorization: Bearer <key>` header; keys are never read from anywhere else (not the URL)."""
    if not authorization or not authorization.lower().startswith(BEARER):
        raise Unauthenticated("Send an API key as `Authorization: Bearer <key>`.")
    secret = authorization[len(BEARER) :].strip()
    key = store.find_by_hash(hash_secret(secret)) if looks_like_a_key(secret) else None
    if key is None or not key.usable(now()):
        raise Unauthenticated("The API key is not valid (unknown, revoked or expired).")
    return key.caller()


def list_keys(caller: Caller, store: KeyStore) -> list[ApiKey]:
    """The caller's organisation's keys (an operator: the operators' keys)."""
    return store.of_organisation(caller.organisation_id)


def revoke_key(key_id: UUID, caller: Caller, store: KeyStore, now: Clock = utc_now) -> ApiKey:
    """An organisation revokes its own keys; an operator any key. Another organisation's key is not found."""

    def revoke(key: ApiKey) -> None:
        if caller.is_operator or key.organisation_id == caller.organisation_id:
            key.revoke(now())

    key = store.revoke(key_id, revoke)
    if key is None or not (caller.is_operator or key.organisation_id == caller.organisation_id):
        raise KeyNotFound(str(key_id))
    return key
