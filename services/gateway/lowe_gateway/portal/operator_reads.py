"""What the operators' pages read from the services: the network's figures, each counted by the service that owns
it in one call whatever the network's size, and the RPC calls (and queries) of the API's operator routes
`GET /api/v1/partners`, `GET /api/v1/admin/deliveries` and `GET /api/v1/admin/dead-letters`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lowe_backbone.validation import load_or_raise
from lowe_gateway.admin_routes import BACKEND_SERVICES
from lowe_gateway.api_schemas import notifications as notification_schemas
from lowe_gateway.api_schemas import partners as partner_schemas
from lowe_gateway.portal.network_map import SHADE_BY, NetworkFigures, network_figures

LEDGER_FILTERS = ("status", "channel", "type", "recipient_id")
LEDGER_PAGE_SIZE = 50
PARTNERS_PAGE_SIZE = 50


def read_network(call: Callable[..., Any], partners: Any, centres: Any, shade_by: str | None = None) -> NetworkFigures:
    """Operators' figures (the caller checks the reader is one): two calls."""
    centre_counts = call(centres.count_centres_by_voivodeship)
    opportunity_counts = call(partners.count_open_opportunities)
    return network_figures(centre_counts, opportunity_counts, shade_by if shade_by in SHADE_BY else SHADE_BY[0])


def count_partners(call: Callable[..., Any], partners: Any) -> dict[str, int]:
    """`{status: partners}` for every status, in one call; operators' figures (the caller checks the reader is one)."""
    counts: dict[str, int] = call(partners.count_partners_by_status)
    return counts


def partners_page(call: Callable[..., Any], partners: Any, statuses: list[str], cursor: str | None) -> dict[str, Any]:
    """One page of partners in those statuses, as `GET /api/v1/partners?status=...` validates and asks for it."""
    query: dict[str, Any] = {"status": statuses, "page_size": str(PARTNERS_PAGE_SIZE)}
    if cursor:
        query["cursor"] = cursor
    load_or_raise(partner_schemas.PartnerQuery(), query, "The query string has invalid parameters.")
    page: dict[str, Any] = call(partners.list_partners, query)
    return page


def ledger_query(args: Any) -> dict[str, Any]:
    """The ledger's filters from the page's query string (blank ones left out), checked as the API checks them:
    an `InvalidInput` naming each bad field."""
    query = {name: args.get(name, "").strip() for name in (*LEDGER_FILTERS, "cursor")}
    query = {name: value for name, value in query.items() if value}
    query["page_size"] = str(LEDGER_PAGE_SIZE)
    load_or_raise(notification_schemas.LedgerQuery(), query, "The filters are not valid.")
    return query


def dead_letters(call: Callable[..., Any], proxy_of: Callable[[str], Any]) -> list[dict[str, Any]]:
    """Every backend service's dead letters, as `GET /api/v1/admin/dead-letters` gathers them."""
    return [letter for name in BACKEND_SERVICES for letter in call(proxy_of(name).list_dead_letters)]


def replay_event(call: Callable[..., Any], proxy_of: Callable[[str], Any], event_id: str) -> list[dict[str, Any]]:
    """As `POST /api/v1/admin/dead-letters/{event_id}/replay`: every service sends back its letters of the event."""
    return [letter for name in BACKEND_SERVICES for letter in call(proxy_of(name).replay_dead_letter, event_id)]
