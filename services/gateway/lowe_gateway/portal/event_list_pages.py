"""A centre's events as a list and as a month calendar, its iCalendar feed, and scheduling a new event — from an
opportunity whose places the centre holds, or its own. As `GET/POST /api/v1/events` and the calendar and
allocations routes: the centre is always the signed-in one."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import NotFound, ServiceError
from lowe_gateway.authorization import readable_opportunity, require_centre
from lowe_gateway.identity.keys import CENTRE
from lowe_gateway.portal.event_calendar import month_grid, month_of
from lowe_gateway.portal.event_forms import SESSION_ROWS, event_body, event_errors, session_rows
from lowe_gateway.portal.event_page_support import (
    FORM_ERRORS,
    VOCABULARY,
    EventPagesBase,
    calendar_file,
    form_status,
    today_in_warsaw,
)
from lowe_gateway.portal.extension import Page
from lowe_gateway.portal.http import page
from lowe_gateway.portal.visits import Visit

LIST_PAGE_SIZE = 20
CALENDAR_PAGE_SIZE = 100
CALENDAR_MAX_PAGES = 10  # 1,000 events in one month is far beyond any centre's


class EventListPages(EventPagesBase):
    @page("GET", "/portal/events", roles=(CENTRE,))
    def portal_events(self, request: Request, visit: Visit) -> Page:
        centre_id, operator = self._acting(visit)
        feed_url = f"{self.portal.settings.base_url}/api/v1/centres/{centre_id}/calendar.ics"
        if request.args.get("view") == "calendar":
            month = month_of(request.args.get("month"), today_in_warsaw())
            period = {"from": month.first_day.isoformat(), "to": month.last_day.isoformat()}
            grid = month_grid(month, self._every_event(centre_id, operator, period), today_in_warsaw())
            return self._page(visit, "events.html", feed_url=feed_url, view="calendar", month=month, weeks=grid)
        query: dict[str, Any] = {"page_size": LIST_PAGE_SIZE}
        if request.args.get("cursor"):
            query["cursor"] = request.args["cursor"]
        listed = self._call(self.events.list_events, centre_id, query, operator)
        page_data = {"items": listed["items"], "next_cursor": listed["next_cursor"]}
        return self._page(visit, "events.html", feed_url=feed_url, view="list", **page_data)

    def _every_event(self, centre_id: str | None, operator: bool, query: dict[str, Any]) -> list[dict[str, Any]]:
        """Every event with a session in the period, page after page (the calendar shows a whole month)."""
        found: list[dict[str, Any]] = []
        cursor = None
        for _ in range(CALENDAR_MAX_PAGES):
            page_query = {**query, "page_size": CALENDAR_PAGE_SIZE, **({"cursor": cursor} if cursor else {})}
            listed = self._call(self.events.list_events, centre_id, page_query, operator)
            found.extend(listed["items"])
            cursor = listed["next_cursor"]
            if not cursor:
                break
        return found

    @page("GET", "/portal/events/calendar.ics", roles=(CENTRE,))
    def portal_events_calendar(self, request: Request, visit: Visit) -> Response:
        """As `GET /api/v1/centres/{id}/calendar.ics`, for the signed-in centre."""
        assert visit.caller is not None
        centre_id = str(visit.caller.organisation_id)
        require_centre(visit.caller, centre_id)
        return calendar_file(self._call(self.events.centre_calendar, centre_id), "lowe-events")

    @page("GET", "/portal/events/new", roles=(CENTRE,))
    def portal_new_event(self, request: Request, visit: Visit) -> Page:
        form = MultiDict({"opportunity_id": request.args.get("opportunity_id", ""), "languages": "pl"})
        return self._event_form(visit, form, {})

    @page("POST", "/portal/events/new", roles=(CENTRE,))
    def portal_create_event(self, request: Request, visit: Visit) -> Page | Response:
        """As `POST /api/v1/events`: the centre must exist; the events service judges the rest."""
        centre_id, _operator = self._acting(visit)
        try:
            self._call(self.centres.get_centre, centre_id)
            created = self._call(self.events.create_event, centre_id, event_body(request.form))
        except FORM_ERRORS as exc:
            errors = event_errors(exc.fields, session_rows(request.form))
            return self._event_form(visit, request.form, errors, exc, form_status(exc))
        return redirect(f"/portal/events/{created['id']}?created=1", 303)

    def _event_form(
        self,
        visit: Visit,
        form: Any,
        errors: dict[str, list[str]],
        failure: ServiceError | None = None,
        status: int = 200,
    ) -> Page:
        context = {
            "form": form,
            "errors": errors,
            "failure": None if failure is None else failure.message,
            "allocations": self._held_opportunities(visit),
            "session_rows": range(SESSION_ROWS),
            **VOCABULARY,
        }
        return self._page(visit, "event_new.html", status, **context)

    def _held_opportunities(self, visit: Visit) -> list[dict[str, Any]]:
        """The opportunities whose places the centre holds (as `GET /api/v1/centres/{id}/allocations`), with
        their titles, for the new event's select."""
        assert visit.caller is not None
        centre_id = str(visit.caller.organisation_id)
        require_centre(visit.caller, centre_id)
        held: dict[str, dict[str, Any]] = {}
        for allocation in self._call(self.events.list_allocations, centre_id)["items"]:
            if not allocation["held"] or allocation["opportunity_id"] in held:
                continue
            try:
                opportunity = self._call(self.partners.get_opportunity, allocation["opportunity_id"])
                readable_opportunity(visit.caller, opportunity)
            except NotFound:
                continue
            held[allocation["opportunity_id"]] = {**allocation, "title": opportunity["title"]}
        return list(held.values())
