"""The nameko entrypoints of the notifications service: a thin layer over the use cases."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate
from nameko.rpc import rpc

from lowe_backbone.context import FlowContext
from lowe_backbone.contracts.centres import OPPORTUNITY_MATCHED
from lowe_backbone.contracts.centres import PRODUCER as CENTRES
from lowe_backbone.database import UnitOfWorkProvider
from lowe_backbone.errors import ServiceError
from lowe_backbone.health import HealthReport
from lowe_backbone.idempotency import process_event
from lowe_backbone.messaging import ReliableEventHandler
from lowe_backbone.validation import load_or_raise
from lowe_notifications import orm, use_cases
from lowe_notifications.consumed import matched_opportunity
from lowe_notifications.unit_of_work import NotificationsUnitOfWork
from lowe_notifications.views import inbox_view


class _InboxQuery(Schema):
    recipient_id = fields.UUID(required=True)
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


class NotificationsService:
    name = "notifications"

    flow = FlowContext()
    uow: NotificationsUnitOfWork = UnitOfWorkProvider(NotificationsUnitOfWork, start_mappers=orm.start_mappers)
    health_report = HealthReport()

    @rpc(expected_exceptions=ServiceError)
    def list_notifications(self, recipient_id: Any, limit: Any = 50, offset: Any = 0) -> dict[str, Any]:
        query = load_or_raise(_InboxQuery(), {"recipient_id": recipient_id, "limit": limit, "offset": offset})
        return inbox_view(use_cases.read_inbox(query["recipient_id"], self.uow, query["limit"], query["offset"]))

    @ReliableEventHandler.decorator(CENTRES, OPPORTUNITY_MATCHED)
    def handle_opportunity_matched(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "notifications.handle_opportunity_matched",
            lambda event, uow: use_cases.notify_opportunity_matched(
                use_cases.NotifyOpportunityMatched(event["event_id"], matched_opportunity(event["data"])), uow
            ),
        )

    @rpc
    def health(self) -> dict[str, Any]:
        return self.health_report()
