"""What a partner's pages tell of the interest centres expressed: counts for the dashboard, the decisions each
interest still allows (the partners service's rules, so no button offers what it would refuse), the centres' names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

PENDING, WAITLISTED, ACCEPTED = "pending", "waitlisted", "accepted"
ACTIONS_BY_STATUS: dict[str, tuple[str, ...]] = {
    PENDING: ("accept", "decline"),
    WAITLISTED: ("decline",),
    ACCEPTED: ("release",),
}
MAX_NAMED_CENTRES = 200


def interest_summary(listing: Mapping[str, Any]) -> dict[str, Any]:
    """From `list_interests`: how many centres asked, how many wait for a decision or on the waiting line, and the
    places left (None: no limit)."""
    statuses = [interest["status"] for interest in listing["items"]]
    return {
        "centres": len(statuses),
        "pending": statuses.count(PENDING),
        "waitlisted": statuses.count(WAITLISTED),
        "allocated": listing["places"]["allocated"],
        "remaining": listing["places"]["remaining"],
    }


def actions_for(interest: Mapping[str, Any]) -> tuple[str, ...]:
    return ACTIONS_BY_STATUS.get(interest["status"], ())


def centre_names(call: Callable[..., Any], centres: Any, centre_ids: Iterable[str]) -> dict[str, str]:
    """Each centre's name, as the public centres' directory shows it to every key (nothing more is taken from the
    record); a centre the service does not answer for is left out, and the page shows its id instead."""
    names: dict[str, str] = {}
    for centre_id in list(dict.fromkeys(centre_ids))[:MAX_NAMED_CENTRES]:
        try:
            names[centre_id] = str(call(centres.get_centre, centre_id)["name"])
        except Exception:
            continue
    return names
