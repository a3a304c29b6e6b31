"""Accounts, sessions and tokens in the gateway's database: repositories over one session, in a unit of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from lowe_gateway.accounts.model import Account, AccountToken, PortalSession
from lowe_gateway.identity.orm import account_tokens, accounts, portal_sessions


class SqlAlchemyAccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, account: Account) -> None:
        self.session.add(account)

    def get(self, account_id: UUID) -> Account | None:
        return self.session.get(Account, account_id)

    def by_email(self, email: str) -> Account | None:
        return self.session.scalars(sa.select(Account).where(accounts.c.email == email)).first()


class SqlAlchemySessionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, portal_session: PortalSession) -> None:
        self.session.add(portal_session)

    def get(self, id_hash: str) -> PortalSession | None:
        return self.session.get(PortalSession, id_hash)

    def remove(self, portal_session: PortalSession) -> None:
        self.session.delete(portal_session)

    def remove_of_account(self, account_id: UUID) -> None:
        self.session.execute(sa.delete(portal_sessions).where(portal_sessions.c.account_id == account_id))


class SqlAlchemyTokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, token: AccountToken) -> None:
        self.session.add(token)

    def get(self, token_hash: str) -> AccountToken | None:
        return self.session.get(AccountToken, token_hash, with_for_update=True)  # single use, even when raced

    def unused_of(self, account_id: UUID, purpose: str) -> list[AccountToken]:
        condition = sa.and_(
            account_tokens.c.account_id == account_id,
            account_tokens.c.purpose == purpose,
            account_tokens.c.used_at.is_(None),
        )
        return list(self.session.scalars(sa.select(AccountToken).where(condition)))


class AccountsUnitOfWork:
    """One transaction per use case; what it returns stays readable after the session ends."""

    accounts: SqlAlchemyAccountRepository
    sessions: SqlAlchemySessionRepository
    tokens: SqlAlchemyTokenRepository

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self.session_factory = session_factory
        self.session: Session | None = None

    def __enter__(self) -> AccountsUnitOfWork:
        self.session = self.session_factory()
        self.accounts = SqlAlchemyAccountRepository(self.session)
        self.sessions = SqlAlchemySessionRepository(self.session)
        self.tokens = SqlAlchemyTokenRepository(self.session)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.session is not None:
            self.session.expunge_all()
            self.session.rollback()
            self.session.close()
            self.session = None

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()


class AccountsUnavailable(Exception):
    """The gateway's database cannot hold accounts yet (not migrated, or not answering); the message says which."""


@contextmanager
def opened_accounts(database_url: str) -> Iterator[AccountsUnitOfWork]:
    """The accounts on the gateway's database, for commands run outside the gateway (`lowe accounts`, the demo)."""
    from lowe_backbone.database import create_engine_for
    from lowe_gateway.identity import orm

    orm.start_mappers()
    engine = create_engine_for(database_url)
    try:
        try:
            with engine.connect() as connection:
                if not sa.inspect(connection).has_table("accounts"):
                    raise AccountsUnavailable("the gateway's database has no account table yet: run `lowe migrate`")
        except sa.exc.OperationalError as exc:
            raise AccountsUnavailable(f"the gateway's database does not answer ({type(exc.orig).__name__})") from None
        yield AccountsUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False))
    finally:
        engine.dispose()
