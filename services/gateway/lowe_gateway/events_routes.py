"""The events service's part of the public HTTP API, mixed into `GatewayService`.

Every route names the acting centre in its path; the events service checks that the event is that centre's
(another centre's event answers 404). CSV reports and iCalendar files are answered as themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.wrappers import Request, Response

from lowe_gateway.http import api, json_body, json_response, query_params

EVENT = "/api/v1/centres/<uuid:centre_id>/events/<uuid:event_id>"
REGISTRATION = EVENT + "/registrations/<uuid:registration_id>"
NO_LIST_PARAMS: frozenset[str] = frozenset()


def _report_response(rendered: dict[str, Any], filename: str) -> Response:
    if rendered["format"] == "csv":
        response = Response(rendered["csv"], mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return json_response(rendered["report"])


def _calendar_response(ics: str, filename: str) -> Response:
    response = Response(ics, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


class EventsRoutes:
    events: Any  # RpcProxy("events") and RpcProxy("centres"), declared on the service class
    centres: Any
    _call: Callable[..., Any]

    @api("POST", "/api/v1/centres/<uuid:centre_id>/events")
    def create_event(self, request: Request, centre_id: UUID) -> Response:
        body = json_body(request)
        self._call(self.centres.get_centre, str(centre_id))  # the events service keeps no registry of centres
        return json_response(self._call(self.events.create_event, str(centre_id), body), 201)

    @api("GET", "/api/v1/centres/<uuid:centre_id>/events")
    def list_events(self, request: Request, centre_id: UUID) -> Response:
        return json_response(self._call(self.events.list_events, str(centre_id)))

    @api("GET", EVENT)
    def get_event(self, request: Request, centre_id: UUID, event_id: UUID) -> Response:
        return json_response(self._call(self.events.get_event, str(centre_id), str(event_id)))

    @api("PATCH", EVENT)
    def update_event(self, request: Request, centre_id: UUID, event_id: UUID) -> Response:
        body = json_body(request)
        return json_response(self._call(self.events.update_event, str(centre_id), str(event_id), body))

    @api("POST", EVENT + "/cancel")
    def cancel_event(self, request: Request, centre_id: UUID, event_id: UUID) -> Response:
        body = json_body(request)  # optional: {"reason": ...}
        return json_response(self._call(self.events.cancel_event, str(centre_id), str(event_id), body))

    @api("POST", EVENT + "/registrations")
    def register_participant(self, request: Request, centre_id: UUID, event_id: UUID) -> Response:
        body = json_body(request)
        reply = self._call(self.events.register_participant, str(centre_id), str(event_id), body)
        return json_response(reply, 201)

    @api("GET", EVENT + "/registrations")
    def list_registrations(self, request: Request, centre_id: UUID, event_id: UUID) -> Response:
        return json_response(self._call(self.events.list_registrations, str(centre_id), str(event_id)))

    @api("POST", REGISTRATION + "/cancel")
    def cancel_registration(self, request: Request, centre_id: UUID, event_id: UUID, registration_id: UUID) -> Response:
        ids = str(centre_id), str(event_id), str(registration_id)
        return json_response(self._call(self.events.cancel_registration, *ids))

    @api("POST", REGISTRATION + "/erase")
    def erase_registration(self, request: Request, centre_id: UUID, event_id: UUID, registration_id: UUID) -> Response:
        ids = str(centre_id), str(event_id), str(registration_id)
        return json_response(self._call(self.events.erase_registration, *ids))

    @api("POST", "/api/v1/centres/<uuid:centre_id>/erasures")
    def erase_person(self, request: Request, centre_id: UUID) -> Response:
        body = json_body(request)  # {"email": ...} or {"phone": ...}
        return json_response(self._call(self.events.erase_person, str(centre_id), body))

    @api("PUT", EVENT + "/sessions/<uuid:session_id>/attendance")
    def record_attendance(self, request: Request, centre_id: UUID, event_id: UUID, session_id: UUID) -> Response:
        body = json_body(request)
        ids = str(centre_id), str(event_id), str(session_id)
        return json_response(self._call(self.events.record_attendance, *ids, body))

    @api("GET", "/api/v1/centres/<uuid:centre_id>/allocations")
    def list_allocations(self, request: Request, centre_id: UUID) -> Response:
        return json_response(self._call(self.events.list_allocations, str(centre_id)))

    @api("GET", "/api/v1/centres/<uuid:centre_id>/calendar.ics")
    def centre_calendar(self, request: Request, centre_id: UUID) -> Response:
        return _calendar_response(self._call(self.events.centre_calendar, str(centre_id)), "lowe-events")

    @api("GET", EVENT + "/event.ics")
    def event_calendar(self, request: Request, centre_id: UUID, event_id: UUID) -> Response:
        ics = self._call(self.events.event_calendar, str(centre_id), str(event_id))
        return _calendar_response(ics, f"event-{event_id}")

    @api("GET", "/api/v1/centres/<uuid:centre_id>/reports")
    def centre_report(self, request: Request, centre_id: UUID) -> Response:
        query = query_params(request, NO_LIST_PARAMS)
        return _report_response(self._call(self.events.centre_report, str(centre_id), query), f"centre-{centre_id}")

    @api("GET", "/api/v1/partners/<uuid:partner_id>/reports")
    def partner_report(self, request: Request, partner_id: UUID) -> Response:
        query = query_params(request, NO_LIST_PARAMS)
        return _report_response(self._call(self.events.partner_report, str(partner_id), query), f"partner-{partner_id}")
