"""The notifications service's use cases: `verb_noun(cmd, uow)`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from lowe_notifications.model import MatchedOpportunity, Notification, opportunity_matched_notification
from lowe_notifications.repository import NotificationRepository

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork(Protocol):
    @property
    def notifications(self) -> NotificationRepository: ...

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: object) -> None: ...
    def commit(self) -> None: ...


@dataclass(frozen=True)
class NotifyOpportunityMatched:
    event_id: str
    matched: MatchedOpportunity


@dataclass(frozen=True)
class Inbox:
    notifications: list[Notification]
    unread: int


def notify_opportunity_matched(cmd: NotifyOpportunityMatched, uow: UnitOfWork, now: Clock = utc_now) -> Notification:
    notification = opportunity_matched_notification(cmd.matched, uuid.uuid4(), cmd.event_id, now())
    with uow:
        uow.notifications.add(notification)
        uow.commit()
    return notification


def read_inbox(recipient_id: uuid.UUID, uow: UnitOfWork, limit: int = 50, offset: int = 0) -> Inbox:
    with uow:
        return Inbox(
            notifications=uow.notifications.list_for(recipient_id, limit, offset),
            unread=uow.notifications.unread_count(recipient_id),
        )
