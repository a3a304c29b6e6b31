"""The operators' routes: the notifications' delivery ledger, and every service's dead letters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.wrappers import Request

from lowe_backbone.errors import NotFound
from lowe_gateway.api_schemas import notifications as schemas
from lowe_gateway.http import api
from lowe_gateway.identity.keys import OPERATOR, Caller

BACKEND_SERVICES = ("partners", "centres", "notifications", "events")
TAG = "operators"


class AdminRoutes:
    notifications: Any  # RpcProxy per backend service, declared on the service class
    _call: Callable[..., Any]

    @api(
        "GET",
        "/api/v1/admin/deliveries",
        roles=(OPERATOR,),
        tag=TAG,
        summary="The delivery ledger",
        description="Every e-mail and webhook delivery, newest first, with its attempts and last error.",
        query=schemas.LedgerQuery(),
        response=schemas.DeliveryPage(),
    )
    def list_deliveries(self, request: Request, caller: Caller, query: dict[str, Any]) -> Any:
        return self._call(self.notifications.list_deliveries, query)

    @api(
        "POST",
        "/api/v1/admin/deliveries/<uuid:delivery_id>/redrive",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Re-drive a failed or dead delivery",
        response=schemas.Delivery(),
        errors=(404, 409),
    )
    def redrive_delivery(self, request: Request, caller: Caller, delivery_id: UUID) -> Any:
        return self._call(self.notifications.redrive_delivery, str(delivery_id))

    @api(
        "GET",
        "/api/v1/admin/dead-letters",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Every service's dead letters",
        description="Read without being taken off their queues; each names its service, queue, event, attempts "
        "and error.",
        response=schemas.DeadLetterList(),
    )
    def list_dead_letters(self, request: Request, caller: Caller) -> Any:
        letters = [letter for name in BACKEND_SERVICES for letter in self._call(self._proxy(name).list_dead_letters)]
        return {"items": letters, "next_cursor": None}

    @api(
        "POST",
        "/api/v1/admin/dead-letters/<uuid:event_id>/replay",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Replay an event's dead letters",
        description="Back to the consumers that gave up on it, with a fresh retry budget.",
        response=schemas.Replayed(),
        errors=(404,),
    )
    def replay_dead_letter(self, request: Request, caller: Caller, event_id: UUID) -> Any:
        replayed = [
            letter
            for name in BACKEND_SERVICES
            for letter in self._call(self._proxy(name).replay_dead_letter, str(event_id))
        ]
        if not replayed:
            raise NotFound("No dead letter of that event.", {"event_id": str(event_id)})
        return {"replayed": replayed}

    def _proxy(self, name: str) -> Any:
        return getattr(self, name)
