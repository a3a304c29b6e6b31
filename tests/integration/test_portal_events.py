"""A centre's events pages over real HTTP, with the real services: scheduling (its own event, or one from an
opportunity whose places it holds), the list and the month calendar, registrations and the waiting list,
attendance, the participation report with its charts and CSV, and another organisation refused everywhere."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import CENTRE, Network, ok, opportunity_for, running_network
from tests.integration.portal_helpers import CHEAP_ARGON2, Browser, make_account
from tests.support import wait_for

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


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    with running_network(vhost_admin, tmp_path_factory.mktemp("portal-events"), {"gateway": CHEAP_ARGON2}) as running:
        yield running


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


def an_event_as_in_the_form(as_centre: Network) -> dict[str, Any]:
    """An event whose edit form is `event_form()` as it stands."""
    return an_event(as_centre, title=FORM_TITLE, capacity=12, target_groups=["seniors"])


def shown_edit_form(visitor: Browser, event_id: str, **changes: str) -> dict[str, str]:
    """The edit form as the page fills it in (with the event's last change it was shown at), then changed."""
    page = visitor.get(f"/portal/events/{event_id}/edit")
    assert page.status_code == 200, page.text
    found = EDITED_FROM.search(page.text)
    assert found, page.text
    return {**event_form(), "edited_from": found.group(1), **changes}


def told(network: Network, registration_id: str, news: str) -> list[dict[str, Any]]:
    """The notifications' deliveries of that news to the participant (in the ledger, whether sent yet or not)."""
    query = {"recipient_id": registration_id, "type": news}
    items: list[dict[str, Any]] = ok(network.get(LEDGER, params=query))["items"]
    return items


def test_a_centre_changes_its_event_and_the_event_page_and_the_list_show_the_new_values(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Ósme")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    form_page = visitor.get(f"{path}/edit").text
    assert f'value="{FORM_TITLE}"' in form_page and f'value="{NEXT_DAY}"' in form_page
    assert 'value="17:00"' in form_page and 'value="seniors" checked' in form_page
    form = shown_edit_form(visitor, event["id"], title="Bankowość dla zaawansowanych", capacity="20")

    changed = visitor.post(f"{path}/edit", {**form, "session_start_0": "16:00"})

    assert changed.status_code == 303, changed.text
    assert changed.headers["Location"] == f"{path}?done=changed"
    page = visitor.get(changed.headers["Location"]).text
    assert "Zmiany są zapisane." in page and "Bankowość dla zaawansowanych" in page
    assert "zajęte: 0 z 20, wolne: 20" in page
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["capacity"], after["target_groups"], after["kind"]) == (
        "Bankowość dla zaawansowanych",
        20,
        ["seniors"],
        "workshop",
    )
    assert [s["local_starts_at"][11:16] for s in after["sessions"]] == ["16:00"]
    assert "Bankowość dla zaawansowanych" in visitor.get("/portal/events").text
    same = shown_edit_form(visitor, event["id"], title="Bankowość dla zaawansowanych", capacity="20")
    unchanged = visitor.post(f"{path}/edit", {**same, "session_start_0": "16:00"})
    assert unchanged.headers["Location"] == f"{path}?done=unchanged"
    assert ok(as_centre.get(f"/api/v1/events/{event['id']}"))["updated_at"] == after["updated_at"]


def test_a_refused_change_is_shown_next_to_its_field_with_the_typed_values_and_changes_nothing(
    network: Network,
) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Dziewiąte")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    for name in ("Irena", "Jan"):
        register(as_centre, event, name)

    refused = visitor.post(f"{path}/edit", shown_edit_form(visitor, event["id"], capacity="0", title="Nowy tytuł"))
    below = visitor.post(f"{path}/edit", shown_edit_form(visitor, event["id"], capacity="1"))
    no_kind = visitor.post(f"{path}/edit", shown_edit_form(visitor, event["id"], kind=""))

    assert refused.status_code == 400, refused.text
    assert 'id="capacity-error"' in refused.text and "Podaj liczbę od 1 do 10 000." in refused.text
    assert 'value="Nowy tytuł"' in refused.text
    assert below.status_code == 409 and 'id="capacity-error"' in below.text
    assert "Liczba miejsc nie może być mniejsza niż liczba już potwierdzonych miejsc." in below.text
    assert no_kind.status_code == 400 and 'id="kind-error"' in no_kind.text and "To pole jest wymagane." in no_kind.text
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["capacity"], after["kind"], after["updated_at"]) == (FORM_TITLE, 12, "workshop", None)


def test_a_form_shown_before_someone_else_changed_the_event_does_not_undo_that_change(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Dziesiąte")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    stale = shown_edit_form(visitor, event["id"], capacity="30")
    ok(as_centre.patch(f"/api/v1/events/{event['id']}", json={"title": "Zmienione przez API"}))

    refused = visitor.post(f"{path}/edit", stale)

    assert refused.status_code == 409 and "Ktoś inny zmienił wydarzenie" in refused.text
    assert 'value="Zmienione przez API"' in refused.text and 'value="12"' in refused.text
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["capacity"]) == ("Zmienione przez API", 12)


def test_calling_off_an_event_after_its_confirm_step_shows_it_called_off_and_tells_its_participants(
    network: Network,
) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Jedenaste")
    event = an_event(as_centre, capacity=1)
    path = f"/portal/events/{event['id']}"
    people = [register(as_centre, event, name) for name in ("Krystyna", "Leon")]
    confirm = visitor.get(f"{path}/cancel")
    assert confirm.status_code == 200 and "Zapisani uczestnicy: 1, na liście rezerwowej: 1." in confirm.text
    assert f'action="{path}/cancel"' in confirm.text and 'name="reason"' in confirm.text

    called_off = visitor.post(f"{path}/cancel", {"reason": "Choroba prowadzącej"})

    assert called_off.status_code == 303 and called_off.headers["Location"] == f"{path}?done=called_off"
    page = visitor.get(called_off.headers["Location"]).text
    assert "To wydarzenie jest odwołane." in page and "Choroba prowadzącej" in page and "<dd>Odwołane</dd>" in page
    assert f'href="{path}/edit"' not in page and f'href="{path}/cancel"' not in page
    row = visitor.get("/portal/events").text.split(f'href="{path}"')[1].split("</tr>")[0]
    assert "<td>Odwołane</td>" in row
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["status"], after["cancel_reason"]) == ("cancelled", "Choroba prowadzącej")
    statuses = [p["status"] for p in ok(as_centre.get(f"/api/v1/events/{event['id']}/registrations"))["items"]]
    assert sorted(statuses) == ["confirmed", "waitlisted"]
    wait_for(lambda: all(told(network, p["id"], "event_cancelled") for p in people), timeout=15, what="both told")


def test_a_called_off_event_can_no_longer_be_changed_or_called_off_again(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Dwunaste")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    form = shown_edit_form(visitor, event["id"], title="Po odwołaniu")
    ok(as_centre.post(f"/api/v1/events/{event['id']}/cancel", json={}))

    edit_page = visitor.get(f"{path}/edit")
    edited = visitor.post(f"{path}/edit", form, token_from=path)
    again = visitor.post(f"{path}/cancel", {"reason": "Jeszcze raz"}, token_from=path)

    assert edit_page.status_code == 409 and "Odwołanego wydarzenia nie można już zmienić." in edit_page.text
    assert 'name="title"' not in edit_page.text
    assert edited.status_code == 409 and "Odwołanego wydarzenia nie można już zmienić." in edited.text
    assert 'name="title"' not in edited.text
    assert again.status_code == 409 and "Wydarzenie jest odwołane." in again.text
    assert visitor.get(f"{path}/cancel").status_code == 409
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["cancel_reason"]) == (FORM_TITLE, None)


def test_another_centre_can_neither_change_nor_call_off_an_event_as_the_api_answers_it(network: Network) -> None:
    _, as_owner, _ = centre_signed_in(network, "LOWE Trzynaste")
    event = an_event_as_in_the_form(as_owner)
    path = f"/portal/events/{event['id']}"
    _, as_stranger, stranger = centre_signed_in(network, "LOWE Cudze")
    api = {
        as_stranger.patch(f"/api/v1/events/{event['id']}", json={"title": "Przejęte"}).status_code,
        as_stranger.post(f"/api/v1/events/{event['id']}/cancel", json={}).status_code,
    }

    pages = {stranger.get(f"{path}/edit").status_code, stranger.get(f"{path}/cancel").status_code}
    actions = {
        stranger.post(
            f"{path}/edit", {**event_form(title="Przejęte"), "edited_from": event["created_at"]}, "/portal/events/new"
        ).status_code,
        stranger.post(f"{path}/cancel", {"reason": "Bo tak"}, token_from="/portal/events/new").status_code,
    }

    assert api == pages == actions == {404}
    after = ok(as_owner.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["status"], after["updated_at"]) == (FORM_TITLE, "scheduled", None)
