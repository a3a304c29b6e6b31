"""Accounts made, changed and ended by an operator (`lowe accounts`) or by the person: `verb_noun(cmd, uow, ...)`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from lowe_gateway.accounts.model import (
    DEFAULT_LANGUAGE,
    Account,
    AccountExists,
    AccountNotFound,
    PasswordHasher,
    normalise_email,
)
from lowe_gateway.accounts.ports import Clock, UnitOfWork, utc_now


@dataclass(frozen=True)
class CreateAccount:
    email: str
    display_name: str
    role: str
    organisation_id: UUID | None
    language: str = DEFAULT_LANGUAGE
    password: str | None = None  # None: an invited account, activated by its invitation


def new_account(cmd: CreateAccount, at: datetime) -> Account:
    """The account the command describes, without a password yet."""
    email = normalise_email(cmd.email)
    return Account(
        id=uuid.uuid4(),
        email=email,
        display_name=cmd.display_name.strip() or email,
        role=cmd.role,
        organisation_id=cmd.organisation_id,
        language=cmd.language,
        created_at=at,
    )


def create_account(cmd: CreateAccount, uow: UnitOfWork, hasher: PasswordHasher, now: Clock = utc_now) -> Account:
    with uow:
        email = normalise_email(cmd.email)
        if uow.accounts.by_email(email) is not None:
            raise AccountExists(email)
        account = new_account(cmd, now())
        if cmd.password is not None:
            account.set_password(cmd.password, hasher)
        uow.accounts.add(account)
        uow.commit()
        return account


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


def choose_language(account_id: UUID, language: str, uow: UnitOfWork) -> None:
    with uow:
        account = uow.accounts.get(account_id)
        if account is not None:
            account.choose_language(language)
            uow.commit()
