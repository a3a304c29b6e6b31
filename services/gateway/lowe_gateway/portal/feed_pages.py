"""The portal's pages for a centre's feed: the entries with why they matched, marking them, and the centre's interest
in their opportunities. Each action makes the RPC call of its API route (`centres_routes.py`), with its checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

from nameko.exceptions import RemoteError
from werkzeug.datastructures import MultiDict
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS
from lowe_backbone.errors import Conflict, InvalidInput, NotFound, ServiceError
from lowe_backbone.logs import get_logger
from lowe_backbone.validation import load_or_raise
from lowe_gateway.api_schemas import centres as schemas
from lowe_gateway.authorization import readable_opportunity, require_interest_party
from lowe_gateway.identity.keys import CENTRE, Caller
from lowe_gateway.portal.extension import Page, Portal
from lowe_gateway.portal.feed_counts import own_centre
from lowe_gateway.portal.feed_forms import (
    back_to_feed,
    feed_query,
    feed_url,
    field_errors,
    interest_body,
    interest_values,
    query_string,
)
from lowe_gateway.portal.http import page
from lowe_gateway.portal.subscription_pages import SubscriptionPages
from lowe_gateway.portal.visits import Visit

log = get_logger(__name__)
QUERY_REFUSED = "The query string has invalid parameters."


class CentreFeedPortal(SubscriptionPages):
    """Mixed into `GatewayService`."""

    portal: Portal
    partners: Any
    centres: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    @page("GET", "/portal/feed", roles=(CENTRE,))
    def portal_feed(self, request: Request, visit: Visit) -> Page:
        """As `GET /api/v1/centres/{id}/feed`, its filters, order and cursor from the page's own form."""
        return self._feed_page(visit, feed_query(request.args))

    @page("POST", "/portal/feed/<uuid:entry_id>/state", roles=(CENTRE,))
    def portal_mark_feed_entry(self, request: Request, visit: Visit, entry_id: UUID) -> Response:
        """As `PATCH /api/v1/centres/{id}/feed/{entry_id}`: another centre's entry is not found."""
        centre_id = own_centre(visit.caller)
        body = {"state": request.form.get("state", "")}
        load_or_raise(schemas.FeedMark(), body)
        self._call(self.centres.mark_feed_entry, centre_id, str(entry_id), body)
        return redirect(f"{back_to_feed(request.form.get('back'))}#entry-{entry_id}", 303)

    @page("POST", "/portal/feed/interests", roles=(CENTRE,))
    def portal_express_interest(self, request: Request, visit: Visit) -> Page | Response:
        """As `POST /api/v1/centres/{id}/interests`; refused fields show next to the entry's form, as typed."""
        centre_id = own_centre(visit.caller)
        values, opportunity_id = interest_values(request.form), request.form.get("opportunity_id", "")
        body = interest_body(opportunity_id, values)
        back = request.form.get("back", "")
        try:
            load_or_raise(schemas.InterestRequest(), body)
            self._call(self.centres.express_interest, centre_id, body)
        except (InvalidInput, Conflict) as exc:
            conflict = isinstance(exc, Conflict)  # no longer open to interest, or an interest already open
            errors = {} if conflict else field_errors(exc.fields)
            refused = {"opportunity_id": opportunity_id, "typed": values, "errors": errors, "conflict": conflict}
            return self._feed_page(visit, feed_query(MultiDict(parse_qs(back))), 409 if conflict else 400, refused)
        return redirect(back_to_feed(back), 303)

    @page("POST", "/portal/feed/interests/<uuid:interest_id>/withdraw", roles=(CENTRE,))
    def portal_withdraw_interest(self, request: Request, visit: Visit, interest_id: UUID) -> Response:
        """As `DELETE /api/v1/centres/{id}/interests/{interest_id}`: another centre's interest is not found."""
        caller = visit.caller
        own_centre(caller)
        assert caller is not None
        require_interest_party(caller, self._call(self.partners.get_interest, str(interest_id)), CENTRE)
        self._call(self.partners.withdraw_interest, str(interest_id))
        return redirect(back_to_feed(request.form.get("back")), 303)

    def _feed_page(
        self, visit: Visit, query: dict[str, Any], status: int = 200, refused: dict[str, Any] | None = None
    ) -> Page:
        caller = visit.caller
        centre_id = own_centre(caller)
        assert caller is not None
        load_or_raise(schemas.FeedQuery(), query, QUERY_REFUSED)
        found = self._call(self.centres.list_feed, centre_id, query)
        entries, cursor = found["items"], found.get("next_cursor")
        filters = {name: value for name, value in query.items() if name != "cursor"}
        return self._page(
            visit,
            "feed.html",
            status,
            entries=entries,
            places=self._places(caller, entries),
            query=query,
            back=query_string(query),
            first_url=feed_url(filters),
            next_url=feed_url(filters, cursor) if cursor else None,
            refused=refused,
            kinds=OPPORTUNITY_KINDS,
        )

    def _places(self, caller: Caller, entries: list[dict[str, Any]]) -> dict[str, int | None]:
        """Each opportunity's places, from its partner as the centre may read it (no drafts, as
        `GET /api/v1/opportunities/{id}` reads it), asked for all the page's entries (at most 100) in one call; the
        page still shows when the partners service does not answer."""
        ids = list(dict.fromkeys(str(entry["opportunity"]["id"]) for entry in entries))
        if not ids:
            return {}
        viewer = {"centre_id": str(caller.organisation_id)}
        try:
            found: dict[str, Any] = self._call(self.partners.get_opportunities, ids, viewer)
        except (ServiceError, RemoteError) as exc:
            log.warning("portal_feed_places_unavailable", error=type(exc).__name__)
            return {}
        places: dict[str, int | None] = {}
        for opportunity_id, opportunity in found.items():
            try:
                places[opportunity_id] = readable_opportunity(caller, opportunity)["places"]
            except NotFound:
                continue
        return places
