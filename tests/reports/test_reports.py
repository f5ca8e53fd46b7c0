"""Reports (issue #21): exact figures from known data on both databases, the range rules,
who may read them, and the CSV export (formula-safe cells)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask_openapi3 import OpenAPI

from tests.factories import admin_party, insert_appointment, new_party, open_doctor
from tests.helpers import ApiClient, problem


def _monday_weeks_ahead(weeks: int = 3) -> date:
    today = datetime.now(UTC).date()
    return today + timedelta(days=7 * weeks - today.weekday())


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


class Clinic:
    """One week (Monday to Sunday) of a doctor whose numbers are worked out by hand."""

    def __init__(self, app: OpenAPI, new_client: Callable[[], ApiClient]) -> None:
        self.admin = admin_party(app)
        self.monday = monday = _monday_weeks_ahead()
        self.sunday = monday + timedelta(days=6)
        doctor = new_party(new_client(), "doctor", fullName='=HYPERLINK("http://x")')
        self.doctor = doctor
        for day_of_week in range(1, 6):  # Monday to Friday 09:00-17:00, lunch closed 12-13
            for start, end, open_ in (("09:00", "17:00", True), ("12:00", "13:00", False)):
                doctor.client.call("POST", "/api/schedule", {
                    "dayOfWeek": day_of_week, "startTime": start, "endTime": end,
                    "isAvailable": open_}, status=201)  # fmt: skip
        thursday, saturday = monday + timedelta(days=3), monday + timedelta(days=5)
        doctor.client.call("POST", "/api/schedule", {
            "date": thursday.isoformat(), "startTime": "14:00", "endTime": "17:00",
            "isAvailable": False}, status=201)  # fmt: skip
        doctor.client.call("POST", "/api/schedule", {
            "date": saturday.isoformat(), "startTime": "10:00", "endTime": "12:00",
            "isAvailable": True}, status=201)  # fmt: skip
        wednesday = monday + timedelta(days=2)
        self.admin.client.call(
            "POST",
            "/api/admin/closures",
            {"date": wednesday.isoformat(), "name": "Inventory"},
            status=201,
        )
        # Mon–Fri 7 h a day, less the closed Wednesday (28 h), less Thursday's 3 h of time
        # off, plus Saturday's 2 extra hours: 27 h.
        consult = self._type("Check-up", 30, 24)
        long = self._type("+Long visit", 60, 0)
        self.consult, self.long = consult, long
        p1, p2, p3 = (new_party(new_client()).id for _ in range(3))
        self.patients = (p1, p2, p3)
        tuesday, friday = monday + timedelta(days=1), monday + timedelta(days=4)

        def visit(
            patient: int,
            start: datetime,
            kind: int,
            minutes: int,
            status: str,
            lead_hours: int,
            cancelled_before: int | None = None,
        ) -> int:
            return insert_appointment(
                app, patient, doctor.id, start, minutes=minutes, status=status,
                visit_type_id=kind, booked_at=start - timedelta(hours=lead_hours),
                cancelled_at=None if cancelled_before is None
                else start - timedelta(hours=cancelled_before),
            )  # fmt: skip

        visit(p1, _at(monday, 9) - timedelta(days=7), consult, 30, "completed", 5)  # history
        visit(p1, _at(monday, 9), consult, 30, "completed", 48)
        visit(p2, _at(monday, 10), long, 60, "no_show", 24)
        visit(p3, _at(tuesday, 9), consult, 30, "scheduled", 72)
        visit(p1, _at(tuesday, 10), consult, 30, "cancelled", 100, cancelled_before=10)  # late
        visit(p2, _at(friday, 9), consult, 30, "cancelled", 100, cancelled_before=48)
        visit(p3, _at(friday, 10), long, 60, "cancelled", 100, cancelled_before=1)  # no notice
        visit(p2, _at(monday, 9) + timedelta(days=8), consult, 30, "scheduled", 5)  # after
        self.idle = open_doctor(new_client(), start="08:00", end="18:00")  # 10 h × 6 days

    def _type(self, name: str, minutes: int, notice_hours: int) -> int:
        created = self.doctor.client.call("POST", "/api/visit-types", {
            "name": name, "durationMinutes": minutes, "cancelNoticeHours": notice_hours},
            status=201)  # fmt: skip
        return int(created["id"])

    def query(self, **extra: object) -> str:
        params = {"from": self.monday.isoformat(), "to": self.sunday.isoformat(), **extra}
        return "&".join(f"{key}={value}" for key, value in params.items())


@pytest.fixture
def clinic(app: OpenAPI, new_client: Callable[[], ApiClient]) -> Clinic:
    return Clinic(app, new_client)


def _row(rows: list[dict[str, Any]], **match: object) -> dict[str, Any]:
    return next(row for row in rows if all(row[k] == v for k, v in match.items()))


def test_the_admin_reads_exact_figures(clinic: Clinic) -> None:
    report = clinic.admin.client.call("GET", f"/api/reports?{clinic.query()}")
    assert report["from"] == clinic.monday.isoformat() and report["timezone"] == "UTC"
    doctor = _row(report["doctors"], doctorId=clinic.doctor.id)
    assert doctor == {
        "doctorId": clinic.doctor.id,
        "doctorName": '=HYPERLINK("http://x")',
        "openHours": 27.0,
        "bookedHours": 2.0,
        "utilization": round(2 / 27, 4),
        "bookings": 6,
        "cancellations": 3,
        "lateCancellations": 1,
        "noShows": 1,
        "noShowRate": round(1 / 3, 4),
        "leadTimeMedianHours": 48.0,
        "leadTimeAverageHours": 48.0,
        "newPatients": 2,
        "returningPatients": 1,
    }
    idle = _row(report["doctors"], doctorId=clinic.idle.id)
    assert (idle["openHours"], idle["bookings"], idle["utilization"]) == (60.0, 0, 0.0)
    consult = _row(report["visitTypes"], visitTypeId=clinic.consult)
    assert {k: consult[k] for k in ("bookings", "cancellations", "lateCancellations",
                                     "noShows", "noShowRate", "bookedHours",
                                     "leadTimeMedianHours", "newPatients",
                                     "returningPatients")} == {
        "bookings": 4, "cancellations": 2, "lateCancellations": 1, "noShows": 0,
        "noShowRate": 0.0, "bookedHours": 1.0, "leadTimeMedianHours": 60.0,
        "newPatients": 1, "returningPatients": 1}  # fmt: skip
    long = _row(report["visitTypes"], visitTypeId=clinic.long)
    assert (long["visitTypeName"], long["bookings"], long["lateCancellations"]) == (
        "+Long visit", 2, 0)  # fmt: skip
    assert (long["noShowRate"], long["leadTimeMedianHours"], long["newPatients"]) == (1.0, 24.0, 1)
    monday, tuesday, friday = ((clinic.monday + timedelta(days=n)).isoformat() for n in (0, 1, 4))
    assert report["days"] == [
        {"date": monday, "bookings": 2, "cancellations": 0, "noShows": 1},
        {"date": tuesday, "bookings": 2, "cancellations": 1, "noShows": 0},
        {"date": friday, "bookings": 2, "cancellations": 2, "noShows": 0},
    ]
    totals = report["totals"]
    assert (totals["openHours"], totals["bookings"], totals["newPatients"]) == (87.0, 6, 2)


def test_filters_narrow_the_report(clinic: Clinic) -> None:
    only = clinic.admin.client.call(
        "GET", f"/api/reports?{clinic.query(doctorId=clinic.doctor.id, visitTypeId=clinic.long)}"
    )
    assert [row["doctorId"] for row in only["doctors"]] == [clinic.doctor.id]
    assert [row["visitTypeId"] for row in only["visitTypes"]] == [clinic.long]
    assert only["totals"]["bookings"] == 2 and only["totals"]["noShows"] == 1


def test_a_bad_range_is_a_problem(app: OpenAPI) -> None:
    admin = admin_party(app)
    reversed_ = admin.client.get("/api/reports?from=2030-01-10&to=2030-01-09")
    assert problem(reversed_, 422, "invalid_report_range")["errors"] == {
        "to": "must not be before `from`"
    }
    too_long = admin.client.get("/api/reports?from=2030-01-01&to=2031-01-02")
    problem(too_long, 422, "invalid_report_range")
    app.config["REPORTS_MAX_RANGE_DAYS"] = 400
    assert admin.client.get("/api/reports?from=2030-01-01&to=2031-01-02").status_code == 200
    assert admin.client.get("/api/reports?from=2030-02-30&to=2030-03-01").status_code == 422
    assert admin.client.get("/api/reports?from=2030-01-01").status_code == 422
    assert (
        admin.client.get("/api/reports/days.csv?from=2030-01-02&to=2030-01-01").status_code == 422
    )


def test_patients_and_doctors_are_refused(
    app: OpenAPI, new_client: Callable[[], ApiClient]
) -> None:
    query = "from=2030-01-01&to=2030-01-31"
    patient = new_party(new_client())
    doctor = open_doctor(new_client())
    for party in (patient, doctor):
        for path in ("/api/reports", "/api/reports/doctors.csv"):
            problem(party.client.get(f"{path}?{query}"), 403, "forbidden")
    problem(new_client().get(f"/api/reports?{query}"), 401, "unauthenticated")


def test_csv_export_is_an_attachment_with_formula_safe_cells(clinic: Clinic) -> None:
    response = clinic.admin.client.get(f"/api/reports/doctors.csv?{clinic.query()}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="report-')
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    mine = next(row for row in rows if row["doctor_id"] == str(clinic.doctor.id))
    assert mine["doctor_name"] == '\'=HYPERLINK("http://x")'
    assert (mine["open_hours"], mine["late_cancellations"], mine["no_show_rate"]) == (
        "27.0", "1", str(round(1 / 3, 4)))  # fmt: skip
    types = clinic.admin.client.get(f"/api/reports/visit-types.csv?{clinic.query()}")
    names = {
        row["visit_type_name"] for row in csv.DictReader(io.StringIO(types.get_data(as_text=True)))
    }
    assert "'+Long visit" in names and "Check-up" in names
    days = clinic.admin.client.get(f"/api/reports/days.csv?{clinic.query()}")
    assert days.get_data(as_text=True).splitlines()[0] == "date,bookings,cancellations,no_shows"


def test_days_are_read_on_the_reports_clock(
    app: OpenAPI, new_client: Callable[[], ApiClient]
) -> None:
    admin = admin_party(app)
    doctor, patient = open_doctor(new_client()), new_party(new_client())
    monday = _monday_weeks_ahead()
    insert_appointment(app, patient.id, doctor.id, _at(monday, 12))  # 01:00 Tuesday in Auckland
    app.config["REPORTS_TIMEZONE"] = "Pacific/Auckland"
    week = f"from={monday.isoformat()}&to={(monday + timedelta(days=6)).isoformat()}"
    report = admin.client.call("GET", f"/api/reports?{week}")
    assert report["timezone"] == "Pacific/Auckland"
    tuesday = (monday + timedelta(days=1)).isoformat()
    assert report["days"] == [{"date": tuesday, "bookings": 1, "cancellations": 0, "noShows": 0}]
    monday_only = admin.client.call("GET", f"/api/reports?from={monday}&to={monday}")
    assert monday_only["days"] == [] and monday_only["totals"]["bookings"] == 0
