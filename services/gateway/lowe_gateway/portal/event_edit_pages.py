"""Changing and calling off one of the centre's events, with the RPC calls of `PATCH /api/v1/events/{id}` and
`POST /api/v1/events/{id}/cancel`: another centre's event is not found (404), a called-off one takes no change (409).

The edit form sends only what was changed, so it cannot undo what someone else changed meanwhile: the event as it
was when the form was shown (`edited_from`, its last change) must still be the event when it is saved."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import Conflict, ServiceError
from lowe_gateway.identity.keys import CENTRE
from lowe_gateway.portal.event_forms import event_changes, event_errors, event_form, rows_to_show, session_rows
from lowe_gateway.portal.event_page_support import FORM_ERRORS, VOCABULARY, EventPagesBase, form_status
from lowe_gateway.portal.extension import Page
from lowe_gateway.portal.http import page
from lowe_gateway.portal.visits import Visit

EVENT = "/portal/events/<uuid:event_id>"
CHANGED_MEANWHILE = "changed_meanwhile"  # the templates say these in the visitor's language
BELOW_CONFIRMED = "capacity_below_confirmed"
REASON_FIELD = "reason"


def edited_from(event: dict[str, Any]) -> str:
    return str(event["updated_at"] or event["created_at"])


class EventEditPages(EventPagesBase):
    @page("GET", EVENT + "/edit", roles=(CENTRE,))
    def portal_edit_event(self, request: Request, visit: Visit, event_id: UUID) -> Page:
        event = self._event(visit, event_id)
        return self._edit_form(visit, event, _filled(event), {}, status=200 if _open(event) else 409)

    @page("POST", EVENT + "/edit", roles=(CENTRE,))
    def portal_update_event(self, request: Request, visit: Visit, event_id: UUID) -> Page | Response:
        """As `PATCH /api/v1/events/{id}` with the fields the form changed; the events service judges them."""
        centre_id, operator = self._acting(visit)
        event = self._event(visit, event_id)
        if not _open(event):  # the page says a called-off event takes no change, as the service would refuse it
            return self._edit_form(visit, event, _filled(event), {}, status=409)
        if request.form.get("edited_from") != edited_from(event):
            return self._edit_form(visit, event, _filled(event), {}, Conflict(CHANGED_MEANWHILE), 409)
        changes = event_changes(request.form, event)
        if not changes:
            return redirect(f"/portal/events/{event_id}?done=unchanged", 303)
        try:
            self._call(self.events.update_event, centre_id, str(event_id), changes, operator)
        except FORM_ERRORS as exc:
            errors = event_errors(exc.fields, session_rows(request.form))
            failure: ServiceError = exc
            if isinstance(exc, Conflict) and "capacity" in errors:  # its message counts the confirmed places
                errors["capacity"], failure = [BELOW_CONFIRMED], Conflict(BELOW_CONFIRMED)
            current = self._event(visit, event_id)
            form = request.form if _open(current) else _filled(current)
            return self._edit_form(visit, current, form, errors, failure, form_status(exc))
        return redirect(f"/portal/events/{event_id}?done=changed", 303)

    def _edit_form(
        self,
        visit: Visit,
        event: dict[str, Any],
        form: Any,
        errors: dict[str, list[str]],
        failure: ServiceError | None = None,
        status: int = 200,
    ) -> Page:
        context = {
            "event": event,
            "form": form,
            "errors": errors,
            "failure": None if failure is None else failure.message,
            "session_rows": rows_to_show(form),
            **VOCABULARY,
        }
        return self._page(visit, "event_edit.html", status, **context)

    @page("GET", EVENT + "/cancel", roles=(CENTRE,))
    def portal_confirm_event_cancellation(self, request: Request, visit: Visit, event_id: UUID) -> Page:
        """The confirm step: what calling the event off does, and a reason to give its participants."""
        event = self._event(visit, event_id)
        return self._cancel_form(visit, event, "", {}, status=200 if _open(event) else 409)

    @page("POST", EVENT + "/cancel", roles=(CENTRE,))
    def portal_cancel_event(self, request: Request, visit: Visit, event_id: UUID) -> Page | Response:
        """As `POST /api/v1/events/{id}/cancel`: a blank reason is none."""
        centre_id, operator = self._acting(visit)
        reason = str(request.form.get(REASON_FIELD, ""))
        body = {REASON_FIELD: reason if reason.strip() else None}
        try:
            self._call(self.events.cancel_event, centre_id, str(event_id), body, operator)
        except FORM_ERRORS as exc:
            event = self._event(visit, event_id)
            return self._cancel_form(visit, event, reason, exc.fields, exc, form_status(exc))
        return redirect(f"/portal/events/{event_id}?done=called_off", 303)

    def _cancel_form(
        self,
        visit: Visit,
        event: dict[str, Any],
        reason: str,
        errors: dict[str, Any],
        failure: ServiceError | None = None,
        status: int = 200,
    ) -> Page:
        context = {
            "event": event,
            "reason": reason,
            "errors": {name: messages for name, messages in errors.items() if name == REASON_FIELD},
            "failure": None if failure is None else failure.message,
        }
        return self._page(visit, "event_cancel.html", status, **context)

    def _event(self, visit: Visit, event_id: UUID) -> dict[str, Any]:
        centre_id, operator = self._acting(visit)
        event: dict[str, Any] = self._call(self.events.get_event, centre_id, str(event_id), operator)
        return event


def _open(event: dict[str, Any]) -> bool:
    return event["status"] != "cancelled"


def _filled(event: dict[str, Any]) -> Any:
    form = event_form(event)
    form["edited_from"] = edited_from(event)
    return form
