"""CSV export of a report's tables, safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by Excel, LibreOffice and Google Sheets (CSV injection; a doctor's or visit type's name is
typed by users). Such text cells get a leading apostrophe, OWASP's advice; numbers are
written as numbers (a negative number is never produced here).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Literal

from clinic360.reports.schemas import Report

Table = Literal["doctors", "visit-types", "days"]
TABLES: tuple[Table, ...] = ("doctors", "visit-types", "days")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MEASURES = (
    "bookings",
    "cancellations",
    "late_cancellations",
    "no_shows",
    "no_show_rate",
    "booked_hours",
    "lead_time_median_hours",
    "lead_time_average_hours",
    "new_patients",
    "returning_patients",
)
COLUMNS: dict[Table, tuple[str, ...]] = {
    "doctors": ("doctor_id", "doctor_name", "open_hours", "utilization", *_MEASURES),
    "visit-types": ("doctor_id", "doctor_name", "visit_type_id", "visit_type_name", *_MEASURES),
    "days": ("date", "bookings", "cancellations", "no_shows"),
}


def safe_cell(value: object) -> object:
    """The value as written to CSV: text that a spreadsheet would run gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(report: Report, table: Table) -> str:
    """One table of the report as CSV text (header row of snake_case column names)."""
    tables: dict[Table, Sequence[object]] = {
        "doctors": report.doctors,
        "visit-types": report.visit_types,
        "days": report.days,
    }
    rows = tables[table]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS[table])
    for row in rows:
        writer.writerow([safe_cell(getattr(row, name)) for name in COLUMNS[table]])
    return buffer.getvalue()
