"""The centre's participation report: participants by target group and participant-hours per month as charts
(SVG drawn here, each with its data table), a period to choose, and the same figures as a CSV file. Every figure
comes from the events service's participation report, scoped as `GET /api/v1/reports/participation` scopes it
(`report_scope`: a centre sees its own figures only); each month is one report of its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import InvalidInput
from lowe_gateway.events_routes import report_scope
from lowe_gateway.identity.keys import CENTRE
from lowe_gateway.portal.charts import Bar, bar_chart
from lowe_gateway.portal.event_calendar import Month
from lowe_gateway.portal.event_forms import flat_errors
from lowe_gateway.portal.event_page_support import EventPagesBase, today_in_warsaw
from lowe_gateway.portal.event_reports import (
    MAX_MONTHS,
    Figure,
    by_month,
    by_target_group,
    month_period,
    months_between,
    period_asked,
    report_csv,
)
from lowe_gateway.portal.extension import Page
from lowe_gateway.portal.http import page
from lowe_gateway.portal.visits import Visit

TOO_MANY_MONTHS = "too_many_months"  # the template says it in the visitor's language


@dataclass(frozen=True)
class Figures:
    report: dict[str, Any]
    total: Figure
    target_groups: list[Figure]
    months: list[Figure]


class EventReportPages(EventPagesBase):
    @page("GET", "/portal/reports", roles=(CENTRE,))
    def portal_reports(self, request: Request, visit: Visit) -> Page:
        period = period_asked(request.args, today_in_warsaw())
        try:
            figures = self._figures(visit, period)
        except InvalidInput as exc:
            return self._page(visit, "reports.html", 400, period=period, errors=_period_errors(exc), figures=None)
        number = self._filter(visit, "format_number")
        charts = {
            "target_groups": bar_chart(
                [Bar(f.label, f.participants) for f in figures.target_groups], "chart-target-groups", number, True
            ),
            "months": bar_chart([Bar(f.label, f.participant_hours) for f in figures.months], "chart-months", number),
        }
        return self._page(visit, "reports.html", period=period, errors={}, figures=figures, charts=charts)

    @page("GET", "/portal/reports.csv", roles=(CENTRE,))
    def portal_reports_csv(self, request: Request, visit: Visit) -> Response:
        period = period_asked(request.args, today_in_warsaw())
        figures = self._figures(visit, period)
        body = report_csv(figures.total, figures.target_groups, figures.months)
        response = Response(body, mimetype="text/csv")
        name = f"lowe-report-{figures.report['period']['from']}-{figures.report['period']['to']}.csv"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def _figures(self, visit: Visit, period: dict[str, str]) -> Figures:
        report = self._report(visit, period)
        starts, ends = date.fromisoformat(report["period"]["from"]), date.fromisoformat(report["period"]["to"])
        months = months_between(starts, ends)
        if len(months) > MAX_MONTHS:
            raise InvalidInput("Too many months for the monthly figures.", {"to": [TOO_MANY_MONTHS]})
        monthly = {month: self._report(visit, month_period(month, starts, ends)) for month in months}
        total = Figure("", "", report["participants"], report["participant_hours"])
        groups = by_target_group(report, lambda code: self._label(visit, "target_group_label", code))
        return Figures(report, total, groups, by_month(monthly, lambda month: self._month_label(visit, month)))

    def _report(self, visit: Visit, period: dict[str, str]) -> dict[str, Any]:
        assert visit.caller is not None
        scoped = report_scope(visit.caller, {**period, "format": "json"})
        report: dict[str, Any] = self._call(self.events.participation_report, scoped)["report"]
        return report

    def _month_label(self, visit: Visit, month: Month) -> str:
        return self._filter(visit, "format_date")(month.first_day, "LLL y")


def _period_errors(exc: InvalidInput) -> dict[str, list[str]]:
    """The service's errors about the period, at the control they concern (`from`, `to`)."""
    errors: dict[str, list[str]] = {}
    for key, messages in flat_errors(exc.fields).items():
        errors.setdefault("from" if key == "from" else "to", []).extend(messages)
    return errors
