"""Recurring series in the browser: a doctor books a weekly series of 10 for a patient in
their care from the patient's page; one date is taken, so nothing is booked and the page
names that date with its nearest free times (axe clean)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_schedules_flow import collect_errors, register, signed_in_page
from tests.factories import iso
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


def test_doctor_books_a_weekly_series_that_conflicts_on_one_date(
    live_server: LiveServer, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:8]
    doctor_client = register(
        live_server, "doctor", username=f"sera{suffix}", email=f"sera{suffix}@example.org",
        fullName=f"Dr. Sera Series {suffix}", timezone="UTC",
    )  # fmt: skip
    doctor_id = doctor_client.call("GET", "/api/user")["id"]
    for day_of_week in range(7):
        doctor_client.call(
            "POST",
            "/api/schedule",
            {"dayOfWeek": day_of_week, "startTime": "09:00", "endTime": "12:00"},
            status=201,
        )
    first = (datetime.now(UTC) + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    patient = register(
        live_server, "patient", username=f"pia{suffix}", email=f"pia{suffix}@example.org",
        fullName=f"Pia Patient {suffix}", timezone="UTC",
    )  # fmt: skip
    patient_id = patient.call("GET", "/api/user")["id"]
    visit = {"doctorId": doctor_id, "startTime": iso(first + timedelta(hours=2))}
    patient.call("POST", "/api/appointments", visit, status=201)  # now in the doctor's care
    other = register(
        live_server, "patient", username=f"oli{suffix}", email=f"oli{suffix}@example.org",
        timezone="UTC",
    )  # fmt: skip
    clash = first + timedelta(weeks=4)
    other.call("POST", "/api/appointments", {"doctorId": doctor_id, "startTime": iso(clash)},
               status=201)  # fmt: skip

    page = signed_in_page(browser, live_server, doctor_client)
    errors = collect_errors(page)
    page.goto(f"/patients/{patient_id}")
    form = page.get_by_role("form", name="Book a visit for this patient")
    expect(form).to_be_visible()
    form.get_by_label("Date").fill(first.strftime("%Y-%m-%d"))
    form.get_by_label("Time").fill("09:00")
    form.get_by_label("Occurrences").fill("10")
    form.get_by_label("Repeat every (weeks)").fill("1")
    assert_no_axe_violations(page, "patient page: book a series")
    form.get_by_role("button", name="Book a series").click()

    alert = page.get_by_role("alert").filter(has_text="Nothing was booked")
    expect(alert).to_be_visible()
    dates = alert.get_by_role("list", name="Conflicting dates").get_by_role("listitem")
    expect(dates).to_have_count(1)
    when = f"{clash:%a} {clash.day} {clash:%b %Y}, 09:00"
    expect(dates.first).to_contain_text(when)
    expect(dates.first).to_contain_text("already taken")
    expect(dates.first).to_contain_text(re.compile(r"Nearest free times: .*09:30"))
    assert_no_axe_violations(page, "patient page: series conflict")
    # Nothing was booked: the patient still has only their own visit.
    assert len(patient.call("GET", "/api/appointments")) == 1
    assert [e for e in errors if "409" not in e] == []
    page.context.close()
