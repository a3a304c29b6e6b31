"""The events routes through the gateway: JSON, CSV and iCalendar answers, errors in the one shape, and only the
organising centre (its key, or an operator's) reaching its events and participants. The centre is always the key's:
`/api/v1/events`, `/api/v1/participants/erasure` and `/api/v1/reports/participation` name no centre in the path."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from tests.integration.gateway_helpers import (
    CENTRE,
    PARTNER,
    UNKNOWN_ID,
    Network,
    assert_error,
    key_in_database,
    nothing_written,
    ok,
    opportunity_for,
    rows_written,
)
from tests.support import wait_for

CONSENT = {"version": "rodo-2026-01", "given": True}
NOW = datetime.now(UTC)
PAST_DAY = (NOW - timedelta(days=2)).strftime("%Y-%m-%d")
NEXT_DAY = (NOW + timedelta(days=12)).strftime("%Y-%m-%d")
PERIOD = {"from": PAST_DAY, "to": NEXT_DAY}


def session(day: str, start: str = "17:00", end: str = "19:00") -> dict[str, str]:
    return {"starts_at": f"{day}T{start}", "ends_at": f"{day}T{end}"}


def an_event(as_centre: Network, **changes: Any) -> dict[str, Any]:
    """An event of the centre whose key `as_centre` carries."""
    body = {"title": "Cyfrowy senior", "kind": "workshop", "capacity": 2, "sessions": [session(NEXT_DAY)]}
    return as_centre.create("/api/v1/events", {**body, **changes})


def registration(as_centre: Network, path: str, number: int, **changes: Any) -> dict[str, Any]:
    body = {"name": f"Osoba {number}", "email": f"osoba{number}@example.pl", "consent": CONSENT, **changes}
    return as_centre.create(f"{path}/registrations", body)


def report(caller: Network, status: int = 200, **params: Any) -> Any:
    return ok(caller.get("/api/v1/reports/participation", params={**PERIOD, **params}), status)


def test_an_event_with_registrations_attendance_reports_and_calendars(network: Network) -> None:
    centre, as_centre = network.centre()
    event = an_event(as_centre, sessions=[session(PAST_DAY), session(NEXT_DAY)])
    assert event["centre_id"] == centre["id"]
    path = f"/api/v1/events/{event['id']}"
    demographics = {"consent": CONSENT, "age_band": "65-74", "gender": "female", "target_groups": ["seniors"]}
    first = registration(as_centre, path, 1, demographics=demographics)
    second = registration(as_centre, path, 2)
    third = registration(as_centre, path, 3)
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
    marked = as_centre.put(f"{path}/sessions/{past}/attendance", json={"attendance": attendance})
    assert marked.status_code == 200, marked.text
    cancelled = as_centre.delete(f"{path}/registrations/{second['id']}")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")

    listed = as_centre.get(f"{path}/registrations").json()["items"]
    assert [(i["name"], i["status"], i["hours"]) for i in listed] == [
        ("Osoba 1", "confirmed", 2.0),
        ("Osoba 2", "cancelled", 0.0),
        ("Osoba 3", "confirmed", 0.0),
    ]
    assert network.get(f"{path}/registrations").json()["items"] == listed  # an operator reads them too
    assert as_centre.get(path).json()["confirmed"] == 2

    figures = report(as_centre)  # a centre's key: its own figures
    assert (figures["centre_id"], figures["events"], figures["sessions"], figures["participants"]) == (
        centre["id"],
        1,
        2,
        2,
    )
    assert (figures["participant_hours"], figures["attendance"]["rate"]) == (2.0, 0.5)
    assert figures["breakdowns"]["age_band"]["65-74"] == {"participants": 1, "participant_hours": 2.0}
    assert report(network, centre_id=centre["id"]) == figures  # an operator asks for that centre
    as_csv = as_centre.get("/api/v1/reports/participation", params={**PERIOD, "format": "csv"})
    assert as_csv.status_code == 200, as_csv.text
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    assert as_csv.headers["Content-Disposition"] == f'attachment; filename="participation-{centre["id"]}.csv"'
    assert ["total", "", "participants", "2"] in list(csv.reader(io.StringIO(as_csv.text)))

    feed = as_centre.get(f"/api/v1/centres/{centre['id']}/calendar.ics")
    assert feed.headers["Content-Type"].startswith("text/calendar")
    vevents = list(Calendar.from_ical(feed.text).walk("VEVENT"))
    upcoming = event["sessions"][1:]  # the feed leaves out sessions that are over
    assert [str(v["uid"]) for v in vevents] == [f"{s['id']}@events.lowe" for s in upcoming]
    one = as_centre.get(f"{path}/event.ics")
    assert one.headers["Content-Type"].startswith("text/calendar")
    assert len(list(Calendar.from_ical(one.text).walk("VEVENT"))) == 2


def test_an_event_from_an_opportunity_and_the_partners_report(network: Network) -> None:
    centre, as_centre = network.centre()
    partner, as_partner = network.partner()
    opportunity = as_partner.publish(opportunity_for(places=5))["id"]
    refused = as_centre.post("/api/v1/events", json={**_body(), "opportunity_id": opportunity})
    assert_error(refused, 409, "conflict", "opportunity_id")
    interest = as_centre.create(
        f"/api/v1/centres/{centre['id']}/interests", {"opportunity_id": opportunity, "places": 2}
    )
    assert as_partner.post(f"/api/v1/interests/{interest['id']}/accept").status_code == 200

    wait_for(
        lambda: as_centre.get(f"/api/v1/centres/{centre['id']}/allocations").json()["items"], what="the allocation"
    )
    event = an_event(as_centre, **{**_body(), "opportunity_id": opportunity})

    assert (event["origin"], event["partner_id"]) == ("opportunity", partner["id"])
    figures = report(as_partner)  # a partner's key: its own opportunities' events
    assert (figures["partner_id"], figures["events"], figures["sessions"]) == (partner["id"], 1, 1)
    assert report(as_partner, partner_id=partner["id"]) == figures
    assert report(network, partner_id=partner["id"]) == figures


def _body() -> dict[str, Any]:
    return {"title": "Kurs", "kind": "course", "capacity": 5, "sessions": [session(NEXT_DAY)]}


def test_changes_cancellation_and_erasure_through_the_gateway(network: Network) -> None:
    _, as_centre = network.centre()
    event = an_event(as_centre, capacity=1)
    path = f"/api/v1/events/{event['id']}"
    first, second = registration(as_centre, path, 1), registration(as_centre, path, 2)

    too_small = as_centre.patch(path, json={"capacity": 0})
    assert_error(too_small, 400, "invalid_input", "capacity")
    grown = as_centre.patch(path, json={"capacity": 2, "title": "Cyfrowy senior II"})
    assert (grown.status_code, grown.json()["confirmed"], grown.json()["title"]) == (200, 2, "Cyfrowy senior II")
    assert_error(as_centre.patch(path, json={"capacity": 1}), 409, "conflict", "capacity")

    erased = as_centre.post("/api/v1/participants/erasure", json={"registration_id": first["id"]})
    assert (erased.status_code, erased.json()) == (200, {"erased": [first["id"]]})
    by_email = as_centre.post("/api/v1/participants/erasure", json={"email": "osoba2@example.pl"})
    assert (by_email.status_code, by_email.json()) == (200, {"erased": [second["id"]]})
    listed = {item["id"]: item for item in as_centre.get(f"{path}/registrations").json()["items"]}
    assert (listed[first["id"]]["erased"], listed[first["id"]]["status"], listed[first["id"]]["name"]) == (
        True,
        "cancelled",
        None,
    )
    assert (listed[second["id"]]["erased"], listed[second["id"]]["email"]) == (True, None)

    done = as_centre.post(f"{path}/cancel", json={"reason": "Remont sali"})
    assert (done.json()["status"], done.json()["cancel_reason"]) == ("cancelled", "Remont sali")
    assert_error(
        as_centre.post(f"{path}/registrations", json={"name": "X", "email": "x@example.pl", "consent": CONSENT}),
        409,
        "conflict",
    )
    listed_events = as_centre.get("/api/v1/events").json()["items"]
    assert [(item["id"], item["status"]) for item in listed_events] == [(event["id"], "cancelled")]


def test_another_centre_gets_404_for_every_route_of_an_event_that_is_not_its_own(network: Network) -> None:
    _, as_centre = network.centre()
    _, as_other = network.centre({**CENTRE, "name": "LOWE Inny"})
    event = an_event(as_centre)
    path = f"/api/v1/events/{event['id']}"
    mine = registration(as_centre, path, 1)
    for method, route in [
        ("GET", path),
        ("PATCH", path),
        ("POST", f"{path}/cancel"),
        ("GET", f"{path}/registrations"),
        ("POST", f"{path}/registrations"),
        ("DELETE", f"{path}/registrations/{mine['id']}"),
        ("PUT", f"{path}/sessions/{event['sessions'][0]['id']}/attendance"),
        ("GET", f"{path}/event.ics"),
    ]:
        body = {"title": "x"} if method == "PATCH" else None
        if route.endswith("/registrations") and method == "POST":
            body = {"name": "X", "email": "x@example.pl", "consent": CONSENT}
        if route.endswith("/attendance"):
            body = {"attendance": [{"registration_id": mine["id"], "present": True}]}
        with nothing_written(network):
            response = as_other.call(method, route, json=body)
        assert assert_error(response, 404, "not_found", "event_id")["fields"]["event_id"] == event["id"], route

    with nothing_written(network):
        erasure = as_other.post("/api/v1/participants/erasure", json={"registration_id": mine["id"]})
        by_email = as_other.post("/api/v1/participants/erasure", json={"email": "osoba1@example.pl"})
    assert_error(erasure, 404, "not_found", "registration_id")
    assert (by_email.status_code, by_email.json()) == (200, {"erased": []})  # its own people only
    assert as_centre.get(f"{path}/registrations").json()["items"][0]["name"] == "Osoba 1"


def test_bad_fields_are_named(network: Network) -> None:
    _, as_centre = network.centre()
    picnic = as_centre.post(
        "/api/v1/events", json={"title": "T", "kind": "picnic", "capacity": 1, "sessions": [session(NEXT_DAY)]}
    )
    assert_error(picnic, 400, "invalid_input", "kind")  # the gateway's contract refuses it before any service
    backwards = as_centre.post(
        "/api/v1/events",
        json={"title": "T", "kind": "course", "capacity": 1, "sessions": [session(NEXT_DAY, "19:00", "17:00")]},
    )
    error = assert_error(backwards, 400, "invalid_input", "sessions")  # the events service's rule
    assert error["fields"]["sessions"] == {"0": {"ends_at": ["A session must end after it starts."]}}
    event = an_event(as_centre)
    no_contact = as_centre.post(f"/api/v1/events/{event['id']}/registrations", json={"name": "X", "consent": CONSENT})
    assert_error(no_contact, 400, "invalid_input", "email")
    assert_error(
        as_centre.get("/api/v1/reports/participation", params={"from": "2026-01-01"}), 400, "invalid_input", "to"
    )
    centre_in_body = as_centre.post("/api/v1/events", json={**_body(), "centre_id": str(uuid.uuid4())})
    assert_error(centre_in_body, 400, "invalid_input", "centre_id")  # the centre is the key's


def test_an_event_for_a_centre_nobody_registered_is_refused(network: Network) -> None:
    """A key made with `lowe keys create --centre` for an organisation the centres service does not know (the API
    refuses to make one)."""
    nobody = str(uuid.uuid4())
    refused = network.post("/api/v1/keys", json={"role": "centre", "organisation_id": nobody})
    assert_error(refused, 400, "invalid_input", "organisation_id")
    key = key_in_database(network.databases.url("gateway"), "centre", nobody)

    with rows_written(network) as written:
        response = network.post("/api/v1/events", key=key, json=_body())

    assert assert_error(response, 404, "not_found", "centre_id")["fields"]["centre_id"] == nobody
    assert written == {}


def test_only_a_centres_key_schedules_an_event(network: Network) -> None:
    _, as_partner = network.partner()
    with nothing_written(network):
        assert_error(network.post("/api/v1/events", json=_body()), 403, "forbidden")
        assert_error(as_partner.post("/api/v1/events", json=_body()), 403, "forbidden")


def test_registering_the_same_phone_twice_is_a_conflict_naming_the_phone(network: Network) -> None:
    _, as_centre = network.centre()
    path = f"/api/v1/events/{an_event(as_centre)['id']}"
    registration(as_centre, path, 1, email=None, phone="+48 600 100 200")

    again = as_centre.post(f"{path}/registrations", json={"name": "Ktoś", "phone": "+48600100200", "consent": CONSENT})

    assert_error(again, 409, "conflict", "phone")


# --- GET /api/v1/events ------------------------------------------------------------------------------------------


def test_a_centre_lists_its_own_events_page_by_page_and_an_operator_everyones(network: Network) -> None:
    _, as_centre = network.centre({**CENTRE, "name": "LOWE Lista"})
    _, as_other = network.centre({**CENTRE, "name": "LOWE Lista Druga"})
    mine = [an_event(as_centre, title=f"Wydarzenie {number}") for number in range(3)]
    theirs = an_event(as_other, title="Cudze")

    everything = ok(as_centre.get("/api/v1/events"))
    assert {item["id"] for item in everything["items"]} == {event["id"] for event in mine}
    assert everything["next_cursor"] is None
    first = ok(as_centre.get("/api/v1/events", params={"page_size": 2}))
    second = ok(as_centre.get("/api/v1/events", params={"page_size": 2, "cursor": first["next_cursor"]}))
    assert len(first["items"]) == 2 and second["next_cursor"] is None
    assert [item["id"] for item in first["items"] + second["items"]] == [item["id"] for item in everything["items"]]
    assert [item["id"] for item in ok(as_other.get("/api/v1/events"))["items"]] == [theirs["id"]]

    seen: list[str] = []
    page = ok(network.get("/api/v1/events", params={"page_size": 100}))
    while True:
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        page = ok(network.get("/api/v1/events", params={"page_size": 100, "cursor": page["next_cursor"]}))
    assert {event["id"] for event in [*mine, theirs]} <= set(seen)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"cursor": "nonsense"}, "cursor"),
        ({"limit": "5"}, "limit"),
        ({"centre_id": UNKNOWN_ID}, "centre_id"),
    ],
)
def test_a_bad_event_list_parameter_is_a_400_naming_it(network: Network, params: dict[str, str], named: str) -> None:
    _, as_centre = network.centre()
    an_event(as_centre)
    assert_error(as_centre.get("/api/v1/events", params=params), 400, "invalid_input", named)


def test_a_partners_key_lists_no_events(network: Network) -> None:
    _, as_partner = network.partner()
    assert_error(as_partner.get("/api/v1/events"), 403, "forbidden")


# --- POST /api/v1/participants/erasure --------------------------------------------------------------------------


def test_a_person_is_erased_by_email_phone_or_registration_at_the_centre_and_by_an_operator_everywhere(
    network: Network,
) -> None:
    _, as_centre = network.centre({**CENTRE, "name": "LOWE Erasure"})
    _, as_other = network.centre({**CENTRE, "name": "LOWE Erasure Druga"})
    here = f"/api/v1/events/{an_event(as_centre, capacity=10)['id']}"
    there = f"/api/v1/events/{an_event(as_other, capacity=10)['id']}"
    by_phone = registration(as_centre, here, 1, email=None, phone="+48 600 700 800")
    by_id = registration(as_centre, here, 2)
    local = registration(as_centre, here, 3, email="wszedzie@example.pl")
    elsewhere = registration(as_other, there, 4, email="wszedzie@example.pl")

    def erase(caller: Network, body: dict[str, Any]) -> list[str]:
        erased: list[str] = ok(caller.post("/api/v1/participants/erasure", json=body))["erased"]
        return erased

    assert erase(as_centre, {"phone": "+48600700800"}) == [by_phone["id"]]
    assert erase(as_centre, {"registration_id": by_id["id"]}) == [by_id["id"]]
    assert erase(as_centre, {"email": "wszedzie@example.pl"}) == [local["id"]]  # the centre's own people only
    assert ok(as_other.get(f"{there}/registrations"))["items"][0]["email"] == "wszedzie@example.pl"
    assert erase(network, {"email": "wszedzie@example.pl"}) == [elsewhere["id"]]  # an operator: everywhere
    assert erase(network, {"email": "wszedzie@example.pl"}) == []
    people = ok(as_centre.get(f"{here}/registrations"))["items"] + ok(as_other.get(f"{there}/registrations"))["items"]
    assert [(item["erased"], item["name"], item["email"], item["phone"]) for item in people] == [
        (True, None, None, None)
    ] * 4


def test_an_erasure_names_exactly_one_person(network: Network) -> None:
    _, as_centre = network.centre()
    with nothing_written(network):
        nobody = as_centre.post("/api/v1/participants/erasure", json={})
        two = as_centre.post("/api/v1/participants/erasure", json={"email": "a@example.pl", "phone": "+48600700800"})
    for response in (nobody, two):
        error = assert_error(response, 400, "invalid_input")
        assert error["fields"] and set(error["fields"]) <= {"_body", "email", "phone", "registration_id"}, error


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"email": "nie-email"}, "email"),
        ({"phone": "zadzwoń"}, "phone"),
        ({"registration_id": "42"}, "registration_id"),
        ({"name": "Osoba 1"}, "name"),
    ],
)
def test_a_bad_erasure_request_is_a_400(network: Network, body: dict[str, Any], named: str) -> None:
    _, as_centre = network.centre()
    with nothing_written(network):
        response = as_centre.post("/api/v1/participants/erasure", json=body)
    assert_error(response, 400, "invalid_input", named)


def test_an_unknown_registration_is_not_erased_and_a_partner_erases_nobody(network: Network) -> None:
    _, as_centre = network.centre()
    _, as_partner = network.partner()
    with nothing_written(network):
        unknown = as_centre.post("/api/v1/participants/erasure", json={"registration_id": UNKNOWN_ID})
        by_partner = as_partner.post("/api/v1/participants/erasure", json={"email": "osoba1@example.pl"})
    assert assert_error(unknown, 404, "not_found", "registration_id")["fields"]["registration_id"] == UNKNOWN_ID
    assert_error(by_partner, 403, "forbidden")


# --- GET /api/v1/reports/participation ---------------------------------------------------------------------------


def test_reports_are_scoped_to_the_callers_organisation(network: Network) -> None:
    centre, as_centre = network.centre({**CENTRE, "name": "LOWE Raport"})
    other, as_other = network.centre({**CENTRE, "name": "LOWE Raport Drugi"})
    partner, as_partner = network.partner({**PARTNER, "name": "Fundacja Raport", "email": "raport@example.pl"})
    rival, _ = network.partner({**PARTNER, "name": "Fundacja Inna", "email": "inna@example.pl"})
    for as_org, people in ((as_centre, 2), (as_other, 1)):
        path = f"/api/v1/events/{an_event(as_org, capacity=5)['id']}"
        for number in range(people):
            registration(as_org, path, number)

    own = report(as_centre)
    assert (own["centre_id"], own["partner_id"], own["events"], own["participants"]) == (centre["id"], None, 1, 2)
    assert report(as_centre, centre_id=centre["id"]) == own
    assert report(as_other)["participants"] == 1
    assert report(network, centre_id=other["id"])["participants"] == 1
    network_wide = report(network)
    assert (network_wide["centre_id"], network_wide["partner_id"]) == (None, None)
    assert network_wide["participants"] >= 3 and network_wide["events"] >= 2

    mine = report(as_partner)  # no events came from its opportunities
    assert (mine["partner_id"], mine["centre_id"], mine["events"], mine["participants"]) == (partner["id"], None, 0, 0)

    # another organisation's figures: refused
    with nothing_written(network):
        for caller, params, named in (
            (as_centre, {"centre_id": other["id"]}, "centre_id"),
            (as_partner, {"partner_id": rival["id"]}, "partner_id"),
        ):
            response = caller.get("/api/v1/reports/participation", params={**PERIOD, **params})
            assert_error(response, 403, "forbidden", named)
    # the other side of its own figures narrows them, within the caller's own organisation
    narrowed = report(as_centre, partner_id=partner["id"])
    assert (narrowed["centre_id"], narrowed["partner_id"], narrowed["events"]) == (centre["id"], partner["id"], 0)
    narrowed = report(as_partner, centre_id=centre["id"])
    assert (narrowed["centre_id"], narrowed["partner_id"], narrowed["events"]) == (centre["id"], partner["id"], 0)


def test_a_csv_report_for_each_role(network: Network) -> None:
    centre, as_centre = network.centre({**CENTRE, "name": "LOWE CSV"})
    partner, as_partner = network.partner({**PARTNER, "name": "Fundacja CSV", "email": "csv@example.pl"})
    path = f"/api/v1/events/{an_event(as_centre)['id']}"
    registration(as_centre, path, 1)

    for caller, filename in (
        (as_centre, f"participation-{centre['id']}"),
        (as_partner, f"participation-{partner['id']}"),
        (network, "participation-network"),
    ):
        response = caller.get("/api/v1/reports/participation", params={**PERIOD, "format": "csv"})
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}.csv"'
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows and all(len(row) == len(rows[0]) for row in rows)
    centre_rows = list(
        csv.reader(io.StringIO(as_centre.get("/api/v1/reports/participation", params={**PERIOD, "format": "csv"}).text))
    )
    assert ["total", "", "participants", "1"] in centre_rows
    partner_rows = list(
        csv.reader(
            io.StringIO(as_partner.get("/api/v1/reports/participation", params={**PERIOD, "format": "csv"}).text)
        )
    )
    assert ["total", "", "participants", "0"] in partner_rows


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"from": PAST_DAY}, "to"),
        ({"to": NEXT_DAY}, "from"),
        ({**PERIOD, "format": "xlsx"}, "format"),
        ({**PERIOD, "centre_id": "LOWE"}, "centre_id"),
        ({"from": "yesterday", "to": NEXT_DAY}, "from"),
    ],
)
def test_a_bad_report_parameter_is_a_400_naming_it(network: Network, params: dict[str, str], named: str) -> None:
    assert_error(network.get("/api/v1/reports/participation", params=params), 400, "invalid_input", named)
