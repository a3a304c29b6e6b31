"""The events routes through the gateway: JSON, CSV and iCalendar answers, errors in the one shape, and only the
organising centre reaching its participants."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar

from tests.integration.gateway_helpers import CENTRE, PARTNER, Network, assert_error, opportunity_for
from tests.support import wait_for

CONSENT = {"version": "rodo-2026-01", "given": True}
NOW = datetime.now(UTC)
PAST_DAY = (NOW - timedelta(days=2)).strftime("%Y-%m-%d")
NEXT_DAY = (NOW + timedelta(days=12)).strftime("%Y-%m-%d")


def session(day: str, start: str = "17:00", end: str = "19:00") -> dict[str, str]:
    return {"starts_at": f"{day}T{start}", "ends_at": f"{day}T{end}"}


def an_event(network: Network, centre_id: str, **changes: Any) -> dict[str, Any]:
    body = {"title": "Cyfrowy senior", "kind": "workshop", "capacity": 2, "sessions": [session(NEXT_DAY)]}
    return network.create(f"/api/v1/centres/{centre_id}/events", {**body, **changes})


def registration(network: Network, path: str, number: int, **changes: Any) -> dict[str, Any]:
    body = {"name": f"Osoba {number}", "email": f"osoba{number}@example.pl", "consent": CONSENT, **changes}
    return network.create(f"{path}/registrations", body)


def test_an_event_with_registrations_attendance_reports_and_calendars(network: Network) -> None:
    centre = network.create("/api/v1/centres", CENTRE)["id"]
    event = an_event(network, centre, sessions=[session(PAST_DAY), session(NEXT_DAY)])
    path = f"/api/v1/centres/{centre}/events/{event['id']}"
    demographics = {"consent": CONSENT, "age_band": "65-74", "gender": "female", "target_groups": ["seniors"]}
    first = registration(network, path, 1, demographics=demographics)
    second = registration(network, path, 2)
    third = registration(network, path, 3)
    assert [(r["status"], r["position"]) for r in (first, second, third)] == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
    ]

    attendance = [
        {"registration_id": first["id"], "present": True},
        {"registration_id": second["id"], "present": False},
    ]
    past = event["sessions"][0]["id"]
    marked = network.call("PUT", f"{path}/sessions/{past}/attendance", json={"attendance": attendance})
    assert marked.status_code == 200, marked.text
    cancelled = network.post(f"{path}/registrations/{second['id']}/cancel")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")

    listed = network.get(f"{path}/registrations").json()["items"]
    assert [(i["name"], i["status"], i["hours"]) for i in listed] == [
        ("Osoba 1", "confirmed", 2.0),
        ("Osoba 2", "cancelled", 0.0),
        ("Osoba 3", "confirmed", 0.0),
    ]
    assert network.get(path).json()["confirmed"] == 2

    report = network.get(f"/api/v1/centres/{centre}/reports", params={"from": PAST_DAY, "to": NEXT_DAY})
    figures = report.json()
    assert (report.status_code, figures["events"], figures["sessions"], figures["participants"]) == (200, 1, 2, 2)
    assert (figures["participant_hours"], figures["attendance"]["rate"]) == (2.0, 0.5)
    assert figures["breakdowns"]["age_band"]["65-74"] == {"participants": 1, "participant_hours": 2.0}
    as_csv = network.get(
        f"/api/v1/centres/{centre}/reports", params={"from": PAST_DAY, "to": NEXT_DAY, "format": "csv"}
    )
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    assert ["total", "", "participants", "2"] in list(csv.reader(io.StringIO(as_csv.text)))

    feed = network.get(f"/api/v1/centres/{centre}/calendar.ics")
    assert feed.headers["Content-Type"].startswith("text/calendar")
    vevents = list(Calendar.from_ical(feed.text).walk("VEVENT"))
    upcoming = event["sessions"][1:]  # the feed leaves out sessions that are over
    assert [str(v["uid"]) for v in vevents] == [f"{s['id']}@events.lowe" for s in upcoming]
    one = network.get(f"{path}/event.ics")
    assert len(list(Calendar.from_ical(one.text).walk("VEVENT"))) == 2


def test_an_event_from_an_opportunity_and_the_partners_report(network: Network) -> None:
    centre = network.create("/api/v1/centres", CENTRE)["id"]
    partner = network.verified_partner(PARTNER)["id"]
    opportunity = network.create("/api/v1/opportunities", opportunity_for(partner, places=5))["id"]
    assert network.post(f"/api/v1/opportunities/{opportunity}/publish").status_code == 200
    refused = network.post(f"/api/v1/centres/{centre}/events", json={**_body(), "opportunity_id": opportunity})
    assert_error(refused, 409, "conflict", "opportunity_id")
    interest = network.create(f"/api/v1/opportunities/{opportunity}/interests", {"centre_id": centre, "places": 2})
    assert network.post(f"/api/v1/interests/{interest['id']}/accept").status_code == 200

    wait_for(lambda: network.get(f"/api/v1/centres/{centre}/allocations").json()["items"], what="the allocation")
    event = network.create(f"/api/v1/centres/{centre}/events", {**_body(), "opportunity_id": opportunity})

    assert (event["origin"], event["partner_id"]) == ("opportunity", partner)
    report = network.get(f"/api/v1/partners/{partner}/reports", params={"from": PAST_DAY, "to": NEXT_DAY}).json()
    assert (report["partner_id"], report["events"], report["sessions"]) == (partner, 1, 1)


def _body() -> dict[str, Any]:
    return {"title": "Kurs", "kind": "course", "capacity": 5, "sessions": [session(NEXT_DAY)]}


def test_changes_cancellation_and_erasure_through_the_gateway(network: Network) -> None:
    centre = network.create("/api/v1/centres", CENTRE)["id"]
    event = an_event(network, centre, capacity=1)
    path = f"/api/v1/centres/{centre}/events/{event['id']}"
    first, second = registration(network, path, 1), registration(network, path, 2)

    too_small = network.call("PATCH", path, json={"capacity": 0})
    assert_error(too_small, 400, "invalid_input", "capacity")
    grown = network.call("PATCH", path, json={"capacity": 2, "title": "Cyfrowy senior II"})
    assert (grown.status_code, grown.json()["confirmed"], grown.json()["title"]) == (200, 2, "Cyfrowy senior II")
    assert_error(network.call("PATCH", path, json={"capacity": 1}), 409, "conflict", "capacity")

    erased = network.post(f"{path}/registrations/{first['id']}/erase")
    assert (erased.status_code, erased.json()["erased"], erased.json()["status"]) == (200, True, "cancelled")
    by_email = network.post(f"/api/v1/centres/{centre}/erasures", json={"email": "osoba2@example.pl"})
    assert by_email.json() == {"erased": [second["id"]]}

    done = network.post(f"{path}/cancel", json={"reason": "Remont sali"})
    assert (done.json()["status"], done.json()["cancel_reason"]) == ("cancelled", "Remont sali")
    assert_error(
        network.post(f"{path}/registrations", json={"name": "X", "email": "x@example.pl", "consent": CONSENT}),
        409,
        "conflict",
    )
    listed = network.get(f"/api/v1/centres/{centre}/events").json()["items"]
    assert [(item["id"], item["status"]) for item in listed] == [(event["id"], "cancelled")]


def test_another_centre_gets_404_for_every_route_of_an_event_that_is_not_its_own(network: Network) -> None:
    centre, other = network.create("/api/v1/centres", CENTRE)["id"], str(uuid.uuid4())
    event = an_event(network, centre)
    mine = registration(network, f"/api/v1/centres/{centre}/events/{event['id']}", 1)
    path = f"/api/v1/centres/{other}/events/{event['id']}"
    for method, route in [
        ("GET", path),
        ("PATCH", path),
        ("POST", f"{path}/cancel"),
        ("GET", f"{path}/registrations"),
        ("POST", f"{path}/registrations"),
        ("POST", f"{path}/registrations/{mine['id']}/cancel"),
        ("POST", f"{path}/registrations/{mine['id']}/erase"),
        ("PUT", f"{path}/sessions/{event['sessions'][0]['id']}/attendance"),
        ("GET", f"{path}/event.ics"),
    ]:
        body = {"title": "x"} if method == "PATCH" else None
        if route.endswith("/registrations") and method == "POST":
            body = {"name": "X", "email": "x@example.pl", "consent": CONSENT}
        if route.endswith("/attendance"):
            body = {"attendance": [{"registration_id": mine["id"], "present": True}]}
        response = network.call(method, route, json=body)
        assert_error(response, 404, "not_found", "event_id")


def test_bad_fields_are_named(network: Network) -> None:
    centre = network.create("/api/v1/centres", CENTRE)["id"]
    response = network.post(
        f"/api/v1/centres/{centre}/events",
        json={"title": "T", "kind": "picnic", "capacity": 1, "sessions": [session(NEXT_DAY, "19:00", "17:00")]},
    )
    error = assert_error(response, 400, "invalid_input", "kind", "sessions")
    assert error["fields"]["sessions"] == {"0": {"ends_at": ["A session must end after it starts."]}}
    event = an_event(network, centre)
    no_contact = network.post(
        f"/api/v1/centres/{centre}/events/{event['id']}/registrations", json={"name": "X", "consent": CONSENT}
    )
    assert_error(no_contact, 400, "invalid_input", "email")
    assert_error(
        network.get(f"/api/v1/centres/{centre}/reports", params={"from": "2026-01-01"}), 400, "invalid_input", "to"
    )


def test_an_event_for_a_centre_nobody_registered_is_refused(network: Network) -> None:
    body = {"title": "T", "kind": "course", "capacity": 1, "sessions": [session(NEXT_DAY)]}

    response = network.post(f"/api/v1/centres/{uuid.uuid4()}/events", json=body)

    assert_error(response, 404, "not_found", "centre_id")


def test_registering_the_same_phone_twice_is_a_conflict_naming_the_phone(network: Network) -> None:
    centre = network.create("/api/v1/centres", CENTRE)["id"]
    path = f"/api/v1/centres/{centre}/events/{an_event(network, centre)['id']}"
    registration(network, path, 1, email=None, phone="+48 600 100 200")

    again = network.post(f"{path}/registrations", json={"name": "Ktoś", "phone": "+48600100200", "consent": CONSENT})

    assert_error(again, 409, "conflict", "phone")
