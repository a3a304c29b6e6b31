from __future__ import annotations

from typing import Protocol
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.orm import Session

from lowe_notifications.model import Notification
from lowe_notifications.orm import notifications


class NotificationRepository(Protocol):
    def add(self, notification: Notification) -> None: ...
    def list_for(self, recipient_id: UUID, limit: int, offset: int) -> list[Notification]: ...
    def unread_count(self, recipient_id: UUID) -> int: ...


class SqlAlchemyNotificationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, notification: Notification) -> None:
        self.session.add(notification)

    def list_for(self, recipient_id: UUID, limit: int, offset: int) -> list[Notification]:
        query = (
            sa.select(Notification)
            .where(notifications.c.recipient_id == recipient_id)
            .order_by(notifications.c.created_at.desc(), notifications.c.id)
            .limit(limit)
            .offset(offset)
        )
        return list(self.session.scalars(query))

    def unread_count(self, recipient_id: UUID) -> int:
        query = sa.select(sa.func.count()).where(
            notifications.c.recipient_id == recipient_id, notifications.c.read_at.is_(None)
        )
        return int(self.session.execute(query).scalar_one())
