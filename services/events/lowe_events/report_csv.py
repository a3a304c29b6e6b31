"""A report as CSV, one figure per row (`section`, `category`, `measure`, `value`), so a spreadsheet can pivot it."""

from __future__ import annotations

import csv
import io
from typing import Any

HEADER = ("section", "category", "measure", "value")
TOTALS = ("events", "cancelled_events", "sessions", "participants", "participant_hours")


def report_csv(report: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerow(("period", "", "from", report["period"]["from"]))
    writer.writerow(("period", "", "to", report["period"]["to"]))
    for measure in TOTALS:
        writer.writerow(("total", "", measure, report[measure]))
    for measure, value in report["attendance"].items():
        writer.writerow(("attendance", "", measure, "" if value is None else value))
    for dimension, categories in report["breakdowns"].items():
        for category, figures in categories.items():
            for measure, value in figures.items():
                writer.writerow((dimension, category, measure, value))
    return buffer.getvalue()
