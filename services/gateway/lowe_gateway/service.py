"""The public HTTP API (v1). Each route validates the transport, then asks the owning service over RPC."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import eventlet
from nameko.dependency_providers import Config
from nameko.rpc import RpcProxy
from werkzeug.wrappers import Request, Response

from lowe_backbone.context import FlowContext
from lowe_gateway.errors import ServiceUnavailable
from lowe_gateway.events_routes import EventsRoutes
from lowe_gateway.http import api, json_body, json_response, query_params
from lowe_gateway.notifications_routes import NotificationsRoutes

HEALTH_TIMEOUT_SECONDS = 3.0
BACKEND_SERVICES = ("partners", "centres", "notifications", "events")
LIST_PARAMS = frozenset({"kind", "status"})  # query parameters that may repeat
FEED_PARAMS = frozenset({"state", "kind"})


class GatewayService(EventsRoutes, NotificationsRoutes):
    name = "gateway"

    flow = FlowContext()
    config = Config()
    partners = RpcProxy("partners")
    centres = RpcProxy("centres")
    notifications = RpcProxy("notifications")
    events = RpcProxy("events")

    def _call(self, method: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        seconds = timeout if timeout is not None else float(self.config.get("RPC_TIMEOUT", 10))
        with eventlet.Timeout(seconds, ServiceUnavailable("A service did not answer in time.")):
            return method(*args)

    @api("POST", "/api/v1/partners")
    def create_partner(self, request: Request) -> Response:
        return json_response(self._call(self.partners.register_partner, json_body(request)), 201)

    @api("GET", "/api/v1/partners/<uuid:partner_id>")
    def get_partner(self, request: Request, partner_id: UUID) -> Response:
        return json_response(self._call(self.partners.get_partner, str(partner_id)))

    @api("POST", "/api/v1/partners/<uuid:partner_id>/verify")
    def verify_partner(self, request: Request, partner_id: UUID) -> Response:
        return json_response(self._call(self.partners.verify_partner, str(partner_id)))

    @api("POST", "/api/v1/partners/<uuid:partner_id>/suspend")
    def suspend_partner(self, request: Request, partner_id: UUID) -> Response:
        body = json_body(request)
        return json_response(self._call(self.partners.suspend_partner, str(partner_id), body))

    @api("GET", "/api/v1/opportunities")
    def list_opportunities(self, request: Request) -> Response:
        return json_response(self._call(self.partners.list_opportunities, query_params(request, LIST_PARAMS)))

    @api("PATCH", "/api/v1/opportunities/<uuid:opportunity_id>")
    def update_opportunity(self, request: Request, opportunity_id: UUID) -> Response:
        body = json_body(request)
        return json_response(self._call(self.partners.update_opportunity, str(opportunity_id), body))

    @api("POST", "/api/v1/opportunities/<uuid:opportunity_id>/withdraw")
    def withdraw_opportunity(self, request: Request, opportunity_id: UUID) -> Response:
        return json_response(self._call(self.partners.withdraw_opportunity, str(opportunity_id)))

    @api("POST", "/api/v1/opportunities")
    def create_opportunity(self, request: Request) -> Response:
        return json_response(self._call(self.partners.create_opportunity, json_body(request)), 201)

    @api("GET", "/api/v1/opportunities/<uuid:opportunity_id>")
    def get_opportunity(self, request: Request, opportunity_id: UUID) -> Response:
        return json_response(self._call(self.partners.get_opportunity, str(opportunity_id)))

    @api("POST", "/api/v1/opportunities/<uuid:opportunity_id>/publish")
    def publish_opportunity(self, request: Request, opportunity_id: UUID) -> Response:
        return json_response(self._call(self.partners.publish_opportunity, str(opportunity_id)))

    @api("POST", "/api/v1/centres")
    def create_centre(self, request: Request) -> Response:
        return json_response(self._call(self.centres.register_centre, json_body(request)), 201)

    @api("POST", "/api/v1/centres/<uuid:centre_id>/subscriptions")
    def create_subscription(self, request: Request, centre_id: UUID) -> Response:
        body = json_body(request)
        return json_response(self._call(self.centres.add_subscription, str(centre_id), body), 201)

    @api("GET", "/api/v1/centres")
    def list_centres(self, request: Request) -> Response:
        return json_response(self._call(self.centres.list_centres, query_params(request, frozenset())))

    @api("GET", "/api/v1/centres/<uuid:centre_id>/feed")
    def get_feed(self, request: Request, centre_id: UUID) -> Response:
        params = query_params(request, FEED_PARAMS)
        return json_response(self._call(self.centres.list_feed, str(centre_id), params))

    @api("PATCH", "/api/v1/centres/<uuid:centre_id>/feed/<uuid:entry_id>")
    def mark_feed_entry(self, request: Request, centre_id: UUID, entry_id: UUID) -> Response:
        body = json_body(request)
        return json_response(self._call(self.centres.mark_feed_entry, str(centre_id), str(entry_id), body))

    @api("POST", "/api/v1/centres/<uuid:centre_id>/feed/<uuid:entry_id>/interest")
    def claim_feed_entry(self, request: Request, centre_id: UUID, entry_id: UUID) -> Response:
        body = json_body(request)  # empty: interest without asking for places
        return json_response(self._call(self.centres.claim_feed_entry, str(centre_id), str(entry_id), body), 201)

    @api("GET", "/health")
    def health(self, request: Request) -> Response:
        services = {name: self._service_health(name) for name in BACKEND_SERVICES}
        healthy = all(report.get("status") == "up" for report in services.values())
        return json_response({"status": "up" if healthy else "down", "services": services}, 200 if healthy else 503)

    def _service_health(self, name: str) -> dict[str, Any]:
        proxy = getattr(self, name)
        try:
            report: dict[str, Any] = self._call(proxy.health, timeout=HEALTH_TIMEOUT_SECONDS)
        except ServiceUnavailable:
            return {"status": "unreachable"}
        except Exception as exc:
            return {"status": "down", "error": type(exc).__name__}
        return report

    @api("POST", "/api/v1/opportunities/<uuid:opportunity_id>/interests")
    def express_interest(self, request: Request, opportunity_id: UUID) -> Response:
        body = json_body(request)
        return json_response(self._call(self.partners.express_interest, str(opportunity_id), body), 201)

    @api("GET", "/api/v1/opportunities/<uuid:opportunity_id>/interests")
    def list_interests(self, request: Request, opportunity_id: UUID) -> Response:
        return json_response(self._call(self.partners.list_interests, str(opportunity_id)))

    @api("POST", "/api/v1/interests/<uuid:interest_id>/accept")
    def accept_interest(self, request: Request, interest_id: UUID) -> Response:
        return json_response(self._call(self.partners.accept_interest, str(interest_id)))

    @api("POST", "/api/v1/interests/<uuid:interest_id>/decline")
    def decline_interest(self, request: Request, interest_id: UUID) -> Response:
        return json_response(self._call(self.partners.decline_interest, str(interest_id)))

    @api("POST", "/api/v1/interests/<uuid:interest_id>/release")
    def release_places(self, request: Request, interest_id: UUID) -> Response:
        body = json_body(request)  # empty: release every place the interest holds
        return json_response(self._call(self.partners.release_places, str(interest_id), body))

    @api("GET", "/api/v1/centres/<uuid:centre_id>")
    def get_centre(self, request: Request, centre_id: UUID) -> Response:
        return json_response(self._call(self.centres.get_centre, str(centre_id)))

    @api("PATCH", "/api/v1/centres/<uuid:centre_id>")
    def update_centre(self, request: Request, centre_id: UUID) -> Response:
        body = json_body(request)
        return json_response(self._call(self.centres.update_centre, str(centre_id), body))

    @api("GET", "/api/v1/centres/<uuid:centre_id>/subscriptions")
    def list_subscriptions(self, request: Request, centre_id: UUID) -> Response:
        return json_response({"items": self._call(self.centres.list_subscriptions, str(centre_id))})

    @api("POST", "/api/v1/centres/<uuid:centre_id>/subscriptions/<uuid:subscription_id>/pause")
    def pause_subscription(self, request: Request, centre_id: UUID, subscription_id: UUID) -> Response:
        return json_response(self._call(self.centres.pause_subscription, str(centre_id), str(subscription_id)))

    @api("POST", "/api/v1/centres/<uuid:centre_id>/subscriptions/<uuid:subscription_id>/resume")
    def resume_subscription(self, request: Request, centre_id: UUID, subscription_id: UUID) -> Response:
        return json_response(self._call(self.centres.resume_subscription, str(centre_id), str(subscription_id)))
