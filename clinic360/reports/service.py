"""The report: each domain aggregates its own tables in SQL (appointments' statistics,
schedules' open hours); this module only joins the per-group rows (a few thousand at most)
and names them. One read-only transaction, so every table comes from one snapshot."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from clinic360.accounts.doctors import names_of as doctor_names
from clinic360.accounts.models import User
from clinic360.appointments.daily import per_day
from clinic360.appointments.statistics import Figures, Scope, every_grouping
from clinic360.core.db import transaction
from clinic360.core.errors import Forbidden
from clinic360.reports.access import may_read_reports
from clinic360.reports.errors import InvalidReportRange
from clinic360.reports.schemas import (
    DayRow,
    DoctorRow,
    Measures,
    Report,
    ReportQuery,
    Totals,
    VisitTypeRow,
)
from clinic360.schedules.open_hours import open_minutes
from clinic360.schedules.visit_types import names_of as type_names


def _check_range(first: date, last: date) -> None:
    if last < first:
        raise InvalidReportRange({"to": "must not be before `from`"})
    limit = current_app.config["REPORTS_MAX_RANGE_DAYS"]
    if (last - first).days + 1 > limit:
        raise InvalidReportRange({"to": f"a report covers at most {limit} days"})


def _instant(zone: ZoneInfo, day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _measures(row: Figures | None) -> dict[str, object]:
    if row is None:
        row = Figures(None, None, 0, 0, 0, 0, 0.0, None, None, 0, 0)
    kept = row.bookings - row.cancellations
    lead = row.lead_median_hours, row.lead_average_hours
    return Measures(
        bookings=row.bookings,
        cancellations=row.cancellations,
        late_cancellations=row.late_cancellations,
        no_shows=row.no_shows,
        no_show_rate=_ratio(row.no_shows, kept),
        booked_hours=round(row.booked_minutes / 60, 2),
        lead_time_median_hours=None if lead[0] is None else round(lead[0], 2),
        lead_time_average_hours=None if lead[1] is None else round(lead[1], 2),
        new_patients=row.new_patients,
        returning_patients=row.returning_patients,
    ).model_dump()


def report(viewer: User, query: ReportQuery) -> Report:
    """The report of `query`'s range for `viewer` (403 unless `may_read_reports`)."""
    if not may_read_reports(viewer):
        raise Forbidden()
    first, last = query.from_, query.to
    _check_range(first, last)
    zone = ZoneInfo(current_app.config["REPORTS_TIMEZONE"])
    scope = Scope(
        _instant(zone, first),
        _instant(zone, last + timedelta(days=1)),
        query.doctor_id,
        query.visit_type_id,
    )
    with transaction(write=False) as session:
        grouped = every_grouping(session, scope)
        by_type = grouped["visit_type"]
        by_doctor = {row.doctor_id: row for row in grouped["doctor"]}
        total = grouped["total"]
        days = per_day(session, scope, zone)
        doctor_ids = [query.doctor_id] if query.doctor_id is not None else None
        hours = (
            {}
            if query.visit_type_id is not None and not by_doctor
            else open_minutes(session, first, last, doctor_ids)
        )
        if query.visit_type_id is not None:
            hours = {key: value for key, value in hours.items() if key in by_doctor}
        names = doctor_names(session, {*hours, *(key for key in by_doctor if key is not None)})
        kinds = type_names(session, [r.visit_type_id for r in by_type if r.visit_type_id])
    doctors = []
    for doctor_id in sorted(set(hours) | {key for key in by_doctor if key is not None}):
        measures = _measures(by_doctor.get(doctor_id))
        open_hours = round(hours.get(doctor_id, 0) / 60, 2)
        doctors.append(
            DoctorRow(
                **measures,
                doctor_id=doctor_id,
                doctor_name=names.get(doctor_id, ""),
                open_hours=open_hours,
                utilization=_ratio(float(str(measures["booked_hours"])), open_hours),
            )
        )
    open_total = round(sum(hours.values()) / 60, 2)
    totals = _measures(total[0] if total else None)
    return Report(
        **{"from": first},
        to=last,
        timezone=zone.key,
        totals=Totals(
            **totals,
            open_hours=open_total,
            utilization=_ratio(float(str(totals["booked_hours"])), open_total),
        ),
        doctors=doctors,
        visit_types=[
            VisitTypeRow(
                **_measures(row),
                doctor_id=int(row.doctor_id or 0),
                doctor_name=names.get(int(row.doctor_id or 0), ""),
                visit_type_id=row.visit_type_id,
                visit_type_name=kinds.get(row.visit_type_id or 0, ""),
            )
            for row in sorted(by_type, key=lambda r: (r.doctor_id or 0, r.visit_type_id or 0))
        ],
        days=[
            DayRow(
                date=day.day,
                bookings=day.bookings,
                cancellations=day.cancellations,
                no_shows=day.no_shows,
            )
            for day in days
        ],
    )
