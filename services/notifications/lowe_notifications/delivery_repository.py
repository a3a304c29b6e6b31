"""The delivery ledger's storage: adding, claiming what is due (replica-safe), and the operators' listing.

Claiming writes a lease (`locked_until`, `lock_token`) in one short transaction: on PostgreSQL the candidate rows
are picked with `FOR UPDATE SKIP LOCKED`, so replicas never claim the same row; SQLite has a single writer. The
sending happens after that commit, and a claim whose process died runs out and the row is claimed again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_notifications.model import Delivery
from lowe_notifications.model.deliveries import PENDING, QUEUED
from lowe_notifications.orm import deliveries


@dataclass(frozen=True)
class LedgerQuery:
    limit: int = 50
    status: str | None = None
    channel: str | None = None
    recipient_id: UUID | None = None
    type: str | None = None
    after: tuple[datetime, UUID] | None = None


class SqlAlchemyDeliveryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, delivery: Delivery) -> None:
        self.session.add(delivery)

    def get(self, delivery_id: UUID) -> Delivery | None:
        return self.session.get(Delivery, delivery_id)

    def get_for_update(self, delivery_id: UUID) -> Delivery | None:
        return self.session.get(Delivery, delivery_id, with_for_update=True)

    def find(self, source_event_id: str, recipient_id: UUID, channel: str, target: str = "") -> Delivery | None:
        columns = deliveries.c
        query = sa.select(Delivery).where(
            columns.source_event_id == source_event_id,
            columns.recipient_id == recipient_id,
            columns.channel == channel,
            columns.target == target,
        )
        return self.session.scalars(query).first()

    def claim_due(self, now: datetime, lease: timedelta, limit: int, digest_items: bool = False) -> list[Delivery]:
        """Leases up to `limit` due rows: messages to send, or (with `digest_items`) items waiting for their digest."""
        columns = deliveries.c
        free = sa.or_(columns.locked_until.is_(None), columns.locked_until < now)
        if digest_items:
            due = sa.and_(columns.status == QUEUED, columns.digest_on.is_not(None), columns.digest_id.is_(None))
        else:
            due = sa.and_(columns.status.in_(PENDING), columns.digest_on.is_(None))
        candidates = (
            sa.select(columns.id)
            .where(due, columns.next_attempt_at <= now, free)
            .order_by(columns.next_attempt_at, columns.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        token = str(uuid.uuid4())
        self.session.execute(
            sa.update(deliveries)
            .where(columns.id.in_(candidates.scalar_subquery()))
            .values(locked_until=now + lease, lock_token=token)
            .execution_options(synchronize_session=False)
        )
        return list(self.session.scalars(sa.select(Delivery).where(columns.lock_token == token)))

    def pending_for(self, recipient_ids: list[UUID], notification_type: str | None = None) -> list[Delivery]:
        """Deliveries not sent yet to these recipients (of one type, when given)."""
        columns = deliveries.c
        query = sa.select(Delivery).where(columns.recipient_id.in_(recipient_ids), columns.status.in_(PENDING))
        if notification_type is not None:
            query = query.where(columns.type == notification_type)
        return list(self.session.scalars(query.with_for_update()))

    def items_of_digest(self, digest_id: UUID) -> list[Delivery]:
        columns = deliveries.c
        query = sa.select(Delivery).where(columns.digest_id == digest_id).order_by(columns.created_at, columns.id)
        return list(self.session.scalars(query))

    def search(self, query: LedgerQuery) -> list[Delivery]:
        columns = deliveries.c
        statement = sa.select(Delivery)
        for column, value in (
            (columns.status, query.status),
            (columns.channel, query.channel),
            (columns.recipient_id, query.recipient_id),
            (columns.type, query.type),
        ):
            if value is not None:
                statement = statement.where(column == value)
        if query.after is not None:
            at, last_id = query.after
            statement = statement.where(
                sa.or_(columns.created_at < at, sa.and_(columns.created_at == at, columns.id < last_id))
            )
        statement = statement.order_by(columns.created_at.desc(), columns.id.desc()).limit(query.limit)
        return list(self.session.scalars(statement))
