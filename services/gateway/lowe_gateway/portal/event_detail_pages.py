"""One event of the centre: its details, sessions and places, the registrations and the waiting list in order,
registering and cancelling (the first on the waiting list takes the place), and each session's attendance sheet.
The same RPC calls as `/api/v1/events/{id}/...`: another centre's event is not found (404)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from werkzeug.datastructures import MultiDict
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import NotFound, ServiceError
from lowe_gateway.identity.keys import CENTRE
from lowe_gateway.portal.event_forms import registration_body, registration_errors
from lowe_gateway.portal.event_page_support import (
    FORM_ERRORS,
    VOCABULARY,
    EventPagesBase,
    calendar_file,
    form_status,
)
from lowe_gateway.portal.extension import Page
from lowe_gateway.portal.http import page
from lowe_gateway.portal.visits import Visit

EVENT = "/portal/events/<uuid:event_id>"
SHEET = EVENT + "/sessions/<uuid:session_id>/attendance"
CONSENT_VERSION = "portal-2026-01"  # the consent form's version the registration form offers (it may be changed)
NOTICES = ("created", "registered", "cancelled", "promoted")
DONE = ("changed", "unchanged", "called_off")  # what `event_edit_pages` says it did to the event


def waiting_list(participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((p for p in participants if p["status"] == "waitlisted"), key=lambda p: p["position"] or 0)


def promoted_by(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Those waiting before a cancellation who hold a place after it."""
    waiting = {p["id"] for p in before if p["status"] == "waitlisted"}
    return [p for p in after if p["id"] in waiting and p["status"] == "confirmed"]


class EventDetailPages(EventPagesBase):
    @page("GET", EVENT, roles=(CENTRE,))
    def portal_event(self, request: Request, visit: Visit, event_id: UUID) -> Page:
        form = MultiDict({"consent_version": CONSENT_VERSION, "language": visit.language})
        return self._event_page(visit, event_id, form, {}, notices=request.args)

    def _event_page(
        self,
        visit: Visit,
        event_id: UUID,
        form: Any,
        errors: dict[str, list[str]],
        failure: ServiceError | None = None,
        status: int = 200,
        notices: Any = None,
    ) -> Page:
        centre_id, operator = self._acting(visit)
        event = self._call(self.events.get_event, centre_id, str(event_id), operator)
        participants = self._call(self.events.list_registrations, centre_id, str(event_id), operator)["items"]
        by_id = {participant["id"]: participant for participant in participants}
        shown = {name: by_id.get((notices or {}).get(name) or "") for name in NOTICES}
        context = {
            "event": event,
            "confirmed": [p for p in participants if p["status"] == "confirmed"],
            "waiting": waiting_list(participants),
            "cancelled": [p for p in participants if p["status"] == "cancelled"],
            "notices": shown,
            "created": bool((notices or {}).get("created")),
            "done": (notices or {}).get("done") if (notices or {}).get("done") in DONE else None,
            "form": form,
            "errors": errors,
            "failure": None if failure is None else failure.message,
            **VOCABULARY,
        }
        return self._page(visit, "event.html", status, **context)

    @page("GET", EVENT + "/event.ics", roles=(CENTRE,))
    def portal_event_calendar(self, request: Request, visit: Visit, event_id: UUID) -> Response:
        centre_id, operator = self._acting(visit)
        ics = self._call(self.events.event_calendar, centre_id, str(event_id), operator)
        return calendar_file(ics, f"event-{event_id}")

    @page("POST", EVENT + "/registrations", roles=(CENTRE,))
    def portal_register_participant(self, request: Request, visit: Visit, event_id: UUID) -> Page | Response:
        """As `POST /api/v1/events/{id}/registrations`: confirmed while places are free, else waiting."""
        centre_id, operator = self._acting(visit)
        try:
            body = registration_body(request.form)
            placed = self._call(self.events.register_participant, centre_id, str(event_id), body, operator)
        except FORM_ERRORS as exc:
            errors = registration_errors(exc.fields)
            return self._event_page(visit, event_id, request.form, errors, exc, form_status(exc))
        return redirect(f"/portal/events/{event_id}?registered={placed['id']}#participants", 303)

    @page("POST", EVENT + "/registrations/<uuid:registration_id>/cancel", roles=(CENTRE,))
    def portal_cancel_registration(
        self, request: Request, visit: Visit, event_id: UUID, registration_id: UUID
    ) -> Response:
        """As `DELETE /api/v1/events/{id}/registrations/{id}`; the page then says who took the place."""
        centre_id, operator = self._acting(visit)
        before = self._call(self.events.list_registrations, centre_id, str(event_id), operator)["items"]
        ids = centre_id, str(event_id), str(registration_id)
        self._call(self.events.cancel_registration, *ids, operator)
        after = self._call(self.events.list_registrations, centre_id, str(event_id), operator)["items"]
        promoted = "".join(f"&promoted={p['id']}" for p in promoted_by(before, after)[:1])
        return redirect(f"/portal/events/{event_id}?cancelled={registration_id}{promoted}#participants", 303)

    @page("GET", SHEET, roles=(CENTRE,))
    def portal_attendance(self, request: Request, visit: Visit, event_id: UUID, session_id: UUID) -> Page:
        return self._attendance_page(visit, event_id, session_id, saved=request.args.get("saved") == "1")

    @page("POST", SHEET, roles=(CENTRE,))
    def portal_record_attendance(
        self, request: Request, visit: Visit, event_id: UUID, session_id: UUID
    ) -> Page | Response:
        """As `PUT /api/v1/events/{id}/sessions/{id}/attendance`: a mark for every confirmed participant, present
        when ticked. Only this event's own participants are marked, whatever the form carries."""
        centre_id, operator = self._acting(visit)
        participants = self._call(self.events.list_registrations, centre_id, str(event_id), operator)["items"]
        ticked = set(request.form.getlist("present"))
        marks = [
            {"registration_id": p["id"], "present": p["id"] in ticked}
            for p in participants
            if p["status"] == "confirmed"
        ]
        ids = centre_id, str(event_id), str(session_id)
        try:
            self._call(self.events.record_attendance, *ids, {"attendance": marks}, operator)
        except FORM_ERRORS as exc:
            return self._attendance_page(visit, event_id, session_id, failure=exc, status=form_status(exc))
        return redirect(f"/portal/events/{event_id}/sessions/{session_id}/attendance?saved=1", 303)

    def _attendance_page(
        self,
        visit: Visit,
        event_id: UUID,
        session_id: UUID,
        saved: bool = False,
        failure: ServiceError | None = None,
        status: int = 200,
    ) -> Page:
        centre_id, operator = self._acting(visit)
        event = self._call(self.events.get_event, centre_id, str(event_id), operator)
        session = next((s for s in event["sessions"] if s["id"] == str(session_id)), None)
        if session is None:
            raise NotFound("Session not found.", {"session_id": str(session_id)})
        participants = self._call(self.events.list_registrations, centre_id, str(event_id), operator)["items"]
        rows = [
            {**p, "mark": next((m for m in p["attendance"] if m["session_id"] == session["id"]), None)}
            for p in participants
            if p["status"] == "confirmed"
        ]
        context = {"event": event, "session": session, "rows": rows, "saved": saved}
        context["failure"] = None if failure is None else failure.message
        return self._page(visit, "attendance.html", status, **context)
