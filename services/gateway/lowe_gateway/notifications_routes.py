"""The notifications service's part of the public HTTP API, mixed into `GatewayService`.

Routes about a recipient name it in the path (`/api/v1/partners/{id}/...` or `/api/v1/centres/{id}/...`); the
gateway first asks the owning service that it exists (404 naming `partner_id` or `centre_id` otherwise), and the
notifications service checks that every object asked for belongs to that recipient. The ledger routes are the
operators' (authentication comes in a later issue); the unsubscribe route is what an e-mail's link opens.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from werkzeug.wrappers import Request, Response

from lowe_gateway.http import api, json_body, json_response, query_params

OWNER = "/api/v1/<any(partners, centres):owners>/<uuid:owner_id>"
UNSUBSCRIBE_PAGE = """<!DOCTYPE html>
<html lang="pl"><head><meta charset="utf-8"><title>Wypisz się / Unsubscribe</title></head>
<body><form method="post" action="{action}">
<p>Nie chcesz dostawać takich wiadomości e-mail? / Don't want these e-mails any more?</p>
<button type="submit">Wypisz mnie / Unsubscribe me</button>
</form></body></html>
"""
RECIPIENT_TYPES = {"partners": "partner", "centres": "centre"}
NO_LIST_PARAMS: frozenset[str] = frozenset()


class NotificationsRoutes:
    partners: Any  # RpcProxy("partners"), declared on the service class
    centres: Any
    notifications: Any
    _call: Callable[..., Any]

    def _owner(self, owners: str, owner_id: UUID) -> tuple[str, str]:
        """The recipient's id and type, once its owning service has said it exists."""
        if owners == "partners":
            self._call(self.partners.get_partner, str(owner_id))
        else:
            self._call(self.centres.get_centre, str(owner_id))
        return str(owner_id), RECIPIENT_TYPES[owners]

    @api("GET", OWNER + "/notifications")
    def list_notifications(self, request: Request, owners: str, owner_id: UUID) -> Response:
        recipient, _ = self._owner(owners, owner_id)
        params = query_params(request, NO_LIST_PARAMS)
        return json_response(self._call(self.notifications.list_notifications, recipient, params))

    @api("POST", OWNER + "/notifications/<uuid:notification_id>/read")
    def mark_notification_read(self, request: Request, owners: str, owner_id: UUID, notification_id: UUID) -> Response:
        recipient, _ = self._owner(owners, owner_id)
        return json_response(self._call(self.notifications.mark_notification_read, recipient, str(notification_id)))

    @api("GET", OWNER + "/notification-preferences")
    def get_notification_preferences(self, request: Request, owners: str, owner_id: UUID) -> Response:
        recipient, kind = self._owner(owners, owner_id)
        return json_response(self._call(self.notifications.get_preferences, recipient, kind))

    @api("PUT", OWNER + "/notification-preferences")
    def set_notification_preferences(self, request: Request, owners: str, owner_id: UUID) -> Response:
        body = json_body(request)
        recipient, kind = self._owner(owners, owner_id)
        return json_response(self._call(self.notifications.set_preferences, recipient, kind, body))

    @api("POST", OWNER + "/webhooks")
    def register_webhook(self, request: Request, owners: str, owner_id: UUID) -> Response:
        body = json_body(request)
        recipient, kind = self._owner(owners, owner_id)
        return json_response(self._call(self.notifications.register_webhook, recipient, kind, body), 201)

    @api("GET", OWNER + "/webhooks")
    def list_webhooks(self, request: Request, owners: str, owner_id: UUID) -> Response:
        recipient, _ = self._owner(owners, owner_id)
        return json_response(self._call(self.notifications.list_webhooks, recipient))

    @api("DELETE", OWNER + "/webhooks/<uuid:endpoint_id>")
    def remove_webhook(self, request: Request, owners: str, owner_id: UUID, endpoint_id: UUID) -> Response:
        recipient, _ = self._owner(owners, owner_id)
        self._call(self.notifications.remove_webhook, recipient, str(endpoint_id))
        return Response(status=204)

    @api("GET", "/api/v1/deliveries")
    def list_deliveries(self, request: Request) -> Response:
        return json_response(self._call(self.notifications.list_deliveries, query_params(request, NO_LIST_PARAMS)))

    @api("POST", "/api/v1/deliveries/<uuid:delivery_id>/redrive")
    def redrive_delivery(self, request: Request, delivery_id: UUID) -> Response:
        return json_response(self._call(self.notifications.redrive_delivery, str(delivery_id)))

    @api("GET", "/api/v1/unsubscribe")
    def unsubscribe_page(self, request: Request) -> Response:
        """The link as a person opens it: a page asking to confirm (a GET changes nothing, so mail scanners that
        follow links cannot unsubscribe anyone); its button POSTs to the same link."""
        token = request.args.get("token", "")
        self._call(self.notifications.read_unsubscribe, token)  # 400 naming `token` when it is not valid
        action = html.escape(f"/api/v1/unsubscribe?{urlencode({'token': token})}", quote=True)
        page = UNSUBSCRIBE_PAGE.format(action=action)
        return Response(page, mimetype="text/html")

    @api("POST", "/api/v1/unsubscribe")
    def unsubscribe_one_click(self, request: Request) -> Response:
        """RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the link, token in its query."""
        return json_response(self._call(self.notifications.unsubscribe, request.args.get("token", "")))
