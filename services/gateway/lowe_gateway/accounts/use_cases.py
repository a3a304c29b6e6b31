"""Signing in and out, invitations and password resets: `verb_noun(cmd, uow, ...)`, over a unit of work."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from lowe_gateway.accounts.model import (
    DEFAULT_LANGUAGE,
    INVITE,
    RESET,
    TOKEN_LIFETIMES,
    Account,
    AccountExists,
    AccountNotFound,
    AccountToken,
    InvalidCredentials,
    InvalidToken,
    PasswordHasher,
    PortalSession,
    hash_secret,
    new_secret,
    normalise_email,
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class AccountRepository(Protocol):
    def add(self, account: Account) -> None: ...
    def get(self, account_id: UUID) -> Account | None: ...
    def by_email(self, email: str) -> Account | None: ...


class SessionRepository(Protocol):
    def add(self, session: PortalSession) -> None: ...
    def get(self, id_hash: str) -> PortalSession | None: ...
    def remove(self, session: PortalSession) -> None: ...
    def remove_of_account(self, account_id: UUID) -> None: ...


class TokenRepository(Protocol):
    def add(self, token: AccountToken) -> None: ...
    def get(self, token_hash: str) -> AccountToken | None: ...
    def unused_of(self, account_id: UUID, purpose: str) -> list[AccountToken]: ...


class UnitOfWork(Protocol):
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def tokens(self) -> TokenRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...


@dataclass(frozen=True)
class CreateAccount:
    email: str
    display_name: str
    role: str
    organisation_id: UUID | None
    language: str = DEFAULT_LANGUAGE
    password: str | None = None  # None: an invited account, activated by its invitation


@dataclass(frozen=True)
class SignIn:
    email: str
    password: str
    previous_session: str | None = None  # the cookie's id, if any: replaced, never kept (no session fixation)


@dataclass(frozen=True)
class UseToken:
    token: str
    password: str


@dataclass(frozen=True)
class SignedIn:
    """The account, its new session and, this once, the session's raw id (for the cookie)."""

    account: Account
    session: PortalSession
    secret: str


@dataclass(frozen=True)
class Issued:
    """An invitation or reset for the account, with the raw token (for the e-mailed link only)."""

    account: Account
    token: str


def create_account(cmd: CreateAccount, uow: UnitOfWork, hasher: PasswordHasher, now: Clock = utc_now) -> Account:
    with uow:
        email = normalise_email(cmd.email)
        if uow.accounts.by_email(email) is not None:
            raise AccountExists(email)
        account = Account(
            id=uuid.uuid4(),
            email=email,
            display_name=cmd.display_name.strip() or email,
            role=cmd.role,
            organisation_id=cmd.organisation_id,
            language=cmd.language,
            created_at=now(),
        )
        if cmd.password is not None:
            account.set_password(cmd.password, hasher)
        uow.accounts.add(account)
        uow.commit()
        return account


def invite_account(cmd: CreateAccount, uow: UnitOfWork, now: Clock = utc_now) -> Issued:
    """A new account waiting for its password, or a fresh link for one still waiting (older links stop working).
    An account that already has a password is not invited again."""
    with uow:
        email = normalise_email(cmd.email)
        account = uow.accounts.by_email(email)
        if account is not None and (account.password_hash is not None or account.disabled_at is not None):
            raise AccountExists(email)
        if account is None:
            account = Account(
                id=uuid.uuid4(),
                email=email,
                display_name=cmd.display_name.strip() or email,
                role=cmd.role,
                organisation_id=cmd.organisation_id,
                language=cmd.language,
                created_at=now(),
            )
            uow.accounts.add(account)
        token = _issue(uow, account, INVITE, now())
        uow.commit()
        return Issued(account, token)


def accept_invitation(cmd: UseToken, uow: UnitOfWork, hasher: PasswordHasher, now: Clock = utc_now) -> SignedIn:
    """Sets the first password and signs the person in."""
    with uow:
        at = now()
        token, account = _redeem(uow, cmd.token, INVITE, at)
        account.set_password(cmd.password, hasher)
        token.use(at)
        signed_in = _open_session(uow, account, at)
        uow.commit()
        return signed_in


def sign_in(cmd: SignIn, uow: UnitOfWork, hasher: PasswordHasher, now: Clock = utc_now) -> SignedIn:
    """Timing-safe: an unknown e-mail, or an account without a password, costs one Argon2 verification too."""
    with uow:
        account = uow.accounts.by_email(normalise_email(cmd.email))
        stored = account.password_hash if account is not None else None
        verified = hasher.verify(stored or hasher.dummy_hash, cmd.password[:1024])
        if account is None or stored is None or not verified or not account.active:
            raise InvalidCredentials()
        if hasher.needs_rehash(stored):
            account.password_hash = hasher.hash(cmd.password)
        if cmd.previous_session and (old := uow.sessions.get(hash_secret(cmd.previous_session))) is not None:
            uow.sessions.remove(old)
        signed_in = _open_session(uow, account, now())
        uow.commit()
        return signed_in


def disable_account(email: str, uow: UnitOfWork, now: Clock = utc_now) -> Account:
    """The person may no longer sign in; every session of the account ends at once (an operator's decision, e.g.
    when someone leaves the organisation)."""
    with uow:
        account = uow.accounts.by_email(normalise_email(email))
        if account is None:
            raise AccountNotFound(email)
        account.disable(now())
        uow.sessions.remove_of_account(account.id)
        uow.commit()
        return account


def sign_out(session_secret: str, uow: UnitOfWork) -> None:
    with uow:
        session = uow.sessions.get(hash_secret(session_secret))
        if session is not None:
            uow.sessions.remove(session)
            uow.commit()


def session_of(session_secret: str, uow: UnitOfWork, now: Clock = utc_now) -> tuple[Account, PortalSession] | None:
    """The live session and its account; an expired session is deleted, a disabled account's is refused."""
    with uow:
        session = uow.sessions.get(hash_secret(session_secret))
        if session is None:
            return None
        at = now()
        account = uow.accounts.get(session.account_id)
        if account is None or not account.active or not session.live(at):
            uow.sessions.remove(session)
            uow.commit()
            return None
        if session.touch(at):
            uow.commit()
        return account, session


def choose_language(account_id: UUID, language: str, uow: UnitOfWork) -> None:
    with uow:
        account = uow.accounts.get(account_id)
        if account is not None:
            account.choose_language(language)
            uow.commit()


def request_password_reset(email: str, uow: UnitOfWork, now: Clock = utc_now) -> Issued | None:
    """A reset link for an active account; None otherwise (the visitor is told the same either way)."""
    with uow:
        account = uow.accounts.by_email(normalise_email(email))
        if account is None or not account.active:
            return None
        token = _issue(uow, account, RESET, now())
        uow.commit()
        return Issued(account, token)


def reset_password(cmd: UseToken, uow: UnitOfWork, hasher: PasswordHasher, now: Clock = utc_now) -> Account:
    """A new password; every session of the account ends (whoever had it is signed out)."""
    with uow:
        at = now()
        token, account = _redeem(uow, cmd.token, RESET, at)
        account.set_password(cmd.password, hasher)
        token.use(at)
        uow.sessions.remove_of_account(account.id)
        uow.commit()
        return account


def _issue(uow: UnitOfWork, account: Account, purpose: str, at: datetime) -> str:
    for older in uow.tokens.unused_of(account.id, purpose):
        older.use(at)  # one working link per purpose: the newest
    secret = new_secret()
    uow.tokens.add(AccountToken(hash_secret(secret), account.id, purpose, at, at + TOKEN_LIFETIMES[purpose]))
    return secret


def _redeem(uow: UnitOfWork, secret: str, purpose: str, at: datetime) -> tuple[AccountToken, Account]:
    token = uow.tokens.get(hash_secret(secret)) if secret else None
    if token is None or not token.usable(purpose, at):
        raise InvalidToken()
    account = uow.accounts.get(token.account_id)
    if account is None or account.disabled_at is not None:
        raise InvalidToken()
    return token, account


def _open_session(uow: UnitOfWork, account: Account, at: datetime) -> SignedIn:
    secret = new_secret()
    session = PortalSession(hash_secret(secret), account.id, new_secret(), at, at)
    uow.sessions.add(session)
    return SignedIn(account, session, secret)
