"""The signed-in centre, as the routes under `/centres/{id}/` admit it, and how many of its feed entries are in a
state (the feed answers pages, not counts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lowe_backbone.errors import NotFound
from lowe_gateway.authorization import require_centre
from lowe_gateway.identity.keys import Caller

NEW, SAVED = "new", "saved"
COUNTED_PAGES, COUNTED_PAGE_SIZE = 5, 100  # beyond 500 the home page says "500+"


def own_centre(caller: Caller | None) -> str:
    """The signed-in centre's id: its own feed and subscriptions only, never an operator's or another's."""
    if caller is None:
        raise NotFound("Nobody is signed in.")
    require_centre(caller, str(caller.organisation_id), operator_too=False)
    return str(caller.organisation_id)


def count_feed_entries(call: Callable[..., Any], centres: Any, centre_id: str, state: str) -> tuple[int, bool]:
    """How many entries are in `state` (as `GET /api/v1/centres/{id}/feed?state=` lists them), and whether there
    are more than were counted."""
    total, cursor = 0, None
    for _ in range(COUNTED_PAGES):
        query: dict[str, Any] = {"state": [state], "page_size": COUNTED_PAGE_SIZE}
        if cursor:
            query["cursor"] = cursor
        page = call(centres.list_feed, centre_id, query)
        total += len(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return total, False
    return total, True
