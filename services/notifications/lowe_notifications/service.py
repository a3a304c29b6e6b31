"""The nameko entrypoints of the notifications service: a thin layer over the use cases."""

from __future__ import annotations

from typing import Any

from nameko.dependency_providers import Config
from nameko.rpc import RpcProxy

from lowe_backbone.context import FlowContext
from lowe_backbone.dead_letter_rpc import DeadLetterRpc
from lowe_backbone.errors import Conflict, InvalidInput, NotFound, ServiceError
from lowe_backbone.health import HealthReport
from lowe_backbone.rpc import rpc
from lowe_backbone.rpc_errors import ErrorTable, translate_errors
from lowe_backbone.validation import load_id
from lowe_notifications import account_messages, admin_use_cases, commands, dispatch, orm, use_cases
from lowe_notifications.directory import RpcDirectory
from lowe_notifications.dispatcher import DispatchTimer, NotificationsUnitOfWorkProvider
from lowe_notifications.event_handlers import OrganisationNews, ParticipantNews
from lowe_notifications.mailer import SmtpMailerProvider
from lowe_notifications.model import NotificationNotFound, NotRedrivable
from lowe_notifications.model.deliveries import DeliveryNotFound
from lowe_notifications.model.unsubscribe import InvalidToken, read_token
from lowe_notifications.model.webhooks import EndpointNotFound
from lowe_notifications.ports import Channels
from lowe_notifications.settings import DeliverySettingsProvider
from lowe_notifications.targets import UnsafeTarget
from lowe_notifications.unit_of_work import NotificationsUnitOfWork
from lowe_notifications.views import (
    delivery_view,
    endpoint_view,
    inbox_view,
    ledger_view,
    notification_view,
    preferences_view,
    registered_webhook_view,
    rotated_webhook_view,
)
from lowe_notifications.webhook_client import WebhookClientProvider

ERRORS: ErrorTable = {
    NotificationNotFound: lambda exc: NotFound("Notification not found.", {"notification_id": str(exc)}),
    EndpointNotFound: lambda exc: NotFound("Webhook endpoint not found.", {"endpoint_id": str(exc)}),
    DeliveryNotFound: lambda exc: NotFound("Delivery not found.", {"delivery_id": str(exc)}),
    NotRedrivable: lambda exc: Conflict("Only a failed or dead delivery can be re-driven.", {"delivery_id": str(exc)}),
    UnsafeTarget: lambda exc: InvalidInput("The webhook URL may not be used.", {"url": [str(exc)]}),
    InvalidToken: lambda exc: InvalidInput("The unsubscribe link is not valid.", {"token": ["Not a valid token."]}),
}


class NotificationsService(OrganisationNews, ParticipantNews, DeadLetterRpc):
    name = "notifications"

    flow = FlowContext()
    config = Config()
    uow: NotificationsUnitOfWork = NotificationsUnitOfWorkProvider(
        NotificationsUnitOfWork, start_mappers=orm.start_mappers
    )
    settings = DeliverySettingsProvider()
    mailer = SmtpMailerProvider()
    webhooks = WebhookClientProvider()
    partners = RpcProxy("partners")
    centres = RpcProxy("centres")
    events = RpcProxy("events")
    health_report = HealthReport()

    # --- the inbox -------------------------------------------------------------------------------------------

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_notifications(self, recipient_id: Any, params: Any = None) -> dict[str, Any]:
        return inbox_view(use_cases.read_inbox(commands.inbox_query(recipient_id, params), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def mark_notification_read(self, recipient_id: Any, notification_id: Any) -> dict[str, Any]:
        cmd = use_cases.MarkRead(load_id("recipient_id", recipient_id), load_id("notification_id", notification_id))
        return notification_view(use_cases.mark_read(cmd, self.uow))

    # --- preferences, unsubscribing, webhooks ---------------------------------------------------------------

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_preferences(self, recipient_id: Any, recipient_type: Any) -> dict[str, Any]:
        recipient, kind = load_id("recipient_id", recipient_id), commands.recipient_type_of(recipient_type)
        return preferences_view(admin_use_cases.get_preferences(recipient, kind, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def set_preferences(self, recipient_id: Any, recipient_type: Any, payload: Any) -> dict[str, Any]:
        cmd = commands.set_preferences_command(recipient_id, recipient_type, payload)
        return preferences_view(admin_use_cases.set_preferences(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def read_unsubscribe(self, token: Any) -> dict[str, Any]:
        """What a link would unsubscribe, without doing it."""
        request = read_token(str(token or ""), self.settings.unsubscribe_key)
        return {"recipient_id": str(request.recipient_id), "channel": "email", "type": request.type}

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def unsubscribe(self, token: Any) -> dict[str, Any]:
        request = read_token(str(token or ""), self.settings.unsubscribe_key)
        types = admin_use_cases.unsubscribe(request, self.uow)
        return {"recipient_id": str(request.recipient_id), "channel": "email", "unsubscribed": types}

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def register_webhook(self, owner_id: Any, owner_type: Any, payload: Any) -> dict[str, Any]:
        cmd = commands.register_webhook_command(owner_id, owner_type, payload)
        registered = admin_use_cases.register_webhook(cmd, self.uow, self.settings.sealer, self.webhooks.check)
        return registered_webhook_view(registered)

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def rotate_webhook_secret(self, owner_id: Any, endpoint_id: Any) -> dict[str, Any]:
        owner, endpoint = load_id("owner_id", owner_id), load_id("endpoint_id", endpoint_id)
        grace = self.settings.rotation_grace
        rotated = admin_use_cases.rotate_webhook_secret(owner, endpoint, self.uow, self.settings.sealer, grace)
        return rotated_webhook_view(rotated)

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_webhooks(self, owner_id: Any) -> dict[str, Any]:
        endpoints = admin_use_cases.list_webhooks(load_id("owner_id", owner_id), self.uow)
        return {"items": [endpoint_view(endpoint) for endpoint in endpoints]}

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def remove_webhook(self, owner_id: Any, endpoint_id: Any) -> None:
        admin_use_cases.remove_webhook(load_id("owner_id", owner_id), load_id("endpoint_id", endpoint_id), self.uow)

    # --- e-mails about portal accounts (asked for by the gateway) ------------------------------------------------

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def send_account_message(self, kind: Any, email: Any, language: Any, link: Any, organisation_name: Any) -> None:
        cmd = account_messages.account_message(kind, email, language, link, organisation_name)
        account_messages.send_account_message(cmd, self.uow)

    # --- the operators' ledger ------------------------------------------------------------------------------

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_deliveries(self, params: Any = None) -> dict[str, Any]:
        return ledger_view(admin_use_cases.list_deliveries(commands.ledger_query(params), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def redrive_delivery(self, delivery_id: Any) -> dict[str, Any]:
        return delivery_view(admin_use_cases.redrive_delivery(load_id("delivery_id", delivery_id), self.uow))

    # --- the dispatcher ---------------------------------------------------------------------------------------

    @DispatchTimer.decorator("DELIVERY_POLL_INTERVAL", default=5)
    def dispatch_deliveries(self) -> None:
        channels = Channels(
            mailer=self.mailer,
            webhooks=self.webhooks,
            sealer=self.settings.sealer,
            directory=RpcDirectory(
                self.partners, self.centres, self.events, float(self.config.get("ADDRESS_LOOKUP_TIMEOUT", 5))
            ),
            links=self.settings.links,
            policy=self.settings.policy,
        )
        while dispatch.assemble_digests(self.uow) == dispatch.DIGEST_BATCH:
            pass
        while dispatch.dispatch_due(channels, self.uow) == dispatch.BATCH:
            pass  # a backlog (after downtime) is worked off at once

    @rpc
    def health(self) -> dict[str, Any]:
        return self.health_report()
