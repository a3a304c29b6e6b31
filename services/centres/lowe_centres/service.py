"""The nameko entrypoints of the centres service: a thin layer over the use cases."""

from __future__ import annotations

from typing import Any

from nameko.dependency_providers import Config
from nameko.rpc import RpcProxy

from lowe_backbone.context import FlowContext
from lowe_backbone.contracts.partners import (
    INTEREST_DECLINED,
    INTEREST_EXPRESSED,
    INTEREST_WAITLISTED,
    INTEREST_WITHDRAWN,
    OPPORTUNITY_CLOSED,
    OPPORTUNITY_PUBLISHED,
    OPPORTUNITY_REOPENED,
    OPPORTUNITY_UPDATED,
    OPPORTUNITY_WITHDRAWN,
    PARTNER_UPDATED,
    PLACES_ALLOCATED,
    PLACES_RELEASED,
)
from lowe_backbone.contracts.partners import PRODUCER as PARTNERS
from lowe_backbone.dead_letter_rpc import DeadLetterRpc
from lowe_backbone.errors import Conflict, NotFound, ServiceError
from lowe_backbone.health import HealthReport
from lowe_backbone.idempotency import process_event
from lowe_backbone.messaging import ReliableEventHandler
from lowe_backbone.relay import OutboxRelay
from lowe_backbone.rpc import rpc
from lowe_backbone.rpc_errors import ErrorTable, translate_errors
from lowe_centres import commands, consumed_interests, feed_commands, feed_use_cases, orm, use_cases
from lowe_centres.centre_directory import list_centres
from lowe_centres.consumed import (
    closed_command,
    match_command,
    rename_partner_command,
    reopened_command,
    revise_command,
    withdrawn_command,
)
from lowe_centres.figures_rpc import CentreFiguresRpc
from lowe_centres.model import CentreNotFound, SubscriptionNotFound
from lowe_centres.model.feed import FeedEntryNotFound, NotClaimable, StateChangeRefused
from lowe_centres.partners_client import PartnersRpc
from lowe_centres.unit_of_work import CentresUnitOfWork, CentresUnitOfWorkProvider
from lowe_centres.views import (
    centre_view,
    centres_page_view,
    expressed_interest_view,
    feed_entry_view,
    feed_page_view,
    feed_view,
    subscription_view,
    subscriptions_view,
)

ERRORS: ErrorTable = {
    CentreNotFound: lambda exc: NotFound("Centre not found.", {"centre_id": str(exc)}),
    SubscriptionNotFound: lambda exc: NotFound("Subscription not found.", {"subscription_id": str(exc)}),
    FeedEntryNotFound: lambda exc: NotFound("Feed entry not found.", {"entry_id": str(exc)}),
    StateChangeRefused: lambda exc: Conflict(str(exc), {"state": [str(exc)]}),
    NotClaimable: lambda exc: Conflict(str(exc), {"entry_id": [str(exc)]}),
}
# the partners' interest events the feeds follow, and how each is read
INTEREST_EVENTS = {
    INTEREST_EXPRESSED: consumed_interests.expressed_command,
    PLACES_ALLOCATED: consumed_interests.allocated_command,
    INTEREST_WAITLISTED: consumed_interests.waitlisted_command,
    INTEREST_DECLINED: consumed_interests.declined_command,
    PLACES_RELEASED: consumed_interests.released_command,
    INTEREST_WITHDRAWN: consumed_interests.withdrawn_command,
}
FEED_PAGE_SIZE = 50


class CentresService(DeadLetterRpc, CentreFiguresRpc):
    name = "centres"

    flow = FlowContext()
    uow: CentresUnitOfWork = CentresUnitOfWorkProvider(CentresUnitOfWork, start_mappers=orm.start_mappers)
    relay = OutboxRelay()
    health_report = HealthReport()
    partners = RpcProxy("partners")
    config = Config()

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_centres(self, params: Any) -> dict[str, Any]:
        page = list_centres(feed_commands.centre_query(params), self.uow)
        return centres_page_view(page.items, page.next_cursor)

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
    def update_subscription(self, centre_id: Any, subscription_id: Any, payload: Any) -> dict[str, Any]:
        """Any field `add_subscription` takes, and `active` (false pauses, true resumes)."""
        cmd = commands.update_subscription_command(centre_id, subscription_id, payload)
        return subscription_view(use_cases.update_subscription(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def delete_subscription(self, centre_id: Any, subscription_id: Any) -> None:
        use_cases.delete_subscription(commands.subscription_ref(centre_id, subscription_id), self.uow)

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_feed(self, centre_id: Any) -> list[dict[str, Any]]:
        """The newest entries as a plain list, for RPC callers that read no pages; the gateway uses `list_feed`."""
        return feed_view(use_cases.list_feed(commands.centre_id_of(centre_id), self.uow, limit=FEED_PAGE_SIZE))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_feed(self, centre_id: Any, params: Any) -> dict[str, Any]:
        page = feed_use_cases.list_feed_page(feed_commands.feed_query(centre_id, params), self.uow)
        return feed_page_view(page.items, page.next_cursor)

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def mark_feed_entry(self, centre_id: Any, entry_id: Any, payload: Any) -> dict[str, Any]:
        cmd = feed_commands.mark_feed_entry_command(centre_id, entry_id, payload)
        return feed_entry_view(*feed_use_cases.mark_feed_entry(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def claim_feed_entry(self, centre_id: Any, entry_id: Any, payload: Any = None) -> dict[str, Any]:
        """Expresses the centre's interest (asking for places or not) from the entry; the partners' refusals pass."""
        cmd = feed_commands.claim_feed_entry_command(centre_id, entry_id, payload)
        partners = PartnersRpc(self.partners, float(self.config.get("RPC_TIMEOUT", 10)))
        return feed_entry_view(*feed_use_cases.claim_feed_entry(cmd, self.uow, partners))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def express_interest(self, centre_id: Any, payload: Any) -> dict[str, Any]:
        """`{"opportunity_id", "places"?, "message"?}`: from the centre's feed entry for it (as `claim_feed_entry`), or
        straight from the partners service; the partners' interest and the `entry_id` it claimed (or null)."""
        cmd = feed_commands.express_interest_command(centre_id, payload)
        partners = PartnersRpc(self.partners, float(self.config.get("RPC_TIMEOUT", 10)))
        return expressed_interest_view(*feed_use_cases.express_interest(cmd, self.uow, partners))

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

    @ReliableEventHandler.decorator(PARTNERS, PARTNER_UPDATED)
    def handle_partner_updated(self, message: dict[str, Any]) -> None:
        """The partner renamed itself: the copies of its opportunities (and so later matches) carry the new name."""
        process_event(
            self.uow,
            message,
            "centres.handle_partner_updated",
            lambda event, uow: use_cases.rename_partner(rename_partner_command(event["data"]), uow),
        )

    @ReliableEventHandler.decorator(PARTNERS, INTEREST_EXPRESSED)
    def handle_interest_expressed(self, message: dict[str, Any]) -> None:
        self._follow_interest(message, INTEREST_EXPRESSED)

    @ReliableEventHandler.decorator(PARTNERS, PLACES_ALLOCATED)
    def handle_places_allocated(self, message: dict[str, Any]) -> None:
        self._follow_interest(message, PLACES_ALLOCATED)

    @ReliableEventHandler.decorator(PARTNERS, INTEREST_WAITLISTED)
    def handle_interest_waitlisted(self, message: dict[str, Any]) -> None:
        self._follow_interest(message, INTEREST_WAITLISTED)

    @ReliableEventHandler.decorator(PARTNERS, INTEREST_DECLINED)
    def handle_interest_declined(self, message: dict[str, Any]) -> None:
        self._follow_interest(message, INTEREST_DECLINED)

    @ReliableEventHandler.decorator(PARTNERS, PLACES_RELEASED)
    def handle_places_released(self, message: dict[str, Any]) -> None:
        self._follow_interest(message, PLACES_RELEASED)

    @ReliableEventHandler.decorator(PARTNERS, INTEREST_WITHDRAWN)
    def handle_interest_withdrawn(self, message: dict[str, Any]) -> None:
        """The centre gave up its interest: the entry shows it `withdrawn` and may be claimed again (it stays claimed
        until marked by hand). Idempotent and order-tolerant like the other interest news (`FeedEntry.follow`)."""
        self._follow_interest(message, INTEREST_WITHDRAWN)

    def _follow_interest(self, message: dict[str, Any], event_type: str) -> None:
        read = INTEREST_EVENTS[event_type]
        process_event(
            self.uow,
            message,
            f"centres.handle_{event_type}",
            lambda event, uow: feed_use_cases.follow_interest(read(event["data"]), uow),
        )

    @rpc
    def health(self) -> dict[str, Any]:
        return self.health_report()
