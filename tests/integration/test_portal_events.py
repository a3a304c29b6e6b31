"""A centre's events pages over real HTTP, with the real services: scheduling (its own event, or one from an
opportunity whose places it holds), the list and the month calendar, registrations and the waiting list,
attendance, the participation report with its charts and CSV, and another organisation refused everywhere."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import Network, ok, opportunity_for, running_network
from tests.integration.portal_events_helpers import (
    CONSENT,
    EVENT_ID,
    NEXT_DAY,
    PAST_DAY,
    PERIOD,
    an_event,
    centre_signed_in,
    event_form,
    register,
    registration_form,
    session,
)
from tests.integration.portal_helpers import CHEAP_ARGON2, Browser, make_account
from tests.support import wait_for


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    with running_network(vhost_admin, tmp_path_factory.mktemp("portal-events"), {"gateway": CHEAP_ARGON2}) as running:
        yield running


def test_a_centre_schedules_its_own_event_and_finds_it_in_the_list_and_the_calendar(network: Network) -> None:
    centre, as_centre, visitor = centre_signed_in(network, "LOWE Pierwsze")
    assert visitor.get("/portal/events/new").status_code == 200

    created = visitor.post("/portal/events/new", event_form())

    assert created.status_code == 303, created.text
    found = EVENT_ID.match(created.headers["Location"])
    assert found, created.headers["Location"]
    event_id = found.group(1)
    event = ok(as_centre.get(f"/api/v1/events/{event_id}"))
    assert (event["title"], event["capacity"], event["target_groups"]) == (
        "Warsztaty z bankowości internetowej",
        12,
        ["seniors"],
    )
    page = visitor.get(f"/portal/events/{event_id}?created=1").text
    assert "Wydarzenie jest zaplanowane." in page and "Warsztaty" in page and "Seniorzy" in page
    listed = visitor.get("/portal/events").text
    assert f'href="/portal/events/{event_id}"' in listed
    assert f"/api/v1/centres/{centre['id']}/calendar.ics" in listed
    month = NEXT_DAY[:7]
    calendar = visitor.get(f"/portal/events?view=calendar&month={month}").text
    assert f'href="/portal/events/{event_id}"' in calendar and "17:00 Warsztaty" in calendar
    this_month = visitor.get("/portal/events?view=calendar").text
    assert 'aria-current="date"' in this_month
    ics = visitor.get("/portal/events/calendar.ics")
    assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")
    assert "Warsztaty z bankowości internetowej" in ics.text.replace("\r\n ", "")


def test_a_refused_event_shows_the_services_errors_next_to_the_fields_and_keeps_what_was_typed(
    network: Network,
) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Drugie")
    form = event_form(capacity="0", session_end_0="16:00", title="Mój kurs <b>")

    refused = visitor.post("/portal/events/new", form)

    assert refused.status_code == 400, refused.text
    assert 'id="capacity-error"' in refused.text and "Podaj liczbę od 1 do 10 000." in refused.text
    assert 'value="Mój kurs &lt;b&gt;"' in refused.text and f'value="{NEXT_DAY}"' in refused.text
    assert ok(as_centre.get("/api/v1/events"))["items"] == []
    no_session = visitor.post("/portal/events/new", event_form(session_date_0="", session_start_0="", session_end_0=""))
    assert no_session.status_code == 400 and 'id="sessions-error"' in no_session.text


def test_an_event_from_an_opportunity_whose_places_the_centre_holds(network: Network) -> None:
    centre, as_centre, visitor = centre_signed_in(network, "LOWE Trzecie")
    partner, as_partner = network.partner()
    held = as_partner.publish(opportunity_for(title="Kurs partnera z miejscami", places=5))["id"]
    not_held = as_partner.publish(opportunity_for(title="Inna oferta", places=5))["id"]
    interest = as_centre.create(f"/api/v1/centres/{centre['id']}/interests", {"opportunity_id": held, "places": 2})
    assert as_partner.post(f"/api/v1/interests/{interest['id']}/accept").status_code == 200
    wait_for(
        lambda: as_centre.get(f"/api/v1/centres/{centre['id']}/allocations").json()["items"], what="the allocation"
    )

    form_page = visitor.get("/portal/events/new").text
    assert f'<option value="{held}"' in form_page and "Kurs partnera z miejscami" in form_page
    assert not_held not in form_page
    created = visitor.post("/portal/events/new", event_form(opportunity_id=held))

    assert created.status_code == 303, created.text
    event_id = created.headers["Location"].split("/")[-1].split("?")[0]
    event = ok(as_centre.get(f"/api/v1/events/{event_id}"))
    assert (event["origin"], event["opportunity_id"], event["partner_id"]) == ("opportunity", held, partner["id"])
    refused = visitor.post("/portal/events/new", event_form(opportunity_id=not_held))
    assert refused.status_code == 409
    assert 'id="opportunity_id-error"' in refused.text and "Centrum nie ma przydzielonych miejsc" in refused.text


def test_registrations_fill_the_places_then_the_waiting_list_and_a_cancellation_promotes_the_first(
    network: Network,
) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Czwarte")
    event = an_event(as_centre, capacity=1)
    path = f"/portal/events/{event['id']}"

    for name in ("Anna", "Bogdan", "Celina"):
        answer = visitor.post(f"{path}/registrations", registration_form(name), token_from=path)
        assert answer.status_code == 303, answer.text
    page = visitor.get(answer.headers["Location"]).text

    assert "Zapisano na listę rezerwową: Celina, pozycja 2." in page
    holding, waiting = page.split("<h3>Lista rezerwowa</h3>")
    assert "Anna" in holding and "Bogdan" not in holding
    assert waiting.index("Bogdan") < waiting.index("Celina")
    anna = next(
        p for p in ok(as_centre.get(f"/api/v1/events/{event['id']}/registrations"))["items"] if p["name"] == "Anna"
    )
    cancelled = visitor.post(f"{path}/registrations/{anna['id']}/cancel", {}, token_from=path)
    assert cancelled.status_code == 303
    after = visitor.get(cancelled.headers["Location"]).text
    assert "Anulowano zapis: Anna." in after and "Miejsce zajmuje Bogdan z listy rezerwowej." in after
    statuses = {
        p["name"]: p["status"] for p in ok(as_centre.get(f"/api/v1/events/{event['id']}/registrations"))["items"]
    }
    assert statuses == {"Anna": "cancelled", "Bogdan": "confirmed", "Celina": "waitlisted"}


def test_a_registration_without_consent_or_contact_is_refused_next_to_its_fields(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Piąte")
    event = an_event(as_centre)
    path = f"/portal/events/{event['id']}"

    no_consent = visitor.post(f"{path}/registrations", registration_form("Dorota", consent_given=""), token_from=path)
    no_contact = visitor.post(f"{path}/registrations", registration_form("Dorota", email=""), token_from=path)

    assert no_consent.status_code == no_contact.status_code == 400, no_consent.text
    assert 'id="consent_given-error"' in no_consent.text
    assert "Osobę można zapisać tylko za jej zgodą." in no_consent.text and 'value="Dorota"' in no_consent.text
    assert 'id="email-error"' in no_contact.text and "Podaj adres e-mail lub numer telefonu." in no_contact.text
    assert ok(as_centre.get(f"/api/v1/events/{event['id']}/registrations"))["items"] == []


def test_attendance_is_saved_from_the_sheet_once_the_session_has_started(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Szóste")
    event = an_event(as_centre, capacity=5, sessions=[session(PAST_DAY), session(NEXT_DAY)])
    first, second = register(as_centre, event, "Ewa"), register(as_centre, event, "Felicja")
    past, coming = (s["id"] for s in event["sessions"])
    sheet = f"/portal/events/{event['id']}/sessions/{past}/attendance"
    assert 'name="present"' in visitor.get(sheet).text

    saved = visitor.post(sheet, {"present": first["id"]})

    assert saved.status_code == 303 and saved.headers["Location"] == f"{sheet}?saved=1"
    marks = {
        p["name"]: p["attendance"] for p in ok(as_centre.get(f"/api/v1/events/{event['id']}/registrations"))["items"]
    }
    assert [m["present"] for m in marks["Ewa"]] == [True] and [m["present"] for m in marks["Felicja"]] == [False]
    again = visitor.get(f"{sheet}?saved=1").text
    assert f'value="{first["id"]}" checked' in again and f'value="{second["id"]}">' in again
    too_early = visitor.post(f"/portal/events/{event['id']}/sessions/{coming}/attendance", {"present": first["id"]})
    assert too_early.status_code == 409 and "Obecność można zapisać dopiero po rozpoczęciu zajęć." in too_early.text


def test_the_report_draws_charts_with_tables_and_the_csv_has_the_same_figures(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Siódme")
    event = an_event(as_centre, capacity=5, sessions=[session(PAST_DAY)])
    demographics = {"consent": CONSENT, "target_groups": ["seniors"]}
    senior = register(as_centre, event, "Genowefa", demographics=demographics)
    marks = {"attendance": [{"registration_id": senior["id"], "present": True}]}
    assert (
        as_centre.put(
            f"/api/v1/events/{event['id']}/sessions/{event['sessions'][0]['id']}/attendance", json=marks
        ).status_code
        == 200
    )

    report = visitor.get("/portal/reports", params=PERIOD)

    assert report.status_code == 200, report.text
    assert report.text.count("<svg") == 2 and "<script" not in report.text
    assert re.search(r'<th scope="row">Seniorzy</th><td>1</td><td>2</td>', report.text)
    assert "Osobogodziny w miesiącach" in report.text
    download = visitor.get("/portal/reports.csv", params=PERIOD)
    assert download.status_code == 200 and download.headers["Content-Type"].startswith("text/csv")
    assert download.headers["Content-Disposition"].startswith('attachment; filename="lowe-report-')
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert ["total", "", "", "1", "2"] in rows
    assert ["target_group", "seniors", "Seniorzy", "1", "2"] in rows
    month_rows = [row for row in rows if row[0] == "month"]
    assert sum(float(row[4].replace(",", ".")) for row in month_rows) == 2.0
    wrong = visitor.get("/portal/reports", params={"from": PERIOD["to"], "to": PERIOD["from"]})
    assert wrong.status_code == 400 and 'id="to-error"' in wrong.text


def test_another_centre_gets_not_found_for_every_page_of_an_event_that_is_not_its_own(network: Network) -> None:
    _, as_owner, _ = centre_signed_in(network, "LOWE Właściciel")
    event = an_event(as_owner, capacity=5, sessions=[session(PAST_DAY)])
    mine = register(as_owner, event, "Halina", demographics={"consent": CONSENT, "target_groups": ["migrants"]})
    _, _, stranger = centre_signed_in(network, "LOWE Obce", language="en")
    path = f"/portal/events/{event['id']}"
    sheet = f"{path}/sessions/{event['sessions'][0]['id']}/attendance"
    own_page = "/portal/events/new"

    for route in (path, sheet, f"{path}/event.ics"):
        assert stranger.get(route).status_code == 404, route
    for route, form in (
        (f"{path}/registrations", registration_form("Intruz")),
        (f"{path}/registrations/{mine['id']}/cancel", {}),
        (sheet, {"present": mine["id"]}),
    ):
        assert stranger.post(route, form, token_from=own_page).status_code == 404, route

    listed = ok(as_owner.get(f"/api/v1/events/{event['id']}/registrations"))["items"]
    assert [(p["name"], p["status"], p["attendance"]) for p in listed] == [("Halina", "confirmed", [])]
    assert "No events yet." in stranger.get("/portal/events").text
    assert '<th scope="row">Migrants</th><td>0</td>' in stranger.get("/portal/reports", params=PERIOD).text
    partner, _ = network.partner()
    partner_visitor = Browser(network.url)
    partner_visitor.sign_in(make_account(network.databases.url("gateway"), "partner", partner["id"]))
    assert partner_visitor.get("/portal/events").status_code == 403
    assert partner_visitor.get("/portal/reports").status_code == 403
