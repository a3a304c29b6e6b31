"""Keys in the gateway's database, through one short session per call (a request needs one lookup at most)."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

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
