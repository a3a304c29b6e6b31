"""The reports page's figures: the period asked for, its months, the participants by target group and the
participant-hours per month (each month one participation report of the events service), and the same figures
as CSV in the Polish spreadsheet convention: `;` between fields, a decimal comma, UTF-8 with a byte-order mark."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from lowe_backbone.contracts.vocabulary import TARGET_GROUPS
from lowe_gateway.portal.event_calendar import Month

MAX_MONTHS = 24
UNCOUNTED = ("unknown", "not_consented", "erased")  # how the events service files those it cannot place
CSV_HEADER = ("section", "category", "label", "participants", "participant_hours")
BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True)
class Figure:
    """One row of a chart's data table (and of the CSV): a category, its participants and participant-hours."""

    category: str
    label: str
    participants: int
    participant_hours: float


def period_asked(args: Mapping[str, str], today: date) -> dict[str, str]:
    """`from` and `to` as given; this calendar year when left out."""
    return {
        "from": (args.get("from") or "").strip() or date(today.year, 1, 1).isoformat(),
        "to": (args.get("to") or "").strip() or date(today.year, 12, 31).isoformat(),
    }


def months_between(starts: date, ends: date) -> list[Month]:
    months, month = [], Month(starts.year, starts.month)
    while month.first_day <= ends:
        months.append(month)
        month = month.next
    return months


def month_period(month: Month, starts: date, ends: date) -> dict[str, str]:
    """The part of the period in that month, as a report query's `from` and `to`."""
    return {"from": max(month.first_day, starts).isoformat(), "to": min(month.last_day, ends).isoformat()}


def by_target_group(report: Mapping[str, Any], label: Callable[[str], str]) -> list[Figure]:
    """Every target group (none left out, so a chart compares them all), then those the service could not place."""
    breakdown: Mapping[str, Any] = report["breakdowns"].get("target_group", {})
    order = [*TARGET_GROUPS, *(code for code in UNCOUNTED if code in breakdown)]
    empty = {"participants": 0, "participant_hours": 0.0}
    return [
        Figure(
            code,
            label(code),
            breakdown.get(code, empty)["participants"],
            breakdown.get(code, empty)["participant_hours"],
        )
        for code in order
    ]


def by_month(reports: Mapping[Month, Mapping[str, Any]], label: Callable[[Month], str]) -> list[Figure]:
    return [
        Figure(str(month), label(month), report["participants"], report["participant_hours"])
        for month, report in reports.items()
    ]


def _decimal(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def report_csv(total: Figure, target_groups: list[Figure], months: list[Figure]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for section, figures in (("total", [total]), ("target_group", target_groups), ("month", months)):
        for figure in figures:
            row = (section, figure.category, figure.label, figure.participants, _decimal(figure.participant_hours))
            writer.writerow(row)
    return BYTE_ORDER_MARK + buffer.getvalue()
