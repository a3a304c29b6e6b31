"""What the portal's event pages' integration tests share: the forms as a person fills them in, and a centre
signed in."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.integration.gateway_helpers import CENTRE, Network
from tests.integration.portal_helpers import Browser, make_account

LEDGER = "/api/v1/admin/deliveries"

CONSENT = {"version": "rodo-2026-01", "given": True}
NOW = datetime.now(UTC)
PAST_DAY = (NOW - timedelta(days=2)).strftime("%Y-%m-%d")
NEXT_DAY = (NOW + timedelta(days=12)).strftime("%Y-%m-%d")
PERIOD = {
    "from": (NOW - timedelta(days=40)).strftime("%Y-%m-%d"),
    "to": (NOW + timedelta(days=40)).strftime("%Y-%m-%d"),
}
EVENT_ID = re.compile(r"^/portal/events/([0-9a-f-]{36})\?created=1$")
EDITED_FROM = re.compile(r'name="edited_from" value="([^"]+)"')
FORM_TITLE = "Warsztaty z bankowości internetowej"


def centre_signed_in(network: Network, name: str, language: str = "pl") -> tuple[dict[str, Any], Network, Browser]:
    centre, as_centre = network.centre({**CENTRE, "name": name})
    email = make_account(network.databases.url("gateway"), "centre", centre["id"], language=language)
    visitor = Browser(network.url)
    assert visitor.sign_in(email).status_code == 303
    return centre, as_centre, visitor


def session(day: str, start: str = "17:00", end: str = "19:00") -> dict[str, str]:
    return {"starts_at": f"{day}T{start}", "ends_at": f"{day}T{end}"}


def an_event(as_centre: Network, **changes: Any) -> dict[str, Any]:
    body = {"title": "Cyfrowy senior", "kind": "workshop", "capacity": 1, "sessions": [session(NEXT_DAY)]}
    return as_centre.create("/api/v1/events", {**body, **changes})


def register(as_centre: Network, event: dict[str, Any], name: str, **changes: Any) -> dict[str, Any]:
    body = {"name": name, "email": f"{name.lower()}@example.pl", "consent": CONSENT, **changes}
    return as_centre.create(f"/api/v1/events/{event['id']}/registrations", body)


def event_form(**changes: str) -> dict[str, str]:
    return {
        "title": "Warsztaty z bankowości internetowej",
        "kind": "workshop",
        "capacity": "12",
        "session_date_0": NEXT_DAY,
        "session_start_0": "17:00",
        "session_end_0": "19:00",
        "location_kind": "centre",
        "languages": "pl",
        "target_groups": "seniors",
        **changes,
    }


def registration_form(name: str, **changes: str) -> dict[str, str]:
    return {
        "name": name,
        "email": f"{name.lower()}@example.pl",
        "language": "pl",
        "consent_version": "rodo-2026-01",
        "consent_given": "yes",
        **changes,
    }
