"""Invitations and password resets: single-use tokens, e-mailed once as links and kept as hashes, redeemed for a
new password: `verb_noun(cmd, uow, ...)`, over a unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lowe_gateway.accounts.administration import CreateAccount, new_account
from lowe_gateway.accounts.model import (
    INVITE,
    RESET,
    TOKEN_LIFETIMES,
    Account,
    AccountExists,
    AccountToken,
    InvalidToken,
    PasswordHasher,
    hash_secret,
    new_secret,
    normalise_email,
)
from lowe_gateway.accounts.ports import Clock, UnitOfWork, utc_now
from lowe_gateway.accounts.signing_in import SignedIn, open_session


@dataclass(frozen=True)
class UseToken:
    token: str
    password: str


@dataclass(frozen=True)
class Issued:
    """An invitation or reset for the account, with the raw token (for the e-mailed link only)."""

    account: Account
    token: str


def invite_account(cmd: CreateAccount, uow: UnitOfWork, now: Clock = utc_now) -> Issued:
    """A new account waiting for its password, or a fresh link for one still waiting (older links stop working).
    An account that already has a password is not invited again."""
    with uow:
        email = normalise_email(cmd.email)
        account = uow.accounts.by_email(email)
        if account is not None and (account.password_hash is not None or account.disabled_at is not None):
            raise AccountExists(email)
        if account is None:
            account = new_account(cmd, now())
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
        signed_in = open_session(uow, account, at)
        uow.commit()
        return signed_in


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
