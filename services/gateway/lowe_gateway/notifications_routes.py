"""The notifications service's part of the public HTTP API, mixed into `GatewayService`.

The inbox, preferences and webhooks are the calling organisation's own (a partner's or a centre's key); the
notifications service checks that every object asked for belongs to that recipient, so another organisation's
notification or webhook is not found. The unsubscribe route is what an e-mail's link opens, with no key.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from werkzeug.wrappers import Request, Response

from lowe_gateway.api_schemas import notifications as schemas
from lowe_gateway.authorization import organisation_of
from lowe_gateway.http import api
from lowe_gateway.identity.keys import CENTRE, PARTNER, Caller

UNSUBSCRIBE_PAGE = """<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8"><title>Wypisz się / Unsubscribe</title></head>
<body><form method="post" action="{action}">
<p>Nie chcesz dostawać takich wiadomości e-mail? / Don't want these e-mails any more?</p>
<button type="submit">Wypisz mnie / Unsubscribe me</button>
</form></body></html>
"""
ORGANISATIONS = (PARTNER, CENTRE)
TAG = "notifications"


class NotificationsRoutes:
    notifications: Any  # RpcProxy("notifications"), declared on the service class
    _call: Callable[..., Any]

    @api(
        "GET",
        "/api/v1/notifications",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="The organisation's inbox",
        description="Newest first.",
        query=schemas.InboxQuery(),
        response=schemas.Inbox(),
    )
    def list_notifications(self, request: Request, caller: Caller, query: dict[str, Any]) -> Any:
        recipient, _ = organisation_of(caller)
        return self._call(self.notifications.list_notifications, recipient, query)

    @api(
        "POST",
        "/api/v1/notifications/<uuid:notification_id>/read",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="Mark a notification read",
        response=schemas.Notification(),
        errors=(404,),
    )
    def mark_notification_read(self, request: Request, caller: Caller, notification_id: UUID) -> Any:
        recipient, _ = organisation_of(caller)
        return self._call(self.notifications.mark_notification_read, recipient, str(notification_id))

    @api(
        "GET",
        "/api/v1/notification-preferences",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="Read the organisation's notification preferences",
        response=schemas.Preferences(),
    )
    def get_notification_preferences(self, request: Request, caller: Caller) -> Any:
        return self._call(self.notifications.get_preferences, *organisation_of(caller))

    @api(
        "PUT",
        "/api/v1/notification-preferences",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="Set notification preferences",
        description="The e-mail address, language, digest hour and, per type, channels and mode; what is left "
        "out stays.",
        body=schemas.PreferenceChanges(),
        response=schemas.Preferences(),
    )
    def set_notification_preferences(self, request: Request, caller: Caller, body: Any) -> Any:
        return self._call(self.notifications.set_preferences, *organisation_of(caller), body)

    @api(
        "POST",
        "/api/v1/webhooks",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="Register a webhook",
        description="A public https URL. The answer carries the signing secret, shown this once.",
        body=schemas.WebhookRequest(),
        response=schemas.RegisteredWebhook(),
        status=201,
    )
    def register_webhook(self, request: Request, caller: Caller, body: Any) -> Any:
        return self._call(self.notifications.register_webhook, *organisation_of(caller), body)

    @api(
        "GET",
        "/api/v1/webhooks",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="List the organisation's webhooks",
        response=schemas.WebhookList(),
    )
    def list_webhooks(self, request: Request, caller: Caller) -> Any:
        recipient, _ = organisation_of(caller)
        return self._call(self.notifications.list_webhooks, recipient)

    @api(
        "POST",
        "/api/v1/webhooks/<uuid:endpoint_id>/rotate-secret",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="Rotate a webhook's signing secret",
        description="The answer carries the new secret, shown this once. Until `previous_secret_expires_at` "
        "(24 hours by default) each message carries a signature with the old secret too, so the receiver can switch "
        "without losing a message.",
        response=schemas.RotatedWebhook(),
        errors=(404,),
    )
    def rotate_webhook_secret(self, request: Request, caller: Caller, endpoint_id: UUID) -> Any:
        recipient, _ = organisation_of(caller)
        return self._call(self.notifications.rotate_webhook_secret, recipient, str(endpoint_id))

    @api(
        "DELETE",
        "/api/v1/webhooks/<uuid:endpoint_id>",
        roles=ORGANISATIONS,
        tag=TAG,
        summary="Remove a webhook",
        status=204,
        errors=(404,),
    )
    def remove_webhook(self, request: Request, caller: Caller, endpoint_id: UUID) -> None:
        recipient, _ = organisation_of(caller)
        self._call(self.notifications.remove_webhook, recipient, str(endpoint_id))

    @api(
        "GET",
        "/api/v1/unsubscribe",
        public=True,
        tag=TAG,
        summary="The unsubscribe page an e-mail's link opens",
        description="Asks to confirm (a GET changes nothing, so mail scanners that follow links cannot unsubscribe "
        "anyone); its button POSTs to the same link.",
        query=schemas.UnsubscribeQuery(),
        media_type="text/html",
    )
    def unsubscribe_page(self, request: Request, query: dict[str, Any]) -> Response:
        token = query["token"]
        self._call(self.notifications.read_unsubscribe, token)  # 400 naming `token` when it is not valid
        action = html.escape(f"/api/v1/unsubscribe?{urlencode({'token': token})}", quote=True)
        return Response(UNSUBSCRIBE_PAGE.format(action=action), mimetype="text/html")

    @api(
        "POST",
        "/api/v1/unsubscribe",
        public=True,
        tag=TAG,
        summary="Unsubscribe (RFC 8058 one-click)",
        description="The mail client POSTs `List-Unsubscribe=One-Click` to the link, token in its query.",
        query=schemas.UnsubscribeQuery(),
        response=schemas.Unsubscribed(),
    )
    def unsubscribe_one_click(self, request: Request, query: dict[str, Any]) -> Any:
        return self._call(self.notifications.unsubscribe, query["token"])
