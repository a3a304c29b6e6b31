"""A body every body-taking gateway route accepts, found by introspection so that a new route cannot be missed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.integration.gateway_routes import Route, gateway_routes

SAMPLE = "2b1f5a70-9c4e-4d1a-8f3b-6e2d7c9a0b14"
CONSENT = {"version": "rodo-2026-01", "given": True}
SESSION = {"starts_at": "2031-05-04T17:00", "ends_at": "2031-05-04T19:00"}
EVENT = {"title": "Cyfrowy senior", "kind": "workshop", "capacity": 5, "sessions": [SESSION]}
EVENT_AT = {**EVENT, "location": {"kind": "centre"}}
OPPORTUNITY = {
    "kind": "course",
    "title": "Komputer bez tajemnic",
    "description": "Kurs dla seniorów",
    "topics": ["digital_skills"],
    "regions": ["26"],
    "contact": {"name": "Jan Kowalski", "email": "jan@example.pl"},
}
PARTNER = {"name": "Fundacja", "sector": "public", "email": "f@example.pl", "voivodeship": "26"}
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn"}
REGISTRATION = {"name": "Osoba", "email": "o@example.pl", "consent": CONSENT, "demographics": {"consent": CONSENT}}

# "METHOD url": a body the route's contract accepts, and the nested objects in it that an extra field can hide in
# (a path of keys and list indexes; [] is the body itself)
BODIES: dict[str, tuple[dict[str, Any], list[list[str | int]]]] = {
    "POST /api/v1/partners": (PARTNER, [[]]),
    "PATCH /api/v1/partners/<uuid:partner_id>": (PARTNER, [[]]),
    "POST /api/v1/partners/<uuid:partner_id>/suspend": ({"reason": "Nieaktualne dane"}, [[]]),
    "POST /api/v1/opportunities": (OPPORTUNITY, [[], ["contact"]]),
    "PATCH /api/v1/opportunities/<uuid:opportunity_id>": (OPPORTUNITY, [[], ["contact"]]),
    "POST /api/v1/interests/<uuid:interest_id>/release": ({"places": 1}, [[]]),
    "POST /api/v1/centres": (CENTRE, [[]]),
    "PATCH /api/v1/centres/<uuid:centre_id>": (CENTRE, [[]]),
    "POST /api/v1/centres/<uuid:centre_id>/subscriptions": ({"name": "Cyfrowe", "kinds": ["course"]}, [[]]),
    "PATCH /api/v1/centres/<uuid:centre_id>/subscriptions/<uuid:subscription_id>": ({"name": "Cyfrowe"}, [[]]),
    "PATCH /api/v1/centres/<uuid:centre_id>/feed/<uuid:entry_id>": ({"state": "dismissed"}, [[]]),
    "POST /api/v1/centres/<uuid:centre_id>/interests": ({"opportunity_id": SAMPLE, "places": 1}, [[]]),
    "POST /api/v1/events": (EVENT_AT, [[], ["sessions", 0], ["location"]]),
    "PATCH /api/v1/events/<uuid:event_id>": (EVENT_AT, [[], ["sessions", 0], ["location"]]),
    "POST /api/v1/events/<uuid:event_id>/cancel": ({"reason": "Choroba prowadzącego"}, [[]]),
    "POST /api/v1/events/<uuid:event_id>/registrations": (
        REGISTRATION,
        [[], ["consent"], ["demographics"], ["demographics", "consent"]],
    ),
    "PUT /api/v1/events/<uuid:event_id>/sessions/<uuid:session_id>/attendance": (
        {"attendance": [{"registration_id": SAMPLE, "present": True}]},
        [[], ["attendance", 0]],
    ),
    "POST /api/v1/participants/erasure": ({"email": "o@example.pl"}, [[]]),
    "POST /api/v1/webhooks": ({"url": "https://example.pl/lowe-hooks"}, [[]]),
    "PUT /api/v1/notification-preferences": (
        {"language": "pl", "types": {"partner_verified": {"channels": ["in_app"]}}},
        [[], ["types", "partner_verified"]],
    ),
    "POST /api/v1/keys": ({"label": "integracja"}, [[]]),
}


BodyRoute = Route


def body_routes() -> Iterator[BodyRoute]:
    """Every route whose contract declares a JSON body (POST, PUT and PATCH alike)."""
    return (route for route in gateway_routes() if route.contract.body is not None)


def with_extra(body: Any, where: list[str | int], extras: dict[str, Any]) -> Any:
    """A copy of `body` whose object at `where` also holds `extras`."""
    if not where:
        return {**body, **extras}
    head, rest = where[0], where[1:]
    if isinstance(body, list):
        return [with_extra(item, rest, extras) if index == head else item for index, item in enumerate(body)]
    return {**body, str(head): with_extra(body[str(head)], rest, extras)}
