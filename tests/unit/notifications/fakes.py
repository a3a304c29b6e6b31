"""In-memory stand-ins for the notifications service's repository and unit of work."""

from __future__ import annotations

from uuid import UUID

from lowe_notifications.model import Notification
from tests.unit.fakes import FakeUnitOfWorkBase


class FakeNotificationRepository:
    def __init__(self) -> None:
        self.notifications: list[Notification] = []

    def add(self, notification: Notification) -> None:
        self.notifications.append(notification)

    def list_for(self, recipient_id: UUID, limit: int, offset: int) -> list[Notification]:
        mine = [notification for notification in self.notifications if notification.recipient_id == recipient_id]
        mine.sort(key=lambda notification: notification.created_at, reverse=True)
        return mine[offset : offset + limit]

    def unread_count(self, recipient_id: UUID) -> int:
        return sum(1 for n in self.notifications if n.recipient_id == recipient_id and n.read_at is None)


class FakeUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.notifications = FakeNotificationRepository()
