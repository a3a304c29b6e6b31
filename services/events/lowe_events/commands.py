"""What the events service is asked to do, validated at its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import load_id, load_or_raise
from lowe_events.event_schema import CancelEventSchema, EventChangesSchema, EventSchema
from lowe_events.model import Consent, Demographics, InvalidSchedule, check_schedule, weekly
from lowe_events.model.schedule import NonexistentLocalTime
from lowe_events.registration_schema import PersonSchema, RegistrationSchema, normalised_email, normalised_phone

Slots = list[tuple[datetime, datetime]]
MAX_REPORT_DAYS = 366 * 5


@dataclass(frozen=True)
class Actor:
    """Who acts: a centre, about its own events only; an operator (`operator=True`) about any centre's, with no
    centre (`centre_id` None: whichever centre the event belongs to, or every centre for lists and erasures). The
    gateway decides from the caller's key."""

    centre_id: UUID | None
    operator: bool = False


@dataclass(frozen=True)
class CreateEvent:
    actor: Actor
    slots: Slots
    details: dict[str, Any]  # Event's own field names
    opportunity_id: UUID | None = None


@dataclass(frozen=True)
class ChangeEvent:
    actor: Actor
    event_id: UUID
    details: dict[str, Any]
    slots: Slots | None = None


@dataclass(frozen=True)
class CancelEvent:
    actor: Actor
    event_id: UUID
    reason: str | None = None


@dataclass(frozen=True)
class Register:
    actor: Actor
    event_id: UUID
    name: str
    email: str | None
    phone: str | None
    consent_version: str
    demographics: dict[str, Any] | None = None  # DemographicsSchema's fields; consent recorded when registered
    language: str = "pl"  # of the messages the participant gets


@dataclass(frozen=True)
class RegistrationRef:
    actor: Actor
    event_id: UUID
    registration_id: UUID


@dataclass(frozen=True)
class ErasePerson:
    """Exactly one of the three: every registration with this e-mail or phone (at the actor's centre, or at every
    centre for an operator with no centre), or one registration."""

    actor: Actor
    email: str | None
    phone: str | None
    registration_id: UUID | None = None


@dataclass(frozen=True)
class RecordAttendance:
    actor: Actor
    event_id: UUID
    session_id: UUID
    marks: dict[UUID, bool] = field(default_factory=dict)  # registration id: present


@dataclass(frozen=True)
class ReportQuery:
    starts: date
    ends: date
    format: str = "json"


def actor_of(centre_id: Any, operator: bool = False) -> Actor:
    """A centre must name itself; an operator may name no centre (None)."""
    if operator is True and centre_id is None:
        return Actor(None, True)
    return Actor(load_id("centre_id", centre_id), operator is True)


def centre_of(centre_id: Any) -> UUID:
    """Calls about one centre (creating an event, its calendar, its allocations) always name it."""
    return load_id("centre_id", centre_id)


def event_id_of(event_id: Any) -> UUID:
    return load_id("event_id", event_id)


def _slots(data: dict[str, Any]) -> Slots:
    """The sessions in UTC, each repeated weekly when asked; refused when impossible, overlapping or too many."""
    weeks = data.pop("repeat_weekly", None) or 1
    try:
        slots = [slot for given in data.pop("sessions") for slot in weekly(given["starts_at"], given["ends_at"], weeks)]
        return check_schedule(slots)
    except NonexistentLocalTime as exc:
        raise InvalidInput("The request has invalid fields.", {"sessions": [str(exc)]}) from None
    except InvalidSchedule as exc:
        raise InvalidInput("The schedule does not work.", {k: [v] for k, v in exc.problems.items()}) from None


def _event_details(data: dict[str, Any]) -> dict[str, Any]:
    if "location" in data:
        location = data.pop("location")
        data["location_kind"] = location["kind"]
        data["location_address"] = location.get("address") if location["kind"] != "online" else None
        data["location_url"] = location.get("url") if location["kind"] == "online" else None
    return data


def create_event_command(centre_id: Any, payload: Any) -> CreateEvent:
    actor = Actor(centre_of(centre_id))
    data = load_or_raise(EventSchema(), payload)
    slots = _slots(data)
    opportunity_id = data.pop("opportunity_id")
    return CreateEvent(actor, slots, _event_details(data), opportunity_id)


def change_event_command(centre_id: Any, event_id: Any, payload: Any, operator: bool = False) -> ChangeEvent:
    actor, event = actor_of(centre_id, operator), event_id_of(event_id)
    # partial at the top level only: `partial=True` would reach the sessions too, and a session without its times
    # got through to a KeyError (a 500)
    data = load_or_raise(EventChangesSchema(partial=tuple(EventChangesSchema().fields)), payload)
    if not data:
        raise InvalidInput("Nothing to change.", {"_body": ["Give at least one field to change."]})
    slots = _slots(data) if "sessions" in data else None
    return ChangeEvent(actor, event, _event_details(data), slots)


def cancel_event_command(centre_id: Any, event_id: Any, payload: Any, operator: bool = False) -> CancelEvent:
    actor, event = actor_of(centre_id, operator), event_id_of(event_id)
    data = load_or_raise(CancelEventSchema(), {} if payload is None else payload)
    return CancelEvent(actor, event, data["reason"])


def register_command(centre_id: Any, event_id: Any, payload: Any, operator: bool = False) -> Register:
    actor, event = actor_of(centre_id, operator), event_id_of(event_id)
    data = load_or_raise(RegistrationSchema(), payload)
    demographics = data["demographics"]
    if demographics is not None:
        demographics["consent_version"] = demographics.pop("consent")["version"]
    consent = data["consent"]["version"]
    return Register(actor, event, data["name"], data["email"], data["phone"], consent, demographics, data["language"])


def registration_ref(centre_id: Any, event_id: Any, registration_id: Any, operator: bool = False) -> RegistrationRef:
    actor = actor_of(centre_id, operator)
    return RegistrationRef(actor, event_id_of(event_id), load_id("registration_id", registration_id))


def erase_person_command(centre_id: Any, payload: Any, operator: bool = False) -> ErasePerson:
    actor = actor_of(centre_id, operator)
    data = load_or_raise(PersonSchema(), payload)
    email, phone = normalised_email(data["email"]), normalised_phone(data["phone"])
    return ErasePerson(actor, email, phone, data["registration_id"])


class _MarkSchema(Schema):
    class Meta:
        unknown = RAISE

    registration_id = fields.UUID(required=True)
    present = fields.Boolean(required=True)


class _AttendanceSchema(Schema):
    class Meta:
        unknown = RAISE

    attendance = fields.List(fields.Nested(_MarkSchema), required=True, validate=validate.Length(min=1, max=10_000))


def record_attendance_command(
    centre_id: Any, event_id: Any, session_id: Any, payload: Any, operator: bool = False
) -> RecordAttendance:
    actor, event, session = actor_of(centre_id, operator), event_id_of(event_id), load_id("session_id", session_id)
    data = load_or_raise(_AttendanceSchema(), payload)
    marks = {mark["registration_id"]: mark["present"] for mark in data["attendance"]}
    return RecordAttendance(actor, event, session, marks)


class ReportQuerySchema(Schema):
    """A report's period (Warsaw dates, inclusive, at most five years) and format."""

    class Meta:
        unknown = RAISE

    starts = fields.Date(required=True, data_key="from")
    ends = fields.Date(required=True, data_key="to")
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))

    @validates_schema
    def _period(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if "starts" in data and "ends" in data:
            if data["ends"] < data["starts"]:
                raise ValidationError("The period must not end before it starts.", "to")
            if (data["ends"] - data["starts"]).days > MAX_REPORT_DAYS:
                raise ValidationError("A report covers at most five years.", "to")


def report_query(query: Any) -> ReportQuery:
    data = load_or_raise(ReportQuerySchema(), {} if query is None else query)
    return ReportQuery(data["starts"], data["ends"], data["format"])


def demographics_of(data: dict[str, Any] | None, consent_at: datetime) -> Demographics | None:
    if data is None:
        return None
    details = {name: value for name, value in data.items() if name not in ("consent_version", "health_data_consent")}
    consent = Consent(data["consent_version"], consent_at)
    return Demographics(consent, health_data=data.get("health_data_consent", False), **details)
