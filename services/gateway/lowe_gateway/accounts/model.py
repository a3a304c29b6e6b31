"""Portal accounts as the domain sees them. Plain Python.

An account acts for one organisation exactly as an API key does (`role` and `organisation_id` make its `Caller`).
Secrets are never stored: passwords as Argon2id hashes (`PasswordHasher`), session ids and one-time tokens as their
SHA-256 hashes. The raw session id lives in the person's cookie; a raw token in the e-mailed link only.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID, uuid5

from lowe_gateway.identity.keys import OPERATOR, ROLES, Caller

LANGUAGES = ("pl", "en")
DEFAULT_LANGUAGE = "pl"
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256  # Argon2 takes any length; a bound keeps a megabyte "password" from costing much
INVITE, RESET = "invite", "reset"
TOKEN_LIFETIMES = {INVITE: timedelta(days=7), RESET: timedelta(hours=1)}
SESSION_IDLE = timedelta(hours=8)
SESSION_ABSOLUTE = timedelta(days=7)
SESSION_TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often
# the session of a portal account is its own "key": a fixed namespace turns the session into a stable key id
_SESSION_KEY_NAMESPACE = UUID("6f1d3c2e-2a8b-4a77-9a43-4f4c1d0e8b55")


class AccountError(Exception):
    pass


class InvalidCredentials(AccountError):
    """Unknown e-mail, wrong password, disabled or not yet activated account: the visitor is told no more."""


class InvalidToken(AccountError):
    """An invitation or reset link that is unknown, used, expired, or whose account is disabled."""


class WeakPassword(AccountError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # `too_short`, `too_long`, `is_email`


class AccountExists(AccountError):
    pass


class AccountNotFound(AccountError):
    """No account has this e-mail address."""


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...

    @property
    def dummy_hash(self) -> str:
        """A hash of no one's password, verified against when there is no account, so both cost the same."""
        ...


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password(password: str, email: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword("too_short")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword("too_long")
    if normalise_email(password) == normalise_email(email):
        raise WeakPassword("is_email")


def new_secret() -> str:
    """256 random bits, URL-safe: a session id or a one-time token."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def masked(email: str) -> str:
    """For logs: enough to tell two addresses apart by eye, never the address (`a***@example.pl`)."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


@dataclass(eq=False)
class Account:
    id: UUID
    email: str  # normalised: lower case, no surrounding blanks
    display_name: str
    role: str
    organisation_id: UUID | None
    language: str
    created_at: datetime
    password_hash: str | None = None  # None until the invitation is accepted
    disabled_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        if (self.role == OPERATOR) != (self.organisation_id is None):
            raise ValueError("an operator's account belongs to no organisation; every other account to one")
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown language {self.language!r}")

    @property
    def active(self) -> bool:
        return self.disabled_at is None and self.password_hash is not None

    def set_password(self, password: str, hasher: PasswordHasher) -> None:
        check_password(password, self.email)
        self.password_hash = hasher.hash(password)

    def disable(self, now: datetime) -> None:
        if self.disabled_at is None:
            self.disabled_at = now

    def choose_language(self, language: str) -> None:
        if language in LANGUAGES:
            self.language = language


@dataclass(eq=False)
class PortalSession:
    id_hash: str
    account_id: UUID
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime

    def live(self, now: datetime) -> bool:
        return now < self.created_at + SESSION_ABSOLUTE and now < self.last_seen_at + SESSION_IDLE

    def touch(self, now: datetime) -> bool:
        """Whether it changed (worth writing)."""
        if now - self.last_seen_at < SESSION_TOUCH_EVERY:
            return False
        self.last_seen_at = now
        return True

    def caller(self, account: Account) -> Caller:
        """The account as the API's rules see a caller; the key id names the session (not the person)."""
        return Caller(account.role, account.organisation_id, uuid5(_SESSION_KEY_NAMESPACE, self.id_hash))


@dataclass(eq=False)
class AccountToken:
    token_hash: str
    account_id: UUID
    purpose: str  # INVITE or RESET
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    def usable(self, purpose: str, now: datetime) -> bool:
        return self.purpose == purpose and self.used_at is None and now < self.expires_at

    def use(self, now: datetime) -> None:
        self.used_at = now
