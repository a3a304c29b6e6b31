"""API keys: shown once, kept as a hash, found by it, refused once revoked or expired, revoked only by their owner."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER, ApiKey, Caller, KeyNotFound, Unauthenticated
from lowe_gateway.identity.use_cases import CreateKey, authenticate, create_key, list_keys, revoke_key

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
PARTNER_ID, OTHER_ID = uuid.uuid4(), uuid.uuid4()


class FakeKeyStore:
    def __init__(self) -> None:
        self.keys: dict[UUID, ApiKey] = {}

    def add(self, key: ApiKey) -> None:
        self.keys[key.id] = key

    def find_by_hash(self, key_hash: str) -> ApiKey | None:
        return next((key for key in self.keys.values() if key.key_hash == key_hash), None)

    def of_organisation(self, organisation_id: UUID | None) -> list[ApiKey]:
        return [key for key in self.keys.values() if key.organisation_id == organisation_id]

    def revoke(self, key_id: UUID, revoke: object) -> ApiKey | None:
        key = self.keys.get(key_id)
        if key is not None:
            revoke(key)  # type: ignore[operator]
        return key


def issue(store: FakeKeyStore, role: str = PARTNER, organisation: UUID | None = PARTNER_ID, **kw: object) -> str:
    return create_key(CreateKey(role, organisation, "test", **kw), store, now=lambda: NOW).secret  # type: ignore[arg-type]


def test_a_key_is_long_random_and_kept_only_as_its_sha256_hash() -> None:
    store = FakeKeyStore()
    secret = issue(store)
    [key] = store.keys.values()

    assert secret.startswith("lowe_") and len(secret) == 48  # 256 random bits
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(vars(key)) and key.prefix == secret[:12]
    assert issue(store) != secret


def test_a_key_authenticates_its_organisation_and_role() -> None:
    store = FakeKeyStore()
    secret = issue(store)

    caller = authenticate(f"Bearer {secret}", store, now=lambda: NOW)

    assert (caller.role, caller.organisation_id) == (PARTNER, PARTNER_ID)
    assert caller.is_organisation(PARTNER, PARTNER_ID) and not caller.is_organisation(CENTRE, PARTNER_ID)


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer lowe_short", "Bearer " + "lowe_" + "A" * 43],
)
def test_a_missing_malformed_or_unknown_key_is_refused(header: str | None) -> None:
    store = FakeKeyStore()
    issue(store)
    with pytest.raises(Unauthenticated):
        authenticate(header, store, now=lambda: NOW)


def test_an_expired_or_revoked_key_is_refused() -> None:
    store = FakeKeyStore()
    expiring = issue(store, expires_at=NOW + timedelta(hours=1))
    revoked = issue(store)
    [revoked_key] = [key for key in store.keys.values() if key.expires_at is None]
    revoke_key(revoked_key.id, revoked_key.caller(), store, now=lambda: NOW)

    authenticate(f"Bearer {expiring}", store, now=lambda: NOW)
    with pytest.raises(Unauthenticated):
        authenticate(f"Bearer {expiring}", store, now=lambda: NOW + timedelta(hours=1))
    with pytest.raises(Unauthenticated):
        authenticate(f"Bearer {revoked}", store, now=lambda: NOW)


def test_an_organisation_lists_and_revokes_only_its_own_keys_an_operator_any() -> None:
    store = FakeKeyStore()
    issue(store)
    issue(store, organisation=OTHER_ID)
    [own, other] = list(store.keys.values())
    partner = own.caller()

    assert list_keys(partner, store) == [own]
    with pytest.raises(KeyNotFound):
        revoke_key(other.id, partner, store, now=lambda: NOW)
    assert other.revoked_at is None
    revoke_key(other.id, Caller(OPERATOR, None, uuid.uuid4()), store, now=lambda: NOW)
    assert other.revoked_at == NOW


def test_only_an_operators_key_is_without_an_organisation() -> None:
    store = FakeKeyStore()
    with pytest.raises(ValueError):
        issue(store, role=OPERATOR, organisation=PARTNER_ID)
    with pytest.raises(ValueError):
        issue(store, role=CENTRE, organisation=None)
