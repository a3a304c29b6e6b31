"""The events pages' templates in each language: labels instead of codes, the waiting list in order, the refused
fields next to their fields with what was typed, the calendar and the report's tables under their charts."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from lowe_gateway.accounts.model import Account, PortalSession
from lowe_gateway.identity.keys import CENTRE
from lowe_gateway.portal.charts import Bar, bar_chart
from lowe_gateway.portal.event_calendar import Month, month_grid
from lowe_gateway.portal.event_forms import event_form
from lowe_gateway.portal.event_page_support import VOCABULARY
from lowe_gateway.portal.event_reports import Figure
from lowe_gateway.portal.i18n import environment
from lowe_gateway.portal.visits import Visit

SESSION = {
    "id": "s1",
    "starts_at": "2026-12-03T16:00:00+00:00",
    "ends_at": "2026-12-03T18:00:00+00:00",
    "hours": 2.0,
}
LOCAL = {"local_starts_at": "2026-12-03T17:00:00+01:00", "local_ends_at": "2026-12-03T19:00:00+01:00"}
EVENT = {
    "id": "e1",
    "title": "Cyfrowy senior",
    "description": "Opis",
    "kind": "workshop",
    "status": "scheduled",
    "cancel_reason": None,
    "opportunity_id": None,
    "sessions": [SESSION],
    "location": {"kind": "centre", "address": None, "url": None},
    "capacity": 1,
    "confirmed": 1,
    "waitlisted": 2,
    "free_places": 0,
    "languages": ["pl"],
    "target_groups": ["seniors"],
    "accessibility": ["hearing_loop"],
    "accessibility_notes": None,
    "organiser": None,
}


def visit(language: str) -> Visit:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    account = Account(uuid.uuid4(), "c@example.pl", "C", CENTRE, uuid.uuid4(), language, at, "h")
    return Visit(language, "csrf-token", "127.0.0.1", account, PortalSession("x", account.id, "csrf-token", at, at))


def person(name: str, status: str, position: int | None = None) -> dict[str, Any]:
    return {
        "id": f"r-{name}",
        "name": name,
        "email": f"{name}@example.pl",
        "phone": None,
        "status": status,
        "position": position,
        "registered_at": "2026-11-01T10:00:00+00:00",
        "hours": 0.0,
        "attendance": [],
    }


def render(language: str, template: str, **context: Any) -> str:
    base = {"visit": visit(language), "lang": language, "organisation_name": "LOWE Zagórz"}
    return environment(language).get_template(template).render({**base, **context})


def event_page(language: str, **changes: Any) -> str:
    context = {
        "event": EVENT,
        "confirmed": [person("Anna", "confirmed")],
        "waiting": [person("Bogdan", "waitlisted", 1), person("Celina", "waitlisted", 2)],
        "cancelled": [],
        "notices": {"created": None, "registered": None, "cancelled": None, "promoted": None},
        "created": False,
        "done": None,
        "form": MultiDict({"consent_version": "portal-2026-01", "language": language}),
        "errors": {},
        "failure": None,
        **VOCABULARY,
    }
    return render(language, "event.html", **{**context, **changes})


@pytest.mark.parametrize(
    ("language", "kind", "group"), [("pl", "Warsztaty", "Seniorzy"), ("en", "Workshop", "Seniors")]
)
def test_the_event_page_shows_labels_and_the_waiting_list_in_order(language: str, kind: str, group: str) -> None:
    html = event_page(language)

    assert kind in html and group in html and "workshop" not in html.replace('value="workshop"', "")
    assert html.index("Bogdan") < html.index("Celina")
    assert 'name="csrf_token" value="csrf-token"' in html


def test_who_was_promoted_is_said_after_a_cancellation() -> None:
    notices = {"created": None, "registered": None, "cancelled": person("Anna", "cancelled")}
    html = event_page("pl", notices={**notices, "promoted": person("Bogdan", "confirmed")})

    assert "Anulowano zapis: Anna." in html and "Miejsce zajmuje Bogdan z listy rezerwowej." in html


def test_a_refused_registration_shows_the_error_next_to_its_field_and_keeps_what_was_typed() -> None:
    form = MultiDict({"name": "Anna <Nowak>", "email": "nie-email", "consent_version": "v1"})
    html = event_page("pl", form=form, errors={"email": ["Not a valid email address."]})

    assert 'aria-describedby="email-error"' in html
    assert '<small id="email-error" class="error">Podaj poprawny adres e-mail.' in html
    assert 'value="Anna &lt;Nowak&gt;"' in html and 'value="nie-email"' in html


def test_a_scheduled_event_offers_to_change_or_call_it_off_and_a_called_off_one_does_not() -> None:
    scheduled = event_page("pl", done="changed")
    called_off = event_page("pl", event={**EVENT, "status": "cancelled"}, done="called_off")

    assert 'href="/portal/events/e1/edit"' in scheduled and 'href="/portal/events/e1/cancel"' in scheduled
    assert "Zmiany są zapisane." in scheduled
    assert 'href="/portal/events/e1/edit"' not in called_off and 'href="/portal/events/e1/cancel"' not in called_off
    assert "Wydarzenie jest odwołane. Uczestnicy, którzy podali adres e-mail" in called_off


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_edit_form_is_filled_with_the_event_and_a_called_off_event_has_none(language: str) -> None:
    form = event_form({**EVENT, "sessions": [{**SESSION, **LOCAL}], "description": "Opis"})
    context = {"form": form, "errors": {}, "failure": None, "session_rows": range(5), **VOCABULARY}

    html = render(language, "event_edit.html", event=EVENT, **context)
    gone = render(language, "event_edit.html", event={**EVENT, "status": "cancelled"}, **context)

    assert 'action="/portal/events/e1/edit"' in html and 'value="Cyfrowy senior"' in html
    assert 'value="2026-12-03"' in html and 'value="17:00"' in html and 'value="19:00"' in html
    assert 'id="target_group_seniors" name="target_groups" value="seniors" checked' in html
    assert "<form" not in gone.split("<main")[-1] and 'name="title"' not in gone


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_cancel_step_says_what_calling_off_does_before_its_button(language: str) -> None:
    html = render(language, "event_cancel.html", event=EVENT, reason="", errors={}, failure=None).split("<main")[-1]

    assert 'action="/portal/events/e1/cancel"' in html and 'name="csrf_token"' in html and 'name="reason"' in html
    told = "Zapisani uczestnicy: 1, na liście rezerwowej: 2." if language == "pl" else "on the waiting list: 2."
    assert told in html and html.index(told) < html.index('type="submit"')


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_new_event_form_keeps_the_rows_and_shows_a_rows_error(language: str) -> None:
    form = MultiDict({"title": "Kurs", "session_date_1": "2026-12-03", "session_start_1": "18:00"})
    context = {
        "form": form,
        "errors": {"session_1": ["Not a valid datetime."]},
        "failure": "The request has invalid fields.",
        "allocations": [{"opportunity_id": "o1", "title": "Kurs partnera", "places": 3}],
        "session_rows": range(5),
        **VOCABULARY,
    }
    html = render(language, "event_new.html", **context)

    assert 'id="session_1-error"' in html and 'value="2026-12-03"' in html and "Kurs partnera" in html
    assert ("Podaj dzień" in html) == (language == "pl")


def test_the_calendar_marks_today_and_links_the_events() -> None:
    month = Month(2026, 12)
    weeks = month_grid(month, [EVENT], date(2026, 12, 3))
    html = render(
        "pl",
        "events.html",
        feed_url="http://x/api/v1/centres/c/calendar.ics",
        view="calendar",
        month=month,
        weeks=weeks,
    )

    assert 'aria-current="date"' in html and 'href="/portal/events/e1"' in html and "17:00 Cyfrowy senior" in html
    assert "month=2026-11" in html and "month=2027-01" in html and "grudzień 2026" in html


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_report_has_a_table_under_each_chart(language: str) -> None:
    figures = {
        "report": {
            "events": 1,
            "sessions": 2,
            "participants": 3,
            "participant_hours": 4.5,
            "attendance": {"rate": 0.5},
        },
        "target_groups": [Figure("seniors", "Seniorzy", 3, 4.5)],
        "months": [Figure("2026-12", "gru 2026", 3, 4.5)],
    }
    charts = {
        "target_groups": bar_chart([Bar("Seniorzy", 3)], "chart-target-groups", str),
        "months": bar_chart([], "chart-months", str),
    }
    html = render(
        language,
        "reports.html",
        period={"from": "2026-01-01", "to": "2026-12-31"},
        errors={},
        figures=figures,
        charts=charts,
    )

    assert html.count("<svg") == 2 and html.count("<table") == 2 and '<th scope="row">Seniorzy</th>' in html
    assert "/portal/reports.csv?from=2026-01-01&amp;to=2026-12-31" in html


def test_the_attendance_sheet_has_a_labelled_checkbox_per_participant_ticked_as_recorded() -> None:
    present = {**person("Anna", "confirmed"), "mark": {"present": True}}
    unmarked = {**person("Bogdan", "confirmed"), "mark": None}
    html = render(
        "pl", "attendance.html", event=EVENT, session=SESSION, rows=[present, unmarked], saved=True, failure=None
    )

    assert (
        '<label for="present_r-Anna"><input type="checkbox" id="present_r-Anna" name="present" value="r-Anna" checked>'
        in html
    )
    assert 'id="present_r-Bogdan" name="present" value="r-Bogdan">' in html
    assert "Obecność jest zapisana." in html and "jeszcze nie zapisano" in html
