"""The portal's pages for the operators' network map, verification queue, deliveries and dead letters. Each action
makes the RPC call of the API's operator route that does the same (`partners_routes`, `centres_routes`,
`admin_routes`); every page is for operators only (403 for anyone else, before the page runs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import Conflict, InvalidInput
from lowe_backbone.logs import get_logger
from lowe_backbone.validation import load_or_raise
from lowe_gateway.api_schemas import partners as partner_schemas
from lowe_gateway.identity.keys import OPERATOR
from lowe_gateway.portal import operator_reads
from lowe_gateway.portal.extension import Page, Portal
from lowe_gateway.portal.http import page
from lowe_gateway.portal.network_map import map_shapes
from lowe_gateway.portal.operator_ops_pages import OperatorOperationsPages
from lowe_gateway.portal.visits import Visit

log = get_logger(__name__)
OPERATORS = (OPERATOR,)
VERIFICATION = "/portal/partners/verification"
DECIDED = ["verified", "suspended"]
MAX_REASON = 500


class OperatorPortal(OperatorOperationsPages):
    """Mixed into `GatewayService`."""

    portal: Portal
    partners: Any
    centres: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    @page("GET", "/portal/network", roles=OPERATORS)
    def portal_network(self, request: Request, visit: Visit) -> Page:
        """The centres and the open opportunities per voivodeship, as their services count them."""
        network = operator_reads.read_network(self._call, self.partners, self.centres, request.args.get("shade"))
        return self._page(visit, "operator_network.html", network=network, shapes=map_shapes())

    @page("GET", VERIFICATION, roles=OPERATORS)
    def portal_partner_verification(self, request: Request, visit: Visit) -> Page:
        return self._verification_page(visit, request.args.get("cursor") or None, done=request.args.get("done"))

    @page("POST", "/portal/partners/<uuid:partner_id>/verify", roles=OPERATORS)
    def portal_verify_partner(self, request: Request, visit: Visit, partner_id: UUID) -> Page | Response:
        """As `POST /api/v1/partners/{id}/verify`."""
        try:
            self._call(self.partners.verify_partner, str(partner_id))
        except Conflict:
            return self._verification_page(visit, None, status=409, refused=str(partner_id))
        log.info("portal_partner_verified", partner_id=str(partner_id))
        return redirect(f"{VERIFICATION}?done=verified", 303)

    @page("POST", "/portal/partners/<uuid:partner_id>/suspend", roles=OPERATORS)
    def portal_suspend_partner(self, request: Request, visit: Visit, partner_id: UUID) -> Page | Response:
        """As `POST /api/v1/partners/{id}/suspend` with `{"reason": ...}`, checked against the same schema; a bad
        reason comes back next to that partner's field, as typed."""
        reason = request.form.get("reason", "")[: MAX_REASON * 2]
        body = {"reason": reason}
        try:
            load_or_raise(partner_schemas.Suspension(), body)
            self._call(self.partners.suspend_partner, str(partner_id), body)
        except InvalidInput as exc:
            typed = {"partner_id": str(partner_id), "reason": reason, "errors": exc.fields}
            return self._verification_page(visit, None, status=400, typed=typed)
        except Conflict:
            return self._verification_page(visit, None, status=409, refused=str(partner_id))
        log.info("portal_partner_suspended", partner_id=str(partner_id))
        return redirect(f"{VERIFICATION}?done=suspended", 303)

    def _verification_page(
        self,
        visit: Visit,
        cursor: str | None,
        status: int = 200,
        done: str | None = None,
        typed: dict[str, Any] | None = None,
        refused: str | None = None,
    ) -> Page:
        """The pending partners (`GET /api/v1/partners?status=pending`), then the verified and suspended ones."""
        pending = operator_reads.partners_page(self._call, self.partners, ["pending"], None)
        try:
            decided = operator_reads.partners_page(self._call, self.partners, DECIDED, cursor)
        except InvalidInput:  # a cursor that is not one: the first page
            decided = operator_reads.partners_page(self._call, self.partners, DECIDED, None)
        next_page = (
            f"{VERIFICATION}?{urlencode({'cursor': decided['next_cursor']})}" if decided.get("next_cursor") else None
        )
        return self._page(
            visit,
            "operator_verification.html",
            status,
            pending=pending["items"],
            more_pending=bool(pending.get("next_cursor")),
            decided=decided["items"],
            next_page=next_page,
            done=done if done in DECIDED else None,
            typed=typed or {"partner_id": None, "reason": "", "errors": {}},
            refused=refused,
        )
