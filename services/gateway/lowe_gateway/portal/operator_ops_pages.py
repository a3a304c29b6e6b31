"""The operators' pages over the notifications' delivery ledger and every service's dead letters, with the RPC calls
of `admin_routes` (`GET /api/v1/admin/deliveries`, its re-drive, `GET /api/v1/admin/dead-letters` and the replay)
and, for a whole queue, the owning service's `replay_dead_letter_queue`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.deadletters import MAX_QUEUE_REPLAY
from lowe_backbone.errors import Conflict, InvalidInput, NotFound
from lowe_backbone.logs import get_logger
from lowe_gateway.admin_routes import replay_queue
from lowe_gateway.api_schemas.notifications import LEDGER_TYPES
from lowe_gateway.identity.keys import OPERATOR
from lowe_gateway.portal import operator_reads
from lowe_gateway.portal.extension import Page
from lowe_gateway.portal.http import page
from lowe_gateway.portal.operator_reads import LEDGER_FILTERS
from lowe_gateway.portal.visits import Visit

log = get_logger(__name__)
OPERATORS = (OPERATOR,)
DELIVERIES, DEAD_LETTERS = "/portal/deliveries", "/portal/dead-letters"
REDRIVABLE = ("failed", "dead")
MAX_QUEUE_NAME = 255


class OperatorOperationsPages:
    notifications: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    def _service_proxy(self, name: str) -> Any:
        return getattr(self, name)

    @page("GET", DELIVERIES, roles=OPERATORS)
    def portal_deliveries(self, request: Request, visit: Visit) -> Page:
        """As `GET /api/v1/admin/deliveries`: the filters checked by its query schema, bad ones shown by their field."""
        filters = {name: request.args.get(name, "").strip()[:100] for name in LEDGER_FILTERS}
        try:
            query = operator_reads.ledger_query(request.args)
            ledger = self._call(self.notifications.list_deliveries, query)
        except InvalidInput as exc:
            return self._deliveries_page(visit, filters, {"items": []}, errors=exc.fields, status=400)
        return self._deliveries_page(visit, filters, ledger, redriven=request.args.get("redriven") == "1")

    @page("POST", DELIVERIES + "/<uuid:delivery_id>/redrive", roles=OPERATORS)
    def portal_redrive_delivery(self, request: Request, visit: Visit, delivery_id: UUID) -> Page | Response:
        """As `POST /api/v1/admin/deliveries/{id}/redrive`; back to the same filters."""
        filters = {name: request.form.get(name, "").strip()[:100] for name in LEDGER_FILTERS}
        try:
            self._call(self.notifications.redrive_delivery, str(delivery_id))
        except Conflict:
            ledger = self._call(self.notifications.list_deliveries, _safe_ledger_query(filters))
            return self._deliveries_page(visit, filters, ledger, refused=str(delivery_id), status=409)
        log.info("portal_delivery_redriven", delivery_id=str(delivery_id))
        kept = {name: value for name, value in filters.items() if value}
        return redirect(f"{DELIVERIES}?{urlencode({**kept, 'redriven': '1'})}", 303)

    def _deliveries_page(
        self,
        visit: Visit,
        filters: dict[str, str],
        ledger: dict[str, Any],
        errors: dict[str, Any] | None = None,
        status: int = 200,
        redriven: bool = False,
        refused: str | None = None,
    ) -> Page:
        next_page = None
        if ledger.get("next_cursor"):
            kept = {name: value for name, value in filters.items() if value}
            next_page = f"{DELIVERIES}?{urlencode({**kept, 'cursor': ledger['next_cursor']})}"
        return self._page(
            visit,
            "operator_deliveries.html",
            status,
            filters=filters,
            deliveries=ledger["items"],
            next_page=next_page,
            errors=errors or {},
            redrivable=REDRIVABLE,
            types=LEDGER_TYPES,
            redriven=redriven,
            refused=refused,
        )

    @page("GET", DEAD_LETTERS, roles=OPERATORS)
    def portal_dead_letters(self, request: Request, visit: Visit) -> Page:
        """As `GET /api/v1/admin/dead-letters`, grouped by queue."""
        letters = operator_reads.dead_letters(self._call, self._service_proxy)
        by_queue: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for letter in letters:
            by_queue[letter["queue"]].append(letter)
        replayed, remaining = request.args.get("replayed", ""), request.args.get("remaining", "")
        return self._page(
            visit,
            "operator_dead_letters.html",
            queues=sorted(by_queue.items()),
            replayed=int(replayed) if replayed.isdigit() else None,
            remaining=int(remaining) if remaining.isdigit() else 0,
            remaining_queue=request.args.get("queue", "")[:MAX_QUEUE_NAME],
        )

    @page("GET", DEAD_LETTERS + "/replay", roles=OPERATORS)
    def portal_confirm_replay(self, request: Request, visit: Visit) -> Page:
        """The confirm step: what a replay of one event, or of a whole queue, would send back."""
        event_id, queue = _replay_target(request.args)
        letters = [
            letter
            for letter in operator_reads.dead_letters(self._call, self._service_proxy)
            if (letter.get("event_id") == event_id if event_id else letter["queue"] == queue)
        ]
        context = {"event_id": event_id, "queue": queue, "letters": letters, "per_replay": MAX_QUEUE_REPLAY}
        return self._page(visit, "operator_replay.html", 200 if letters else 404, **context)

    @page("POST", DEAD_LETTERS + "/replay", roles=OPERATORS)
    def portal_replay(self, request: Request, visit: Visit) -> Response:
        """As `POST /api/v1/admin/dead-letters/{event_id}/replay`; a queue's in one `replay_dead_letter_queue` call
        to the service whose queue it is (at most `MAX_QUEUE_REPLAY`: the page says how many remain). 404 when
        there was nothing to replay."""
        event_id, queue = _replay_target(request.form)
        outcome: dict[str, Any] = {}
        if event_id:
            outcome["replayed"] = len(operator_reads.replay_event(self._call, self._service_proxy, event_id))
        else:
            done = replay_queue(self._call, self._service_proxy, queue) or {"replayed": 0}
            outcome["replayed"] = done["replayed"]
            if done.get("remaining"):
                outcome.update(remaining=done["remaining"], queue=queue)
        if not outcome["replayed"]:
            raise NotFound("No dead letter to replay.", {"event_id": event_id, "queue": queue})
        log.info("portal_dead_letters_replayed", event_id=event_id, queue=queue, count=outcome["replayed"])
        return redirect(f"{DEAD_LETTERS}?{urlencode(outcome)}", 303)


def _replay_target(values: Any) -> tuple[str, str]:
    """An event id (a UUID, as the API's route has it) or a queue's name; exactly one of them."""
    event_id, queue = values.get("event_id", "").strip(), values.get("queue", "").strip()
    if event_id:
        try:
            return str(UUID(event_id)), ""
        except ValueError:
            raise InvalidInput("Not an event id.", {"event_id": ["Not a valid id."]}) from None
    if not queue or len(queue) > MAX_QUEUE_NAME:
        raise InvalidInput("Name an event or a queue.", {"queue": ["Name a queue."]})
    return "", queue


def _safe_ledger_query(filters: dict[str, str]) -> dict[str, Any]:
    """The filters the form carried back, or none when they are not valid (the page still shows)."""
    try:
        return operator_reads.ledger_query(filters)
    except InvalidInput:
        return operator_reads.ledger_query({})
