"""The partner's opportunity form: what a browser sends becomes the API's body (Warsaw's local times with their
offset, numbers, the nationwide choice), an opportunity becomes the form again, an edit sends only what changed, and
the services' field errors land on the form's fields."""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from lowe_gateway.api_schemas.partners import OpportunityDetails
from lowe_gateway.partners_routes import OPPORTUNITY_BODY, OPPORTUNITY_CHANGES
from lowe_gateway.portal.partner_forms import (
    NO_REGION,
    NOT_A_DATE,
    NOT_A_NUMBER,
    NOT_AN_AMOUNT,
    blank_form,
    body_of,
    changed_fields,
    checked_body,
    field_errors,
    form_of,
    local_time,
    read_form,
    release_body,
)
from lowe_gateway.portal.partner_pages import cost_label

SENT = [
    ("kind", "course"),
    ("title", "  Komputer bez tajemnic "),
    ("description", "Kurs dla seniorów"),
    ("topics", "digital_skills"),
    ("topics", "languages"),
    ("target_groups", "seniors"),
    ("regions", "26"),
    ("regions", "14"),
    ("delivery_mode", "hybrid"),
    ("languages", "pl, EN;uk"),
    ("places", "12"),
    ("cost_pln", "120,50"),
    ("starts_at", "2027-07-01T10:00"),
    ("ends_at", "2027-01-15T09:30"),
    ("apply_by", ""),
    ("contact_name", "Anna Nowak"),
    ("contact_email", ""),
    ("contact_phone", ""),
    ("links", "https://example.pl/a\n\n https://example.pl/b \n"),
]


def sent(**changes: Any) -> MultiDict[str, str]:
    pairs = [(name, value) for name, value in SENT if name not in changes]
    for name, value in changes.items():
        pairs.extend((name, item) for item in (value if isinstance(value, list) else [value]))
    return MultiDict(pairs)


def opportunity(**changes: Any) -> dict[str, Any]:
    shown = {
        "id": "7f1d0c52-9a43-4a55-9d4e-0b7f8c0c2f10",
        "kind": "course",
        "title": "Komputer bez tajemnic",
        "description": "Kurs dla seniorów",
        "topics": ["digital_skills"],
        "target_groups": [],
        "regions": [],
        "nationwide": True,
        "delivery_mode": "online",
        "languages": ["pl", "uk"],
        "places": None,
        "cost_pln": "99.90",
        "starts_at": "2027-07-01T08:00:00+00:00",
        "ends_at": None,
        "apply_by": "2027-06-20T21:59:30+00:00",
        "contact": {"name": None, "email": "kursy@example.pl", "phone": None},
        "links": ["https://example.pl/kurs"],
    }
    return {**shown, **changes}


def test_a_filled_form_becomes_the_apis_opportunity_body() -> None:
    body, errors = body_of(read_form(sent()))

    assert errors == {}
    assert body == {
        "kind": "course",
        "title": "Komputer bez tajemnic",
        "description": "Kurs dla seniorów",
        "delivery_mode": "hybrid",
        "topics": ["digital_skills", "languages"],
        "target_groups": ["seniors"],
        "regions": ["26", "14"],
        "languages": ["pl", "en", "uk"],
        "links": ["https://example.pl/a", "https://example.pl/b"],
        "places": 12,
        "cost_pln": "120.50",
        "starts_at": "2027-07-01T10:00:00+02:00",  # summer time in Warsaw
        "ends_at": "2027-01-15T09:30:00+01:00",
        "apply_by": None,
        "contact": {"name": "Anna Nowak", "email": None, "phone": None},
    }


def test_the_body_passes_the_apis_own_schema() -> None:
    body, _ = body_of(read_form(sent(ends_at="2027-07-02T10:00")))

    assert OpportunityDetails().validate(body) == {}


def test_nationwide_sends_no_voivodeships_and_neither_choice_is_refused_by_name() -> None:
    nationwide, _ = body_of(read_form(sent(nationwide="1")))
    _, errors = body_of(read_form(sent(regions=[])))

    assert nationwide["regions"] == []
    assert errors == {"regions": [NO_REGION]}


def test_what_cannot_be_read_is_named_by_field_and_kept_as_typed() -> None:
    form = read_form(sent(places="dwanaście", cost_pln="free", starts_at="jutro", contact_name=""))

    body, errors = body_of(form)

    assert errors == {"places": [NOT_A_NUMBER], "cost_pln": [NOT_AN_AMOUNT], "starts_at": [NOT_A_DATE]}
    assert "places" not in body and "starts_at" not in body and body["contact"] is None
    assert (form["places"], form["starts_at"]) == ("dwanaście", "jutro")


def test_an_opportunity_fills_the_form_in_warsaw_time_and_reads_back_the_same() -> None:
    form = form_of(opportunity())

    assert form["starts_at"] == "2027-07-01T10:00" and form["apply_by"] == "2027-06-20T23:59:30"
    assert form["nationwide"] is True and form["languages"] == "pl, uk" and form["places"] == ""
    assert form["contact_email"] == "kursy@example.pl" and form["links"] == "https://example.pl/kurs"
    body, errors = body_of(form)
    assert errors == {} and body["starts_at"] == "2027-07-01T10:00:00+02:00" and body["regions"] == []


def test_an_edit_sends_only_the_fields_the_person_changed() -> None:
    current = form_of(opportunity())
    edited = {**current, "title": "Nowy tytuł", "contact_phone": "+48 600 100 200", "nationwide": False}
    edited["regions"] = ["12"]

    only = changed_fields(edited, current)
    body, errors = body_of(edited, only)

    assert only == {"title", "contact_phone", "nationwide", "regions"}
    assert errors == {}
    assert body == {
        "title": "Nowy tytuł",
        "regions": ["12"],
        "contact": {"name": None, "email": "kursy@example.pl", "phone": "+48 600 100 200"},
    }
    assert body_of(current, changed_fields(current, current)) == ({}, {})


def test_a_blank_form_starts_in_polish_on_site() -> None:
    form = blank_form()

    assert (form["languages"], form["delivery_mode"]) == ("pl", "on_site")
    assert form["topics"] == [] and form["nationwide"] is False


def test_service_errors_land_on_the_forms_fields() -> None:
    refused = {
        "title": ["Missing data for required field."],
        "contact": {"email": ["Not a valid email address."]},
        "links": {"1": ["Not a valid URL."]},
        "topics": {"0": ["Must be one of: a."], "2": ["Must be one of: a."]},
        "apply_by": "Applications must close no later than the start.",
    }

    assert field_errors(refused) == {
        "title": ["Missing data for required field."],
        "contact_email": ["Not a valid email address."],
        "links": ["Not a valid URL."],
        "topics": ["Must be one of: a."],
        "apply_by": ["Applications must close no later than the start."],
    }


def test_giving_back_places_reads_a_number_or_all_of_them() -> None:
    assert release_body("") == (None, {})
    assert release_body("3") == ({"places": 3}, {})
    assert release_body("-1") == (None, {"places": [NOT_A_NUMBER]})


def test_local_time_leaves_an_empty_date_empty() -> None:
    assert local_time(None) == "" and local_time("2027-01-15T08:30:00+00:00") == "2027-01-15T09:30"


def test_the_apis_schema_names_what_it_refuses_once_per_field() -> None:
    form = read_form(sent(title="", regions=[], topics=["not_a_topic"]))

    _, errors = checked_body(form, None, OPPORTUNITY_BODY)

    assert errors["regions"] == [NO_REGION]  # not also the schema's "missing": the form's own reason is clearer
    assert errors["title"] == ["Must not be blank."] and errors["topics"][0].startswith("Must be one of")


def test_an_edit_is_checked_as_the_apis_patch_is() -> None:
    assert checked_body(read_form(sent()), frozenset({"title"}), OPPORTUNITY_CHANGES) == (
        {"title": "Komputer bez tajemnic"},
        {},
    )


@pytest.mark.parametrize(
    ("cost", "language", "shown"),
    [(None, "pl", None), ("49.90", "pl", "49,90\xa0zł"), ("1200.00", "en", "PLN1,200.00")],
)
def test_the_cost_is_written_as_the_language_writes_money(cost: str | None, language: str, shown: str | None) -> None:
    assert cost_label({"free": cost is None, "cost_pln": cost}, language) == shown
