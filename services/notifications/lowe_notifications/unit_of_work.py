from __future__ import annotations

from sqlalchemy.orm import Session

from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork
from lowe_notifications.repository import SqlAlchemyNotificationRepository


class NotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    notifications: SqlAlchemyNotificationRepository

    def _open_repositories(self, session: Session) -> None:
        self.notifications = SqlAlchemyNotificationRepository(session)
