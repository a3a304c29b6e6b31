"""Repositories: the domain's view of storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_partners.listing import OpenOpportunityCounts, OpportunitiesById, OpportunityQuery, PartnerQuery
from lowe_partners.model import OPEN, Opportunity, Partner
from lowe_partners.orm import opportunities, opportunity_tags, partners

NATIONWIDE = "nationwide"


class PartnerRepository(Protocol):
    seen: set[Partner]

    def add(self, partner: Partner) -> None: ...
    def get(self, partner_id: UUID) -> Partner | None: ...
    def get_for_update(self, partner_id: UUID) -> Partner | None: ...
    def search(self, query: PartnerQuery) -> list[Partner]: ...
    def count_by_status(self) -> dict[str, int]: ...


class OpportunityRepository(Protocol):
    seen: set[Opportunity]

    def add(self, opportunity: Opportunity) -> None: ...
    def get(self, opportunity_id: UUID) -> Opportunity | None: ...
    def get_for_update(self, opportunity_id: UUID) -> Opportunity | None: ...
    def get_many(self, query: OpportunitiesById) -> list[Opportunity]: ...
    def open_of_partner(self, partner_id: UUID) -> list[Opportunity]: ...
    def due_for_closing(self, now: datetime, limit: int) -> list[Opportunity]: ...
    def search(self, query: OpportunityQuery) -> list[Opportunity]: ...
    def count_open(self) -> OpenOpportunityCounts: ...


class SqlAlchemyPartnerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: set[Partner] = set()

    def add(self, partner: Partner) -> None:
        self.session.add(partner)
        self.seen.add(partner)

    def get(self, partner_id: UUID) -> Partner | None:
        return self._track(self.session.get(Partner, partner_id))

    def get_for_update(self, partner_id: UUID) -> Partner | None:
        return self._track(self.session.get(Partner, partner_id, with_for_update=True))

    def search(self, query: PartnerQuery) -> list[Partner]:
        """Up to `limit` partners after the cursor, by name then id."""
        columns = partners.c
        statement = sa.select(Partner).order_by(columns.name, columns.id)
        if query.statuses:
            statement = statement.where(columns.status.in_(query.statuses))
        if query.text:
            statement = statement.where(
                sa.func.lower(columns.name).like(f"%{_escape_like(query.text.lower())}%", escape="\\")
            )
        if query.after is not None:
            name, partner_id = query.after.name, query.after.id
            statement = statement.where(
                sa.or_(columns.name > name, sa.and_(columns.name == name, columns.id > partner_id))
            )
        return list(self.session.scalars(statement.limit(query.limit)))

    def count_by_status(self) -> dict[str, int]:
        """One query, however many partners; a status no partner has is left out."""
        query = sa.select(partners.c.status, sa.func.count()).group_by(partners.c.status)
        return {status: count for status, count in self.session.execute(query)}

    def _track(self, partner: Partner | None) -> Partner | None:
        if partner is not None:
            self.seen.add(partner)
        return partner


class SqlAlchemyOpportunityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: set[Opportunity] = set()
        self._stored_tags: dict[UUID, set[tuple[str, str]]] = {}

    def add(self, opportunity: Opportunity) -> None:
        self.session.add(opportunity)
        self.seen.add(opportunity)
        self._stored_tags[opportunity.id] = set()

    def get(self, opportunity_id: UUID) -> Opportunity | None:
        return self._track(self.session.get(Opportunity, opportunity_id))

    def get_for_update(self, opportunity_id: UUID) -> Opportunity | None:
        """Locks the row (PostgreSQL) so concurrent state changes on replicas happen one after the other."""
        return self._track(self.session.get(Opportunity, opportunity_id, with_for_update=True))

    def get_many(self, query: OpportunitiesById) -> list[Opportunity]:
        """Those of the ids the reader may see, in one query; unknown and hidden ones are left out."""
        if not query.ids:
            return []
        statement = sa.select(Opportunity).where(
            opportunities.c.id.in_(query.ids), _visible(query.all_drafts, query.drafts_of)
        )
        return [self._add_seen(found) for found in self.session.scalars(statement)]

    def open_of_partner(self, partner_id: UUID) -> list[Opportunity]:
        query = (
            sa.select(Opportunity)
            .where(opportunities.c.partner_id == partner_id, opportunities.c.status == OPEN)
            .with_for_update()
        )
        return [self._add_seen(found) for found in self.session.scalars(query)]

    def due_for_closing(self, now: datetime, limit: int) -> list[Opportunity]:
        """Open opportunities past their deadline; rows another replica is closing are skipped, not waited for."""
        deadline = sa.func.coalesce(opportunities.c.apply_by, opportunities.c.starts_at)
        query = (
            sa.select(Opportunity)
            .where(opportunities.c.status == OPEN, deadline.is_not(None), deadline <= now)
            .order_by(deadline)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [self._add_seen(found) for found in self.session.scalars(query)]

    def search(self, query: OpportunityQuery) -> list[Opportunity]:
        columns = opportunities.c
        statement = sa.select(Opportunity)
        if query.kinds:
            statement = statement.where(columns.kind.in_(query.kinds))
        if query.statuses:
            statement = statement.where(columns.status.in_(query.statuses))
        if query.partner_id:
            statement = statement.where(columns.partner_id == query.partner_id)
        statement = statement.where(_visible(query.all_drafts, query.drafts_of))
        if query.topic:
            statement = statement.where(_tagged("topic", [query.topic]))
        if query.target_group:
            statement = statement.where(_tagged("target_group", [query.target_group]))
        if query.region:
            statement = statement.where(_tagged("region", [query.region, NATIONWIDE]))
        if query.text:
            pattern = f"%{_escape_like(query.text.lower())}%"
            statement = statement.where(
                sa.or_(
                    sa.func.lower(columns.title).like(pattern, escape="\\"),
                    sa.func.lower(columns.description).like(pattern, escape="\\"),
                )
            )
        if query.starts_from:
            statement = statement.where(columns.starts_at >= query.starts_from)
        if query.starts_until:
            statement = statement.where(columns.starts_at < query.starts_until)
        if query.after:
            statement = statement.where(
                sa.or_(
                    columns.created_at < query.after.created_at,
                    sa.and_(columns.created_at == query.after.created_at, columns.id < query.after.id),
                )
            )
        statement = statement.order_by(columns.created_at.desc(), columns.id.desc()).limit(query.limit)
        return list(self.session.scalars(statement))

    def count_open(self) -> OpenOpportunityCounts:
        """One query, however many opportunities: the open ones per region tag (one per voivodeship named, or
        `nationwide`), and all of them each once, from a subquery."""
        tags, published = opportunity_tags.c, opportunities.c.status == OPEN
        total = sa.select(sa.func.count()).select_from(opportunities).where(published).correlate(None)
        query = (
            sa.select(tags.value, sa.func.count(), total.scalar_subquery())
            .join_from(opportunity_tags, opportunities, tags.opportunity_id == opportunities.c.id)
            .where(tags.dimension == "region", published)
            .group_by(tags.value)
        )
        rows = self.session.execute(query).all()
        by_region = {value: count for value, count, _ in rows}
        nationwide = by_region.pop(NATIONWIDE, 0)
        return OpenOpportunityCounts(by_region, nationwide, rows[0][2] if rows else 0)

    def sync_tags(self) -> None:
        """Keeps the listing tags of every opportunity touched in this unit of work in step with it."""
        for opportunity in self.seen:
            tags = _tags_of(opportunity)
            if tags == self._stored_tags.get(opportunity.id):
                continue
            self.session.flush()
            self.session.execute(sa.delete(opportunity_tags).where(opportunity_tags.c.opportunity_id == opportunity.id))
            self.session.execute(
                opportunity_tags.insert(),
                [{"opportunity_id": opportunity.id, "dimension": d, "value": v} for d, v in sorted(tags)],
            )
            self._stored_tags[opportunity.id] = tags

    def _track(self, opportunity: Opportunity | None) -> Opportunity | None:
        return None if opportunity is None else self._add_seen(opportunity)

    def _add_seen(self, opportunity: Opportunity) -> Opportunity:
        self.seen.add(opportunity)
        self._stored_tags.setdefault(opportunity.id, _tags_of(opportunity))  # as loaded, so as stored
        return opportunity


def _visible(all_drafts: bool, drafts_of: UUID | None) -> sa.ColumnElement[bool]:
    """Every opportunity, or none of the drafts but those of `drafts_of` (a partner sees its own)."""
    if all_drafts:
        return sa.true()
    others = opportunities.c.status != "draft"
    mine = opportunities.c.partner_id == drafts_of if drafts_of is not None else sa.false()
    return sa.or_(others, mine)


def _tags_of(opportunity: Opportunity) -> set[tuple[str, str]]:
    tags = {("topic", topic) for topic in opportunity.topics}
    tags |= {("target_group", group) for group in opportunity.target_groups}
    tags |= {("region", region) for region in opportunity.regions} or {("region", NATIONWIDE)}
    return tags


def _tagged(dimension: str, values: list[str]) -> sa.Exists:
    return sa.exists().where(
        opportunity_tags.c.opportunity_id == opportunities.c.id,
        opportunity_tags.c.dimension == dimension,
        opportunity_tags.c.value.in_(values),
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
