"""The boundary: every bad field of an event, a registration, attendance or a report query is named."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_events import commands
from tests.unit.events.fakes import CONSENT, event_body, new_centre, person


def fields_of(build: Any, *args: Any) -> dict[str, Any]:
    with pytest.raises(InvalidInput) as caught:
        build(*args)
    return caught.value.fields


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "picnic"}, "kind"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": "10"}, "capacity"),
        ({"title": "  "}, "title"),
        ({"sessions": []}, "sessions"),
        ({"repeat_weekly": 53}, "repeat_weekly"),
        ({"location": {"kind": "address"}}, "location"),
        ({"location": {"kind": "online", "url": "ftp://x.example"}}, "location"),
        ({"target_groups": ["cats"]}, "target_groups"),
        ({"accessibility": ["lift_to_the_moon"]}, "accessibility"),
        ({"languages": ["polish"]}, "languages"),
        ({"opportunity_id": "not-a-uuid"}, "opportunity_id"),
        ({"centre_id": str(uuid.uuid4())}, "centre_id"),
    ],
)
def test_an_event_with_a_bad_field_is_refused_naming_it(changes: dict[str, Any], field: str) -> None:
    assert field in fields_of(commands.create_event_command, new_centre(), event_body(**changes))


def test_the_centre_and_event_ids_are_checked_too() -> None:
    assert set(fields_of(commands.create_event_command, "centre-1", event_body())) == {"centre_id"}
    assert set(fields_of(commands.change_event_command, new_centre(), "e", {"title": "x"})) == {"event_id"}


def test_an_event_left_mostly_unsaid_is_at_the_centre_in_polish() -> None:
    cmd = commands.create_event_command(new_centre(), event_body())

    assert (cmd.details["location_kind"], cmd.details["languages"], cmd.details["description"]) == (
        "centre",
        ["pl"],
        "",
    )


def test_an_event_cannot_change_where_it_came_from() -> None:
    assert "opportunity_id" in fields_of(
        commands.change_event_command, new_centre(), str(uuid.uuid4()), {"opportunity_id": str(uuid.uuid4())}
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": None}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"consent": {"version": "v1", "given": False}}, "consent"),
        ({"consent": None}, "consent"),
        ({"name": ""}, "name"),
        ({"age_band": "65-74"}, "age_band"),  # demographics only inside their own consented block
        ({"demographics": {"age_band": "65-74"}}, "demographics"),
        ({"demographics": {"consent": CONSENT, "gender": "robot"}}, "demographics"),
        ({"demographics": {"consent": CONSENT, "disability": True}}, "demographics"),
    ],
)
def test_a_registration_with_a_bad_field_is_refused_naming_it(changes: dict[str, Any], field: str) -> None:
    body = {key: value for key, value in person(1, **changes).items() if value is not None or key == "email"}

    assert field in fields_of(commands.register_command, new_centre(), str(uuid.uuid4()), body)


def test_disability_without_health_data_consent_is_refused_naming_it() -> None:
    body = person(1, demographics={"consent": CONSENT, "disability": False})

    fields = fields_of(commands.register_command, new_centre(), str(uuid.uuid4()), body)

    assert fields == {
        "demographics": {"disability": ["Disability is health data: give it only with health_data_consent."]}
    }


def test_a_phone_number_alone_will_do_and_is_kept_in_one_form() -> None:
    cmd = commands.register_command(new_centre(), str(uuid.uuid4()), person(1, email=None, phone="+48 600-100-200"))

    assert (cmd.email, cmd.phone) == (None, "+48600100200")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"to": "2026-03-31"}, "from"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"from": "2026-03-01", "to": "2026-03-31", "format": "xlsx"}, "format"),
        ({"from": "yesterday", "to": "2026-03-31"}, "from"),
    ],
)
def test_a_report_query_with_a_bad_parameter_is_refused_naming_it(query: dict[str, str], field: str) -> None:
    assert field in fields_of(commands.report_query, query)


def test_attendance_names_each_bad_mark() -> None:
    body = {"attendance": [{"registration_id": "x", "present": "perhaps"}]}

    fields = fields_of(commands.record_attendance_command, new_centre(), str(uuid.uuid4()), str(uuid.uuid4()), body)

    assert set(fields["attendance"]["0"]) == {"registration_id", "present"}
