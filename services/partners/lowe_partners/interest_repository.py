"""The interests repository: centres' interests as the domain sees them, always read fresh from storage."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_partners.interests import OPEN_STATUSES, Interest
from lowe_partners.model import Opportunity
from lowe_partners.orm import interests, opportunities


class InterestRepository(Protocol):
    def add(self, interest: Interest) -> None: ...
    def get(self, interest_id: UUID) -> Interest | None: ...
    def open_of_centre(self, opportunity_id: UUID, centre_id: UUID) -> Interest | None: ...
    def open_of_opportunity(self, opportunity_id: UUID) -> list[Interest]: ...
    def of_opportunity(self, opportunity_id: UUID) -> list[Interest]: ...
    def of_partner_opportunities(
        self, partner_id: UUID, opportunity_ids: Collection[UUID]
    ) -> list[tuple[Opportunity, list[Interest]]]: ...


class SqlAlchemyInterestRepository:
    """Every read refreshes what the session already holds (`populate_existing`): read after the opportunity's
    row lock, it sees what the transaction that held the lock before committed, not a copy loaded earlier."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: dict[UUID, Interest] = {}  # in the order first touched, so their events keep that order

    def add(self, interest: Interest) -> None:
        self.session.add(interest)
        self._track(interest)

    def get(self, interest_id: UUID) -> Interest | None:
        found = self.session.get(Interest, interest_id, populate_existing=True)
        return None if found is None else self._track(found)

    def open_of_centre(self, opportunity_id: UUID, centre_id: UUID) -> Interest | None:
        found = self._select(opportunity_id, open_only=True, centre_id=centre_id)
        return found[0] if found else None

    def open_of_opportunity(self, opportunity_id: UUID) -> list[Interest]:
        """Those holding places or waiting for them (and pending), first expressed first."""
        return self._select(opportunity_id, open_only=True)

    def of_opportunity(self, opportunity_id: UUID) -> list[Interest]:
        return self._select(opportunity_id, open_only=False)

    def of_partner_opportunities(
        self, partner_id: UUID, opportunity_ids: Collection[UUID]
    ) -> list[tuple[Opportunity, list[Interest]]]:
        """Those of the opportunities that are the partner's, each with every interest in it (first expressed
        first), in one query; another partner's and unknown ids are left out."""
        if not opportunity_ids:
            return []
        query = (
            sa.select(Opportunity, Interest)
            .outerjoin(Interest, interests.c.opportunity_id == opportunities.c.id)
            .where(opportunities.c.id.in_(opportunity_ids), opportunities.c.partner_id == partner_id)
            .order_by(opportunities.c.id, interests.c.expressed_at, interests.c.id)
            .execution_options(populate_existing=True)
        )
        found: dict[UUID, tuple[Opportunity, list[Interest]]] = {}
        for opportunity, interest in self.session.execute(query):
            _, listed = found.setdefault(opportunity.id, (opportunity, []))
            if interest is not None:
                listed.append(self._track(interest))
        return list(found.values())

    def _select(self, opportunity_id: UUID, open_only: bool, centre_id: UUID | None = None) -> list[Interest]:
        columns = interests.c
        query = sa.select(Interest).where(columns.opportunity_id == opportunity_id)
        if open_only:
            query = query.where(columns.status.in_(OPEN_STATUSES))
        if centre_id is not None:
            query = query.where(columns.centre_id == centre_id)
        query = query.order_by(columns.expressed_at, columns.id).execution_options(populate_existing=True)
        return [self._track(found) for found in self.session.scalars(query)]

    def _track(self, interest: Interest) -> Interest:
        self.seen.setdefault(interest.id, interest)
        return interest
