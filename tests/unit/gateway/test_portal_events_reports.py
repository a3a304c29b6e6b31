"""The reports page's figures: the period, its months, the target groups in order and the CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

from lowe_gateway.portal.event_calendar import Month
from lowe_gateway.portal.event_reports import (
    Figure,
    by_month,
    by_target_group,
    month_period,
    months_between,
    period_asked,
    report_csv,
)


def test_the_period_is_this_year_unless_chosen() -> None:
    today = date(2026, 12, 1)
    assert period_asked({}, today) == {"from": "2026-01-01", "to": "2026-12-31"}
    assert period_asked({"from": " 2026-03-01 ", "to": ""}, today) == {"from": "2026-03-01", "to": "2026-12-31"}


def test_the_months_of_a_period_and_their_parts_of_it() -> None:
    months = months_between(date(2026, 11, 15), date(2027, 1, 10))

    assert months == [Month(2026, 11), Month(2026, 12), Month(2027, 1)]
    assert month_period(months[0], date(2026, 11, 15), date(2027, 1, 10)) == {"from": "2026-11-15", "to": "2026-11-30"}
    assert month_period(months[2], date(2026, 11, 15), date(2027, 1, 10)) == {"from": "2027-01-01", "to": "2027-01-10"}


def test_every_target_group_is_shown_in_the_vocabularys_order_then_the_uncounted() -> None:
    report = {
        "breakdowns": {
            "target_group": {
                "not_consented": {"participants": 2, "participant_hours": 3.0},
                "seniors": {"participants": 4, "participant_hours": 8.5},
            }
        }
    }

    figures = by_target_group(report, str.upper)

    assert figures[0] == Figure("seniors", "SENIORS", 4, 8.5)
    assert figures[1] == Figure("unemployed", "UNEMPLOYED", 0, 0.0)
    assert [figure.category for figure in figures][-2:] == ["adult_educators", "not_consented"]


def test_the_csv_is_semicolon_separated_with_a_decimal_comma_and_a_byte_order_mark() -> None:
    months = by_month(
        {Month(2026, 1): {"participants": 3, "participant_hours": 4.5}}, lambda month: f"styczeń {month.year}"
    )
    text = report_csv(Figure("", "", 3, 4.5), [Figure("seniors", "Seniorzy", 2, 1.25)], months)

    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [
        ["section", "category", "label", "participants", "participant_hours"],
        ["total", "", "", "3", "4,5"],
        ["target_group", "seniors", "Seniorzy", "2", "1,25"],
        ["month", "2026-01", "styczeń 2026", "3", "4,5"],
    ]
