"""The nameko entrypoints of the centres service: a thin layer over the use cases."""

from __future__ import annotations

from typing import Any

from nameko.rpc import rpc

from lowe_backbone.context import FlowContext
from lowe_backbone.contracts.partners import (
    OPPORTUNITY_CLOSED,
    OPPORTUNITY_PUBLISHED,
    OPPORTUNITY_REOPENED,
    OPPORTUNITY_UPDATED,
    OPPORTUNITY_WITHDRAWN,
)
from lowe_backbone.contracts.partners import PRODUCER as PARTNERS
from lowe_backbone.database import UnitOfWorkProvider
from lowe_backbone.errors import NotFound, ServiceError
from lowe_backbone.health import HealthReport
from lowe_backbone.idempotency import process_event
from lowe_backbone.messaging import ReliableEventHandler
from lowe_backbone.relay import OutboxRelay
from lowe_backbone.rpc_errors import ErrorTable, translate_errors
from lowe_centres import commands, orm, use_cases
from lowe_centres.consumed import (
    closed_command,
    match_command,
    reopened_command,
    revise_command,
    withdrawn_command,
)
from lowe_centres.model import CentreNotFound, SubscriptionNotFound
from lowe_centres.unit_of_work import CentresUnitOfWork
from lowe_centres.views import centre_view, feed_view, subscription_view, subscriptions_view

ERRORS: ErrorTable = {
    CentreNotFound: lambda exc: NotFound("Centre not found.", {"centre_id": str(exc)}),
    SubscriptionNotFound: lambda exc: NotFound("Subscription not found.", {"subscription_id": str(exc)}),
}
FEED_PAGE_SIZE = 50


class CentresService:
    name = "centres"

    flow = FlowContext()
    uow: CentresUnitOfWork = UnitOfWorkProvider(CentresUnitOfWork, start_mappers=orm.start_mappers)
    relay = OutboxRelay()
    health_report = HealthReport()

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def register_centre(self, payload: Any) -> dict[str, Any]:
        return centre_view(use_cases.register_centre(commands.register_centre_command(payload), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_centre(self, centre_id: Any) -> dict[str, Any]:
        return centre_view(use_cases.get_centre(commands.centre_id_of(centre_id), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def update_centre(self, centre_id: Any, payload: Any) -> dict[str, Any]:
        return centre_view(use_cases.update_centre(commands.update_centre_command(centre_id, payload), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def add_subscription(self, centre_id: Any, payload: Any) -> dict[str, Any]:
        cmd = commands.add_subscription_command(centre_id, payload)
        return subscription_view(use_cases.add_subscription(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_subscriptions(self, centre_id: Any) -> list[dict[str, Any]]:
        return subscriptions_view(use_cases.list_subscriptions(commands.centre_id_of(centre_id), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def pause_subscription(self, centre_id: Any, subscription_id: Any) -> dict[str, Any]:
        cmd = commands.subscription_ref(centre_id, subscription_id)
        return subscription_view(use_cases.pause_subscription(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def resume_subscription(self, centre_id: Any, subscription_id: Any) -> dict[str, Any]:
        cmd = commands.subscription_ref(centre_id, subscription_id)
        return subscription_view(use_cases.resume_subscription(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_feed(self, centre_id: Any) -> list[dict[str, Any]]:
        return feed_view(use_cases.list_feed(commands.centre_id_of(centre_id), self.uow, limit=FEED_PAGE_SIZE))

    @ReliableEventHandler.decorator(PARTNERS, OPPORTUNITY_PUBLISHED)
    def handle_opportunity_published(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "centres.handle_opportunity_published",
            lambda event, uow: use_cases.match_published_opportunity(match_command(event["data"]), uow),
        )

    @ReliableEventHandler.decorator(PARTNERS, OPPORTUNITY_UPDATED)
    def handle_opportunity_updated(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "centres.handle_opportunity_updated",
            lambda event, uow: use_cases.revise_opportunity(revise_command(event["data"]), uow),
        )

    @ReliableEventHandler.decorator(PARTNERS, OPPORTUNITY_WITHDRAWN)
    def handle_opportunity_withdrawn(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "centres.handle_opportunity_withdrawn",
            lambda event, uow: use_cases.finish_opportunity(withdrawn_command(event["data"]), uow),
        )

    @ReliableEventHandler.decorator(PARTNERS, OPPORTUNITY_CLOSED)
    def handle_opportunity_closed(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "centres.handle_opportunity_closed",
            lambda event, uow: use_cases.finish_opportunity(closed_command(event["data"]), uow),
        )

    @ReliableEventHandler.decorator(PARTNERS, OPPORTUNITY_REOPENED)
    def handle_opportunity_reopened(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "centres.handle_opportunity_reopened",
            lambda event, uow: use_cases.reopen_opportunity(reopened_command(event["data"]), uow),
        )

    @rpc
    def health(self) -> dict[str, Any]:
        return self.health_report()
