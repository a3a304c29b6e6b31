"""Signing in and out, and the session behind a cookie: `verb_noun(cmd, uow, ...)`, over a unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lowe_gateway.accounts.model import (
    Account,
    InvalidCredentials,
    PasswordHasher,
    PortalSession,
    hash_secret,
    new_secret,
    normalise_email,
)
from lowe_gateway.accounts.ports import Clock, UnitOfWork, utc_now


@dataclass(frozen=True)
class SignIn:
    email: str
    password: str
    previous_session: str | None = None  # the cookie's id, if any: replaced, never kept (no session fixation)


@dataclass(frozen=True)
class SignedIn:
    """The account, its new session and, this once, the session's raw id (for the cookie)."""

    account: Account
    session: PortalSession
    secret: str


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
        signed_in = open_session(uow, account, now())
        uow.commit()
        return signed_in


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


def open_session(uow: UnitOfWork, account: Account, at: datetime) -> SignedIn:
    """A new session in the caller's unit of work (not committed here): after a password, or an accepted invitation."""
    secret = new_secret()
    session = PortalSession(hash_secret(secret), account.id, new_secret(), at, at)
    uow.sessions.add(session)
    return SignedIn(account, session, secret)
