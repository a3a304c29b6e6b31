"""The events pages' forms as the events API's bodies, and the service's field errors at the form's fields."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from lowe_gateway.portal.event_forms import (
    event_body,
    event_changes,
    event_errors,
    event_form,
    flat_errors,
    registration_body,
    registration_errors,
    rows_to_show,
    session_rows,
)


def test_the_new_event_form_becomes_the_apis_body_with_only_the_filled_session_rows() -> None:
    form = MultiDict(
        [
            ("title", " Cyfrowy senior "),
            ("kind", "workshop"),
            ("capacity", "12"),
            ("session_date_0", "2026-12-03"),
            ("session_start_0", "17:00"),
            ("session_end_0", "19:00"),
            ("session_date_2", "2026-12-10"),
            ("session_start_2", "17:00"),
            ("session_end_2", "19:00"),
            ("location_kind", "address"),
            ("location_address", "ul. Polna 1"),
            ("languages", "pl, EN"),
            ("target_groups", "seniors"),
            ("target_groups", "migrants"),
            ("opportunity_id", ""),
            ("repeat_weekly", ""),
        ]
    )

    body = event_body(form)

    assert session_rows(form) == [0, 2]
    assert body["sessions"] == [
        {"starts_at": "2026-12-03T17:00", "ends_at": "2026-12-03T19:00"},
        {"starts_at": "2026-12-10T17:00", "ends_at": "2026-12-10T19:00"},
    ]
    assert (body["title"], body["kind"], body["capacity"], body["languages"]) == (
        "Cyfrowy senior",
        "workshop",
        12,
        ["pl", "en"],
    )
    assert body["location"] == {"kind": "address", "address": "ul. Polna 1", "url": None}
    assert body["target_groups"] == ["seniors", "migrants"] and body["opportunity_id"] is None
    assert "repeat_weekly" not in body


def test_what_is_not_a_number_goes_to_the_service_as_typed_and_what_is_left_out_is_left_out() -> None:
    body = event_body(MultiDict({"title": "x", "capacity": "dwanaście"}))

    assert body["capacity"] == "dwanaście" and "kind" not in body and body["sessions"] == []
    assert "languages" not in body and body["location"]["kind"] == "centre"


def test_a_sessions_errors_land_on_the_row_it_was_typed_in() -> None:
    fields = {
        "sessions": {"1": {"ends_at": ["A session must end after it starts."]}},
        "location": {"address": ["Give the address of the venue."]},
        "capacity": ["Not a valid integer."],
    }

    errors = event_errors(fields, rows=[0, 3])

    assert errors == {
        "session_3": ["A session must end after it starts."],
        "location_address": ["Give the address of the venue."],
        "capacity": ["Not a valid integer."],
    }
    assert event_errors({"sessions": ["Shorter than minimum length 1."]}, []) == {
        "sessions": ["Shorter than minimum length 1."]
    }


def test_the_registration_form_becomes_the_apis_body_with_demographics_only_with_their_consent() -> None:
    form = MultiDict(
        [
            ("name", "Anna Kowalska"),
            ("email", "anna@example.pl"),
            ("phone", ""),
            ("language", "pl"),
            ("consent_version", "2026-01"),
            ("consent_given", "yes"),
            ("age_band", "65-74"),
        ]
    )
    assert registration_body(form) == {
        "name": "Anna Kowalska",
        "email": "anna@example.pl",
        "phone": None,
        "language": "pl",
        "consent": {"version": "2026-01", "given": True},
        "demographics": None,
    }

    form.add("demographics_consent", "yes")
    form.add("target_groups", "seniors")
    form.add("disability", "no")
    demographics = registration_body(form)["demographics"]

    assert demographics == {
        "consent": {"version": "2026-01", "given": True},
        "health_data_consent": False,
        "age_band": "65-74",
        "gender": None,
        "labour_market_status": None,
        "target_groups": ["seniors"],
        "disability": False,
    }


def test_an_unticked_consent_is_sent_as_not_given() -> None:
    assert registration_body(MultiDict({"name": "A"}))["consent"] == {"version": "", "given": False}


def test_registration_errors_land_on_the_forms_own_fields() -> None:
    fields = {
        "consent": {"given": ["Consent must be given."]},
        "email": ["Give an e-mail address or a phone number."],
        "demographics": {"disability": ["Disability is health data."], "consent": {"version": ["Too long."]}},
    }

    assert registration_errors(fields) == {
        "consent_given": ["Consent must be given."],
        "email": ["Give an e-mail address or a phone number."],
        "disability": ["Disability is health data."],
        "consent_version": ["Too long."],
    }


def test_nested_errors_flatten_to_dotted_names() -> None:
    assert flat_errors({"a": {"0": {"b": ["x"]}}, "c": "y"}) == {"a.0.b": ["x"], "c": ["y"]}


EVENT = {
    "title": "Cyfrowy senior",
    "description": "Dwie linie\nopisu",
    "kind": "workshop",
    "capacity": 12,
    "sessions": [
        {"local_starts_at": "2026-12-03T17:00:00+01:00", "local_ends_at": "2026-12-03T19:00:00+01:00"},
        {"local_starts_at": "2026-12-10T17:00:00+01:00", "local_ends_at": "2026-12-10T19:00:00+01:00"},
    ],
    "location": {"kind": "online", "address": None, "url": "https://meet.example.pl/senior"},
    "languages": ["en", "pl"],
    "target_groups": ["migrants", "seniors"],
    "accessibility": [],
    "accessibility_notes": None,
    "organiser": "Biblioteka",
    "opportunity_id": None,
}


def edited(**changes: str) -> MultiDict[str, str]:
    form = event_form(EVENT)
    for name, value in changes.items():
        form[name] = value
    return form


def test_the_edit_form_is_the_event_as_it_is_and_sent_back_unchanged_it_changes_nothing() -> None:
    form = event_form(EVENT)

    assert (form["session_date_1"], form["session_start_1"], form["session_end_1"]) == ("2026-12-10", "17:00", "19:00")
    assert form["languages"] == "en, pl" and form.getlist("target_groups") == ["migrants", "seniors"]
    assert (form["location_kind"], form["location_address"], form["organiser"]) == ("online", "", "Biblioteka")
    assert event_changes(form, EVENT) == {}
    same = edited(description="Dwie linie\r\nopisu", languages="PL en")
    same.setlist("target_groups", ["seniors", "migrants"])
    assert event_changes(same, EVENT) == {}


def test_only_the_changed_fields_are_sent_and_an_emptied_one_as_none() -> None:
    assert event_changes(edited(title="Cyfrowy senior II", capacity="15"), EVENT) == {
        "title": "Cyfrowy senior II",
        "capacity": 15,
    }
    assert event_changes(edited(kind="", organiser="", capacity=""), EVENT) == {
        "kind": None,
        "organiser": None,
        "capacity": None,
    }
    moved = event_changes(edited(session_start_1="18:00", session_end_1="20:00"), EVENT)
    assert moved == {
        "sessions": [
            {"starts_at": "2026-12-03T17:00", "ends_at": "2026-12-03T19:00"},
            {"starts_at": "2026-12-10T18:00", "ends_at": "2026-12-10T20:00"},
        ]
    }


def test_weeks_to_repeat_take_the_sessions_with_them_and_every_session_gets_a_row() -> None:
    changes = event_changes(edited(repeat_weekly="4"), EVENT)

    assert changes["repeat_weekly"] == 4 and len(changes["sessions"]) == 2
    assert rows_to_show(event_form(EVENT)) == range(5)
    many = event_form({**EVENT, "sessions": EVENT["sessions"] * 4})
    assert rows_to_show(many) == range(10) and session_rows(many) == list(range(8))
