"""Issue 21, reports, in Chromium: the admin opens Reports from the sidebar, sees the per-day
chart and its data table with a booked visit counted, and a CSV download link; axe clean."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ADMIN_PASSWORD, assert_no_axe_violations
from tests.e2e.flows import log_in
from tests.e2e.test_schedules_flow import collect_errors, register
from tests.live import LiveServer


def test_the_admin_reads_the_report_as_chart_and_table(
    live_server: LiveServer, admin: str, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:8]
    doctor = register(live_server, "doctor", username=f"rita{suffix}",
                      email=f"rita{suffix}@example.org", fullName=f"Dr. Rita Report {suffix}",
                      timezone="UTC")  # fmt: skip
    doctor.call("POST", "/api/schedule/weekly",
                {"daysOfWeek": list(range(7)), "startTime": "09:00", "endTime": "17:00"},
                status=201)  # fmt: skip
    patient = register(live_server, "patient", username=f"pia{suffix}",
                       email=f"pia{suffix}@example.org",
                       fullName=f"Pia Patient {suffix}")  # fmt: skip
    doctor_id = doctor.call("GET", "/api/user")["id"]
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date()
    slots = patient.call("GET", f"/api/doctors/{doctor_id}/slots?from={tomorrow}&to={tomorrow}")
    patient.call("POST", "/api/appointments", {"doctorId": doctor_id, **slots[0]}, status=201)

    page = browser.new_context(base_url=live_server.url).new_page()
    errors = collect_errors(page)
    log_in(page, live_server.url, admin, ADMIN_PASSWORD)
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    page.get_by_label("From", exact=True).fill(tomorrow.isoformat())
    page.get_by_label("To", exact=True).fill(tomorrow.isoformat())
    page.get_by_role("button", name="Show report").click()
    chart = page.get_by_role("figure", name="Bookings per day")
    expect(
        chart.get_by_role("application", name="Bookings, cancellations and no-shows per day")
    ).to_be_visible()
    days = page.get_by_role("table", name="Per day")
    expect(days.get_by_role("row", name=f"{tomorrow.isoformat()} 1 0 0")).to_be_visible()
    doctors = page.get_by_role("table", name="Per doctor")
    expect(doctors.get_by_role("rowheader", name=f"Dr. Rita Report {suffix}")).to_be_visible()
    link = page.get_by_role("link", name="Download per doctor as CSV")
    expect(link).to_have_attribute(
        "href", f"/api/reports/doctors.csv?from={tomorrow}&to={tomorrow}"
    )
    assert_no_axe_violations(page, "admin: reports")
    # The login page asks who is signed in first: that 401 is expected.
    assert [e for e in errors if "401" not in e] == []
