"""What the home page shows each role, from the RPC calls the API's list routes make (and with their rules)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lowe_gateway.authorization import require_opportunity_owner, require_partner
from lowe_gateway.identity.keys import CENTRE, PARTNER, Caller
from lowe_gateway.portal import operator_reads
from lowe_gateway.portal.feed_counts import NEW, SAVED, count_feed_entries, own_centre
from lowe_gateway.portal.network_map import map_shapes
from lowe_gateway.portal.partner_interests import interest_summary, matched_centres

HOME_ITEMS = 20
CENTRE_HOME_ENTRIES = 5


def partner_home(call: Callable[..., Any], partners: Any, centres: Any, caller: Caller) -> dict[str, Any]:
    """The partner's own opportunities, drafts included (as `GET /api/v1/opportunities?partner_id=` shows them), each
    published one with its interest (as `GET /api/v1/opportunities/{id}/interests` counts it) and how many centres
    it reached: both read in one call per service, about the published ones only, once each is checked to be the
    partner's own."""
    require_partner(caller, str(caller.organisation_id), operator_too=False)
    partner_id = str(caller.organisation_id)
    query, viewer = {"partner_id": partner_id, "page_size": HOME_ITEMS}, {"partner_id": partner_id}
    page = call(partners.list_opportunities, query, viewer)
    published = [opportunity for opportunity in page["items"] if opportunity["status"] != "draft"]
    for opportunity in published:  # a draft took no interest and reached no centre
        require_opportunity_owner(caller, opportunity)
    ids = [str(opportunity["id"]) for opportunity in published]
    interests = call(partners.list_partner_interests, partner_id, ids) if ids else {}
    reached = matched_centres(call, centres, ids)
    opportunities = []
    for opportunity in page["items"]:
        opportunity_id = str(opportunity["id"])
        listing = interests.get(opportunity_id)
        interest = interest_summary(listing) if listing is not None else None
        opportunities.append({**opportunity, "interest": interest, "matched_centres": reached.get(opportunity_id)})
    return {"opportunities": opportunities, "more": bool(page.get("next_cursor"))}


def centre_home(call: Callable[..., Any], centres: Any, caller: Caller) -> dict[str, Any]:
    """The centre's newest feed entries and how many are new and saved (as `GET /api/v1/centres/{id}/feed` shows
    them)."""
    centre_id = own_centre(caller)
    page = call(centres.list_feed, centre_id, {"page_size": CENTRE_HOME_ENTRIES})
    new_count, new_more = count_feed_entries(call, centres, centre_id, NEW)
    saved_count, saved_more = count_feed_entries(call, centres, centre_id, SAVED)
    return {
        "entries": page["items"],
        "new_count": new_count,
        "new_more": new_more,
        "saved_count": saved_count,
        "saved_more": saved_more,
    }


def operator_home(call: Callable[..., Any], partners: Any, centres: Any) -> dict[str, Any]:
    """The totals, the partners waiting for verification and the network map (as `/portal/network` shows it): three
    calls, whatever the network's size."""
    network = operator_reads.read_network(call, partners, centres)
    partner_counts = operator_reads.count_partners(call, partners)
    return {
        "partner_count": sum(partner_counts.values()),
        "centre_count": network.centres,
        "pending_count": partner_counts.get("pending", 0),
        "network": network,
        "shapes": map_shapes(),
    }


def organisation_name(call: Callable[..., Any], partners: Any, centres: Any, caller: Caller | None) -> str | None:
    """For the header; None for operators and when the owning service does not answer (the page still shows)."""
    if caller is None or caller.organisation_id is None:
        return None
    try:
        if caller.role == PARTNER:
            return str(call(partners.get_partner, str(caller.organisation_id))["name"])
        if caller.role == CENTRE:
            return str(call(centres.get_centre, str(caller.organisation_id))["name"])
    except Exception:
        return None
    return None
