"""The events service's part of the public HTTP API, mixed into `GatewayService`.

A centre's key acts on that centre's events (the events service answers 404 for another centre's); an operator's
on any centre's. Reports are scoped here: a centre to itself, a partner to its own opportunities. CSV reports
and iCalendar files are answered as themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import Forbidden
from lowe_gateway.api_schemas import events as schemas
from lowe_gateway.api_schemas.common import changes
from lowe_gateway.authorization import require_centre
from lowe_gateway.http import api
from lowe_gateway.identity.keys import CENTRE, OPERATOR, Caller

EVENT = "/api/v1/events/<uuid:event_id>"
EVENT_ROLES = (OPERATOR, CENTRE)
TAG = "events"
CALENDAR = "text/calendar"


def _report_response(rendered: dict[str, Any], filename: str) -> Any:
    if rendered["format"] == "csv":
        response = Response(rendered["csv"], mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return rendered["report"]


def _calendar_response(ics: str, filename: str) -> Response:
    response = Response(ics, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def actor(caller: Caller) -> tuple[str | None, bool]:
    """What the events service needs to know of the caller: its centre, or that it is an operator."""
    return (None, True) if caller.is_operator else (str(caller.organisation_id), False)


def report_scope(caller: Caller, query: dict[str, Any]) -> dict[str, Any]:
    """A centre sees its own figures, a partner those of its own opportunities; only operators choose freely."""
    if caller.is_operator:
        return query
    name, own = ("centre_id" if caller.role == CENTRE else "partner_id"), str(caller.organisation_id)
    if query.get(name) not in (None, "", own):
        raise Forbidden("A report covers the caller's own organisation only.", {name: str(query[name])})
    return {**query, name: own}


class EventsRoutes:
    events: Any  # RpcProxy("events") and RpcProxy("centres"), declared on the service class
    centres: Any
    _call: Callable[..., Any]

    @api(
        "POST",
        "/api/v1/events",
        roles=(CENTRE,),
        tag=TAG,
        summary="Schedule an event",
        description="The centre is the key's. From an opportunity (`opportunity_id`) only when the centre holds "
        "places in it.",
        body=schemas.EventDetails(),
        response=schemas.Event(),
        status=201,
        errors=(409,),
    )
    def create_event(self, request: Request, caller: Caller, body: Any) -> Any:
        self._call(self.centres.get_centre, str(caller.organisation_id))  # the events service keeps no registry
        return self._call(self.events.create_event, str(caller.organisation_id), body)

    @api(
        "GET",
        "/api/v1/events",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="List events",
        description="A centre's own events; an operator's key: every centre's.",
        query=schemas.EventQuery(),
        response=schemas.EventPage(),
    )
    def list_events(self, request: Request, caller: Caller, query: dict[str, Any]) -> Any:
        centre_id, operator = actor(caller)
        return self._call(self.events.list_events, centre_id, query, operator)

    @api(
        "GET",
        EVENT,
        roles=EVENT_ROLES,
        tag=TAG,
        summary="Read an event",
        response=schemas.Event(),
        errors=(404,),
    )
    def get_event(self, request: Request, caller: Caller, event_id: UUID) -> Any:
        return self._call(self.events.get_event, *_ids(caller, event_id))

    @api(
        "PATCH",
        EVENT,
        roles=EVENT_ROLES,
        tag=TAG,
        summary="Change an event",
        description="Only the fields sent change; `sessions` replace the whole schedule. Participants are told.",
        body=changes(schemas.EventChanges),
        response=schemas.Event(),
        errors=(404, 409),
    )
    def update_event(self, request: Request, caller: Caller, event_id: UUID, body: Any) -> Any:
        centre_id, operator = actor(caller)
        return self._call(self.events.update_event, centre_id, str(event_id), body, operator)

    @api(
        "POST",
        EVENT + "/cancel",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="Cancel an event",
        description="Its participants are told. The body (a `reason`) is optional.",
        body=schemas.Cancellation(),
        body_required=False,
        response=schemas.Event(),
        errors=(404, 409),
    )
    def cancel_event(self, request: Request, caller: Caller, event_id: UUID, body: Any) -> Any:
        centre_id, operator = actor(caller)
        return self._call(self.events.cancel_event, centre_id, str(event_id), body, operator)

    @api(
        "POST",
        EVENT + "/registrations",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="Register a participant",
        description="Confirmed while there are free places, then on the waiting list. The answer never echoes "
        "the person's data.",
        body=schemas.Registration(),
        response=schemas.Placement(),
        status=201,
        errors=(404, 409),
    )
    def register_participant(self, request: Request, caller: Caller, event_id: UUID, body: Any) -> Any:
        centre_id, operator = actor(caller)
        return self._call(self.events.register_participant, centre_id, str(event_id), body, operator)

    @api(
        "GET",
        EVENT + "/registrations",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="List an event's participants",
        description="Personal data: the organising centre's key (or an operator's) only.",
        response=schemas.ParticipantList(),
        errors=(404,),
    )
    def list_registrations(self, request: Request, caller: Caller, event_id: UUID) -> Any:
        centre_id, operator = actor(caller)
        return self._call(self.events.list_registrations, centre_id, str(event_id), operator)

    @api(
        "DELETE",
        EVENT + "/registrations/<uuid:registration_id>",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="Cancel a registration",
        description="The participant gives up the place; the first on the waiting list takes it.",
        response=schemas.Placement(),
        errors=(404, 409),
    )
    def cancel_registration(self, request: Request, caller: Caller, event_id: UUID, registration_id: UUID) -> Any:
        centre_id, operator = actor(caller)
        ids = centre_id, str(event_id), str(registration_id)
        return self._call(self.events.cancel_registration, *ids, operator)

    @api(
        "PUT",
        EVENT + "/sessions/<uuid:session_id>/attendance",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="Record attendance at a session",
        description="Present or absent per registration; a later mark replaces an earlier one.",
        body=schemas.Attendance(),
        response=schemas.AttendanceList(),
        errors=(404, 409),
    )
    def record_attendance(self, request: Request, caller: Caller, event_id: UUID, session_id: UUID, body: Any) -> Any:
        centre_id, operator = actor(caller)
        ids = centre_id, str(event_id), str(session_id)
        return self._call(self.events.record_attendance, *ids, body, operator)

    @api(
        "GET",
        EVENT + "/event.ics",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="An event as iCalendar",
        media_type=CALENDAR,
        response_headers=("Content-Disposition",),
        errors=(404,),
    )
    def event_calendar(self, request: Request, caller: Caller, event_id: UUID) -> Response:
        ics = self._call(self.events.event_calendar, *_ids(caller, event_id))
        return _calendar_response(ics, f"event-{event_id}")

    @api(
        "POST",
        "/api/v1/participants/erasure",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="Erase a person's data (GDPR art. 17)",
        description='`{"email"}`, `{"phone"}` or `{"registration_id"}`: a centre erases at itself, an '
        "operator everywhere. Registrations stay, without the person's data.",
        body=schemas.Person(),
        response=schemas.Erasure(),
        errors=(404,),
    )
    def erase_person(self, request: Request, caller: Caller, body: Any) -> Any:
        centre_id, operator = actor(caller)
        return self._call(self.events.erase_person, centre_id, body, operator)

    @api(
        "GET",
        "/api/v1/centres/<uuid:centre_id>/calendar.ics",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="A centre's events as iCalendar",
        media_type=CALENDAR,
        response_headers=("Content-Disposition",),
        errors=(403, 404),
    )
    def centre_calendar(self, request: Request, caller: Caller, centre_id: UUID) -> Response:
        require_centre(caller, centre_id)
        return _calendar_response(self._call(self.events.centre_calendar, str(centre_id)), "lowe-events")

    @api(
        "GET",
        "/api/v1/centres/<uuid:centre_id>/allocations",
        roles=EVENT_ROLES,
        tag=TAG,
        summary="The places a centre holds in opportunities",
        response=schemas.AllocationList(),
        errors=(403, 404),
    )
    def list_allocations(self, request: Request, caller: Caller, centre_id: UUID) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.events.list_allocations, str(centre_id))

    @api(
        "GET",
        "/api/v1/reports/participation",
        tag=TAG,
        summary="Participation report",
        description="A centre sees its own figures, a partner those of its own opportunities' events; operators "
        "the network's, or one centre's or partner's. `format=csv` answers `text/csv`.",
        query=schemas.ReportQuery(),
        response=schemas.ParticipationReport(),
        alternatives={"text/csv": None},
        response_headers=("Content-Disposition?",),
        errors=(403,),
    )
    def participation_report(self, request: Request, caller: Caller, query: dict[str, Any]) -> Any:
        scoped = report_scope(caller, query)
        scope = "-".join(str(scoped[name]) for name in ("centre_id", "partner_id") if scoped.get(name)) or "network"
        return _report_response(self._call(self.events.participation_report, scoped), f"participation-{scope}")


def _ids(caller: Caller, event_id: UUID) -> tuple[str | None, str, bool]:
    centre_id, operator = actor(caller)
    return centre_id, str(event_id), operator
