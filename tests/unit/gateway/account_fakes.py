"""Hand-written fakes for the portal's accounts: in-memory repositories and a hasher that counts its work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from lowe_gateway.accounts.model import Account, AccountToken, PortalSession


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakeHasher:
    """`hashed:<password>`; `verifications` counts every verify, the dummy's included (the timing-safety check)."""

    dummy_hash = "hashed:\x00dummy"

    def __init__(self) -> None:
        self.verifications = 0

    def hash(self, password: str) -> str:
        return f"hashed:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        self.verifications += 1
        return password_hash == f"hashed:{password}"

    def needs_rehash(self, password_hash: str) -> bool:
        return False


class Accounts:
    def __init__(self) -> None:
        self.rows: dict[UUID, Account] = {}

    def add(self, account: Account) -> None:
        self.rows[account.id] = account

    def get(self, account_id: UUID) -> Account | None:
        return self.rows.get(account_id)

    def by_email(self, email: str) -> Account | None:
        return next((a for a in self.rows.values() if a.email == email), None)


class Sessions:
    def __init__(self) -> None:
        self.rows: dict[str, PortalSession] = {}

    def add(self, session: PortalSession) -> None:
        self.rows[session.id_hash] = session

    def get(self, id_hash: str) -> PortalSession | None:
        return self.rows.get(id_hash)

    def remove(self, session: PortalSession) -> None:
        self.rows.pop(session.id_hash, None)

    def remove_of_account(self, account_id: UUID) -> None:
        self.rows = {key: s for key, s in self.rows.items() if s.account_id != account_id}


class Tokens:
    def __init__(self) -> None:
        self.rows: dict[str, AccountToken] = {}

    def add(self, token: AccountToken) -> None:
        self.rows[token.token_hash] = token

    def get(self, token_hash: str) -> AccountToken | None:
        return self.rows.get(token_hash)

    def unused_of(self, account_id: UUID, purpose: str) -> list[AccountToken]:
        return [t for t in self.rows.values() if t.account_id == account_id and t.purpose == purpose and not t.used_at]


class FakeUnitOfWork:
    def __init__(self) -> None:
        self.accounts, self.sessions, self.tokens = Accounts(), Sessions(), Tokens()
        self.commits = 0

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        pass

    def commit(self) -> None:
        self.commits += 1
