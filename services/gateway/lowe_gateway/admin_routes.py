"""The operators' routes: the notifications' delivery ledger, and every service's dead letters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.wrappers import Request

from lowe_backbone.deadletters import MAX_QUEUE_REPLAY
from lowe_backbone.errors import NotFound
from lowe_gateway.api_schemas import notifications as schemas
from lowe_gateway.http import api
from lowe_gateway.identity.keys import OPERATOR, Caller

BACKEND_SERVICES = ("partners", "centres", "notifications", "events")
TAG = "operators"
QUEUE_REPLAY_SECONDS = 60  # a queue's replay confirms each letter with the broker: longer than a read


def replay_queue(
    call: Callable[..., Any], proxy_of: Callable[[str], Any], queue: str, limit: int = MAX_QUEUE_REPLAY
) -> dict[str, Any] | None:
    """At most `limit` of a queue's letters in one `replay_dead_letter_queue` call to the service whose queue it is
    (`{service, queue, replayed, remaining}`); None when no service has that queue."""
    for name in BACKEND_SERVICES:
        done: dict[str, Any] | None = call(
            proxy_of(name).replay_dead_letter_queue, queue, limit, timeout=QUEUE_REPLAY_SECONDS
        )
        if done is not None:
            return done
    return None


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

    @api(
        "POST",
        "/api/v1/admin/dead-letters/queues/<queue>/replay",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Replay a queue's dead letters",
        description="The oldest `limit` letters of one dead-letter queue (named as the listing names it) back to its "
        "consumer, each keeping its event id; the answer counts those sent back and those still there.",
        query=schemas.QueueReplayQuery(),
        response=schemas.QueueReplayed(),
        errors=(404,),
    )
    def replay_dead_letter_queue(self, request: Request, caller: Caller, queue: str, query: dict[str, Any]) -> Any:
        limit = int(query.get("limit", MAX_QUEUE_REPLAY))  # validated as a whole number in range, passed on as typed
        done = replay_queue(self._call, self._proxy, queue, limit)
        if done is None or not (done["replayed"] or done["remaining"]):
            raise NotFound("No dead letter in that queue.", {"queue": queue})
        return done

    def _proxy(self, name: str) -> Any:
        return getattr(self, name)
