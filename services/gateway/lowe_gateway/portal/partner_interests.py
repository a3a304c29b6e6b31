"""What a partner's pages tell of the centres: how many each opportunity reached, counts of the interest they
expressed for the dashboard, the decisions each interest still allows (the partners service's rules, so no button
offers what it would refuse), the centres' names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from nameko.exceptions import RemoteError

from lowe_backbone.errors import ServiceError
from lowe_backbone.logs import get_logger

log = get_logger(__name__)
PENDING, WAITLISTED, ACCEPTED = "pending", "waitlisted", "accepted"
ACTIONS_BY_STATUS: dict[str, tuple[str, ...]] = {
    PENDING: ("accept", "decline"),
    WAITLISTED: ("decline",),
    ACCEPTED: ("release",),
}
MAX_NAMED_CENTRES = 200
IDS_PER_CALL = 100  # the services' bound on a batch read


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


def matched_centres(call: Callable[..., Any], centres: Any, opportunity_ids: list[str]) -> dict[str, int]:
    """How many centres each opportunity reached, asked in one call for ids the caller checked are the partner's
    own; empty when the centres service does not answer (the page shows "—" then)."""
    if not opportunity_ids:
        return {}
    try:
        return dict(call(centres.count_matched_centres, opportunity_ids[:IDS_PER_CALL]))
    except (ServiceError, RemoteError) as exc:
        log.warning("portal_matched_centres_unavailable", error=type(exc).__name__)
        return {}


def centre_names(call: Callable[..., Any], centres: Any, centre_ids: Iterable[str]) -> dict[str, str]:
    """Each centre's name, as the public centres' directory shows it to every key (nothing more is taken from the
    record), asked for many at once; a centre the service does not answer for is left out, and the page shows its
    id instead."""
    wanted = list(dict.fromkeys(centre_ids))[:MAX_NAMED_CENTRES]
    names: dict[str, str] = {}
    for start in range(0, len(wanted), IDS_PER_CALL):
        try:
            names.update(call(centres.get_centre_names, wanted[start : start + IDS_PER_CALL]))
        except (ServiceError, RemoteError) as exc:  # the rest would wait as long for the same answer
            log.warning("portal_centre_names_unavailable", error=type(exc).__name__)
            break
    return names
