from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from lowe_backbone.unit_of_work import SqlAlchemyUnitOfWork
from lowe_notifications.delivery_repository import SqlAlchemyDeliveryRepository
from lowe_notifications.repository import (
    SqlAlchemyAudienceRepository,
    SqlAlchemyDeadlineRepository,
    SqlAlchemyEndpointRepository,
    SqlAlchemyNotificationRepository,
    SqlAlchemyParticipantRepository,
    SqlAlchemyPreferenceRepository,
    SqlAlchemyRecipientRepository,
)


class NotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    """After a commit that queued deliveries, wakes the dispatcher so they go out at once (not at the next tick)."""

    notifications: SqlAlchemyNotificationRepository
    deliveries: SqlAlchemyDeliveryRepository
    recipients: SqlAlchemyRecipientRepository
    preferences: SqlAlchemyPreferenceRepository
    endpoints: SqlAlchemyEndpointRepository
    audience: SqlAlchemyAudienceRepository
    participants: SqlAlchemyParticipantRepository
    deadlines: SqlAlchemyDeadlineRepository

    def __init__(
        self,
        *args: Any,
        on_deliveries_queued: Callable[[], None] | None = None,
        default_digest_hour: int = 7,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.on_deliveries_queued = on_deliveries_queued
        self.default_digest_hour = default_digest_hour  # for recipients that chose none (`DIGEST_HOUR`)
        self.queued_deliveries = False

    def _open_repositories(self, session: Session) -> None:
        self.notifications = SqlAlchemyNotificationRepository(session)
        self.deliveries = SqlAlchemyDeliveryRepository(session)
        self.recipients = SqlAlchemyRecipientRepository(session)
        self.preferences = SqlAlchemyPreferenceRepository(session)
        self.endpoints = SqlAlchemyEndpointRepository(session)
        self.audience = SqlAlchemyAudienceRepository(session)
        self.participants = SqlAlchemyParticipantRepository(session)
        self.deadlines = SqlAlchemyDeadlineRepository(session)
        self.queued_deliveries = False

    def commit(self) -> None:
        super().commit()
        if self.queued_deliveries and self.on_deliveries_queued is not None:
            self.queued_deliveries = False
            self.on_deliveries_queued()
