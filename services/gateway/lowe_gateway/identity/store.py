"""Keys in the gateway's database, through one short session per call (a request needs one lookup at most)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from lowe_gateway.identity.keys import ApiKey
from lowe_gateway.identity.orm import api_keys


class KeyStore:
    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self.session_factory = session_factory

    def add(self, key: ApiKey) -> None:
        with self.session_factory() as session, session.begin():
            session.add(key)
            session.flush()
            session.expunge(key)

    def find_by_hash(self, key_hash: str) -> ApiKey | None:
        with self.session_factory() as session:
            found = session.scalars(sa.select(ApiKey).where(api_keys.c.key_hash == key_hash)).first()
            if found is not None:
                session.expunge(found)
            return found

    def of_organisation(self, organisation_id: UUID | None) -> list[ApiKey]:
        """An organisation's keys, or the operators' (organisation None), newest first."""
        owner = api_keys.c.organisation_id
        condition = owner.is_(None) if organisation_id is None else owner == organisation_id
        with self.session_factory() as session:
            found = list(session.scalars(sa.select(ApiKey).where(condition).order_by(api_keys.c.created_at.desc())))
            session.expunge_all()
            return found

    def revoke(self, key_id: UUID, revoke: Callable[[ApiKey], None]) -> ApiKey | None:
        with self.session_factory() as session, session.begin():
            key = session.get(ApiKey, key_id, with_for_update=True)
            if key is not None:
                revoke(key)
                session.flush()
                session.expunge(key)
            return key


class KeyStoreUnavailable(Exception):
    """The gateway's database cannot hold keys yet: not migrated, or not answering. The message says which."""


@contextmanager
def opened_key_store(database_url: str) -> Iterator[KeyStore]:
    """The key store on the gateway's database, for commands run outside the gateway (`lowe keys`, the demo)."""
    from lowe_backbone.database import create_engine_for
    from lowe_gateway.identity import orm

    orm.start_mappers()
    engine = create_engine_for(database_url)
    try:
        try:
            with engine.connect() as connection:
                if not sa.inspect(connection).has_table("api_keys"):
                    raise KeyStoreUnavailable("the gateway's database has no key table yet: run `lowe migrate` first")
        except sa.exc.OperationalError as exc:
            raise KeyStoreUnavailable(f"the gateway's database does not answer ({type(exc.orig).__name__})") from None
        yield KeyStore(sessionmaker(bind=engine, expire_on_commit=False))
    finally:
        engine.dispose()
