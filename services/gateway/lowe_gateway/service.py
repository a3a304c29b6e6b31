"""The public HTTP API (v1) and the web portal's pages (`/portal/`). Each route checks the caller, validates the
transport, then asks the owning service over RPC. The routes live in one mixin per service they front (the portal's
pages in `lowe_gateway.portal`); this class binds them to the RPC proxies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import eventlet
from nameko.dependency_providers import Config
from nameko.rpc import RpcProxy
from werkzeug.wrappers import Request

from lowe_backbone.context import FlowContext
from lowe_gateway.admin_routes import BACKEND_SERVICES, AdminRoutes
from lowe_gateway.api_schemas.notifications import Health
from lowe_gateway.centres_routes import CentresRoutes
from lowe_gateway.contract import Reply
from lowe_gateway.docs_routes import DocsRoutes
from lowe_gateway.errors import ServiceUnavailable
from lowe_gateway.events_routes import EventsRoutes
from lowe_gateway.http import api
from lowe_gateway.keys_routes import KeysRoutes
from lowe_gateway.notifications_routes import NotificationsRoutes
from lowe_gateway.partners_routes import PartnersRoutes
from lowe_gateway.portal.account_pages import AccountPages
from lowe_gateway.portal.event_pages import CentreEventsPortal
from lowe_gateway.portal.extension import PortalAccess
from lowe_gateway.portal.feed_pages import CentreFeedPortal
from lowe_gateway.portal.inbox_pages import InboxPortal
from lowe_gateway.portal.operator_pages import OperatorPortal
from lowe_gateway.portal.pages import PortalPages
from lowe_gateway.portal.partner_pages import PartnerPortal

HEALTH_TIMEOUT_SECONDS = 3.0


class GatewayService(
    PartnersRoutes,
    CentresRoutes,
    EventsRoutes,
    NotificationsRoutes,
    KeysRoutes,
    AdminRoutes,
    DocsRoutes,
    PortalPages,
    AccountPages,
    PartnerPortal,
    InboxPortal,
    CentreFeedPortal,
    CentreEventsPortal,
    OperatorPortal,
):
    name = "gateway"

    flow = FlowContext()
    config = Config()
    partners = RpcProxy("partners")
    centres = RpcProxy("centres")
    notifications = RpcProxy("notifications")
    events = RpcProxy("events")
    portal = PortalAccess()  # the web portal's accounts, sessions and templates (`lowe_gateway.portal`)

    def _call(self, method: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        seconds = timeout if timeout is not None else float(self.config.get("RPC_TIMEOUT", 10))
        with eventlet.Timeout(seconds, ServiceUnavailable("A service did not answer in time.")):
            return method(*args)

    @api(
        "GET",
        "/health",
        public=True,
        tag="operations",
        summary="Whether every service, its database and the broker answer",
        response=Health(),
        other_responses={503: ("A service is down or did not answer.", Health())},
        calls_services=False,
    )
    def health(self, request: Request) -> Any:
        services = {name: self._service_health(name) for name in BACKEND_SERVICES}
        healthy = all(report.get("status") == "up" for report in services.values())
        return Reply({"status": "up" if healthy else "down", "services": services}, 200 if healthy else 503)

    def _service_health(self, name: str) -> dict[str, Any]:
        proxy = getattr(self, name)
        try:
            report: dict[str, Any] = self._call(proxy.health, timeout=HEALTH_TIMEOUT_SECONDS)
        except ServiceUnavailable:
            return {"status": "unreachable"}
        except Exception as exc:
            return {"status": "down", "error": type(exc).__name__}
        return report
