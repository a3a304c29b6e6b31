"""A centre's events, registrations, attendance, erasure and reports (the events service's rules)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from lowe_backbone.contracts.events import LOCATION_KINDS
from lowe_backbone.contracts.vocabulary import (
    ACCESSIBILITY,
    AGE_BANDS,
    EVENT_KINDS,
    GENDERS,
    LABOUR_MARKET_STATUSES,
    TARGET_GROUPS,
)
from lowe_gateway.api_schemas.common import (
    Strict,
    choice,
    choices,
    cursor,
    email,
    free_text,
    languages,
    page,
    page_size,
    phone,
    s,
    s_bool,
    s_int,
    s_list,
    s_nested,
    s_number,
    s_object,
    s_time,
    s_uuid,
    text,
    url,
)

EVENT_STATUSES = ("scheduled", "cancelled")
REPORT_FORMATS = ("json", "csv")
PARTICIPANT_LANGUAGES = ("pl", "en")
MAX_SESSIONS = 100


# --- requests -----------------------------------------------------------------------------------------------------


def _moment(**options: object) -> fields.DateTime:
    return fields.DateTime(
        format="iso",
        metadata={
            "description": "ISO 8601: a Europe/Warsaw wall-clock time (`2026-03-05T17:00`) or one with an offset",
            "example": "2026-03-05T17:00",
        },
        **options,  # type: ignore[arg-type]
    )


class Session(Strict):
    """Ends after it starts; both local times, or both with an offset."""

    starts_at = _moment(required=True)
    ends_at = _moment(required=True)


class Location(Strict):
    """`centre`: at the centre; `address`: elsewhere (give it); `online`: give the link."""

    kind = choice(LOCATION_KINDS, required=True)
    address = text(300, allow_none=True)
    url = url(500, allow_none=True)


class EventDetails(Strict):
    """`repeat_weekly`: each given session happens that many weeks in a row."""

    title = text(200, required=True, example="Warsztaty z bankowości internetowej")
    description = free_text(5000)
    kind = choice(EVENT_KINDS, required=True, example="workshop")
    sessions = fields.List(fields.Nested(Session), required=True, validate=validate.Length(min=1, max=MAX_SESSIONS))
    repeat_weekly = fields.Integer(strict=True, allow_none=True, validate=validate.Range(1, 52))
    location = fields.Nested(Location)
    capacity = fields.Integer(strict=True, required=True, validate=validate.Range(1, 10_000), metadata={"example": 12})
    languages = languages()
    target_groups = choices(TARGET_GROUPS)
    accessibility = choices(ACCESSIBILITY)
    accessibility_notes = text(1000, allow_none=True)
    organiser = text(200, allow_none=True)
    opportunity_id = fields.UUID(allow_none=True, metadata={"description": "the opportunity whose places it uses"})


class EventChanges(EventDetails):
    class Meta:
        exclude = ("opportunity_id",)


class Cancellation(Strict):
    reason = text(500, allow_none=True)


class EventQuery(Strict):
    starts = fields.Date(data_key="from", metadata={"description": "a session starting on or after this day"})
    ends = fields.Date(data_key="to", metadata={"description": "a session starting on or before this day"})
    centre_id = fields.UUID(allow_none=True, metadata={"description": "operators: one centre's (a centre: itself)"})
    cursor = cursor(200)
    page_size = page_size()


class Consent(Strict):
    version = text(50, required=True, example="2026-01")
    given = fields.Boolean(required=True, validate=validate.Equal(True), metadata={"example": True})


class Demographics(Strict):
    """Only with its own consent; `disability` (health data) only with `health_data_consent`."""

    consent = fields.Nested(Consent, required=True)
    health_data_consent = fields.Boolean()
    age_band = choice(AGE_BANDS, allow_none=True)
    gender = choice(GENDERS, allow_none=True)
    labour_market_status = choice(LABOUR_MARKET_STATUSES, allow_none=True)
    target_groups = choices(TARGET_GROUPS)
    disability = fields.Boolean(allow_none=True)


class Registration(Strict):
    """An e-mail address or a phone number (or both)."""

    name = text(200, required=True, example="Anna Kowalska")
    email = email(allow_none=True, example="anna@example.pl")
    phone = phone(allow_none=True)
    language = choice(PARTICIPANT_LANGUAGES, allow_none=True, description="of the messages the participant gets")
    consent = fields.Nested(Consent, required=True)
    demographics = fields.Nested(Demographics, allow_none=True)


class Person(Strict):
    """Exactly whom to erase: an e-mail address, a phone number or one registration."""

    email = email(allow_none=True)
    phone = phone(allow_none=True)
    registration_id = fields.UUID(allow_none=True)


class Mark(Strict):
    registration_id = fields.UUID(required=True)
    present = fields.Boolean(required=True)


class Attendance(Strict):
    attendance = fields.List(fields.Nested(Mark), required=True, validate=validate.Length(min=1, max=10_000))


class ReportQuery(Strict):
    starts = fields.Date(required=True, data_key="from", metadata={"description": "first day (Warsaw dates)"})
    ends = fields.Date(required=True, data_key="to", metadata={"description": "last day, inclusive"})
    format = choice(REPORT_FORMATS, description="`json` (default) or `csv`")
    centre_id = fields.UUID(allow_none=True, metadata={"description": "operators: one centre (a centre: itself)"})
    partner_id = fields.UUID(
        allow_none=True, metadata={"description": "operators: one partner's opportunities (a partner: itself)"}
    )


# --- responses ----------------------------------------------------------------------------------------------------


class SessionView(Strict):
    id = s_uuid()
    starts_at = s_time()
    ends_at = s_time()
    local_starts_at = s(description="Europe/Warsaw")
    local_ends_at = s(description="Europe/Warsaw")
    hours = s_number()


class LocationView(Strict):
    kind = s()
    address = s(nullable=True)
    url = s(nullable=True)


class Event(Strict):
    id = s_uuid()
    centre_id = s_uuid()
    title = s()
    description = s()
    kind = s()
    origin = s()
    partner_id = s_uuid(nullable=True)
    opportunity_id = s_uuid(nullable=True)
    sessions = s_nested(SessionView, many=True)
    location = s_nested(LocationView)
    capacity = s_int()
    confirmed = s_int()
    waitlisted = s_int()
    free_places = s_int()
    languages = s_list()
    target_groups = s_list()
    accessibility = s_list()
    accessibility_notes = s(nullable=True)
    organiser = s(nullable=True)
    status = s()
    cancel_reason = s(nullable=True)
    created_at = s_time()
    updated_at = s_time(nullable=True)
    cancelled_at = s_time(nullable=True)


class Placement(Strict):
    id = s_uuid()
    event_id = s_uuid()
    status = s()
    position = s_int(nullable=True, description="on the waiting list (1 = next); null when not waiting")
    registered_at = s_time()
    confirmed_at = s_time(nullable=True)
    cancelled_at = s_time(nullable=True)
    erased = s_bool()


class ConsentView(Strict):
    version = s(nullable=True)
    given_at = s_time(nullable=True)


class DemographicsView(Strict):
    consent = s_nested(ConsentView)
    health_data_consent = s_bool(nullable=True)
    age_band = s(nullable=True)
    gender = s(nullable=True)
    labour_market_status = s(nullable=True)
    target_groups = s_list()
    disability = s_bool(nullable=True)


class MarkView(Strict):
    session_id = s_uuid()
    present = s_bool()
    marked_at = s_time()


class Participant(Placement):
    """Participant data: only the organising centre (and operators) read it."""

    sequence = s_int()
    name = s(nullable=True)
    email = s(nullable=True)
    phone = s(nullable=True)
    language = s(example="pl")
    consent = s_nested(ConsentView)
    demographics = s_nested(DemographicsView, nullable=True)
    attendance = s_nested(MarkView, many=True)
    hours = s_number()
    erased_at = s_time(nullable=True)


class RecordedMark(MarkView):
    registration_id = s_uuid()


class Allocation(Strict):
    interest_id = s_uuid()
    opportunity_id = s_uuid()
    partner_id = s_uuid()
    places = s_int()
    held = s_int()
    changed_at = s_time()


class Erasure(Strict):
    erased = s_list(fields.String(metadata={"format": "uuid"}), description="the registrations erased")


EventPage = page(Event, "EventPage")
ParticipantList = page(Participant, "ParticipantList", cursor_field=False)
AttendanceList = page(RecordedMark, "AttendanceList", cursor_field=False)
AllocationList = page(Allocation, "AllocationList", cursor_field=False)


Period = Schema.from_dict({"from": s(description="a date"), "to": s(description="a date, inclusive")}, name="Period")


class AttendanceFigures(Strict):
    present = s_int()
    absent = s_int()
    not_marked = s_int(description="(participant, session already started) pairs with no mark")
    rate = s_number(nullable=True, description="present / (present + absent); null with no marks")


class ParticipationReport(Strict):
    """The figures funders ask for: events not cancelled with a session in the period, their participants,
    attendance and hours, and breakdowns by target group, age band and gender (each category:
    `{"participants", "participant_hours"}`; `unknown`, `not_consented` and `erased` counted apart)."""

    centre_id = s_uuid(nullable=True, description="the centre reported on; null: every centre")
    partner_id = s_uuid(nullable=True, description="the partner reported on; null: every partner")
    period = s_nested(Period)
    events = s_int()
    cancelled_events = s_int()
    sessions = s_int()
    participants = s_int()
    attendance = s_nested(AttendanceFigures)
    participant_hours = s_number()
    breakdowns = s_object(description="per dimension (target_group, age_band, gender), per category")
