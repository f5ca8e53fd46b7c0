"""Visit types in the browser: a doctor adds one with buffers on the Schedule page; a patient
picks it before a time, books it, and sees it (name and colour) on their appointments."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_schedules_flow import collect_errors, register, signed_in_page
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


def test_doctor_adds_a_visit_type_and_a_patient_books_it(
    live_server: LiveServer, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:8]
    doctor_client = register(
        live_server,
        "doctor",
        username=f"vera{suffix}",
        email=f"vera{suffix}@example.org",
        fullName=f"Dr. Vera Types {suffix}",
        timezone="UTC",
    )
    doctor_id = doctor_client.call("GET", "/api/user")["id"]
    for day_of_week in range(7):
        doctor_client.call(
            "POST",
            "/api/schedule",
            {"dayOfWeek": day_of_week, "startTime": "09:00", "endTime": "12:00"},
            status=201,
        )

    # The doctor adds "Follow-up", 15 minutes on a 15-minute grid, a 15-minute buffer after.
    page = signed_in_page(browser, live_server, doctor_client)
    errors = collect_errors(page)
    page.goto("/schedule")
    section = page.get_by_role("region", name="Visit types")
    expect(section.get_by_text("Consultation")).to_be_visible()
    expect(section.get_by_text("Default")).to_be_visible()
    section.get_by_role("button", name="Add visit type").click()
    form = page.get_by_role("form", name="New visit type")
    form.get_by_label("Name").fill("Follow-up")
    form.get_by_label("Length (minutes)").fill("15")
    form.get_by_label("Start every (minutes)").fill("15")
    form.get_by_label("Buffer after (minutes)").fill("15")
    form.get_by_label("Where").select_option("video")
    form.get_by_label("Description (shown to patients)").fill("A short check of your results.")
    assert_no_axe_violations(page, "schedule: new visit type form")
    form.get_by_role("button", name="Save visit type").click()
    expect(page.get_by_text("Visit type saved", exact=True)).to_be_visible()
    listed = page.get_by_role("list", name="Visit types")
    expect(listed.get_by_text("Follow-up")).to_be_visible()
    expect(listed.get_by_text(re.compile(r"15 min · Video · buffers 0/15 min"))).to_be_visible()
    assert_no_axe_violations(page, "schedule: visit types")
    assert errors == []
    page.context.close()

    # The patient picks the type first, then a time of that type, and books it.
    patient_client = register(
        live_server,
        "patient",
        username=f"pat{suffix}",
        email=f"pat{suffix}@example.org",
        timezone="UTC",
    )
    page = signed_in_page(browser, live_server, patient_client)
    errors = collect_errors(page)
    page.goto(f"/book/{doctor_id}")
    expect(page.get_by_role("heading", name="What kind of visit?")).to_be_visible()
    assert_no_axe_violations(page, "booking: visit type step")
    page.get_by_role("button", name=re.compile("Follow-up.*15 min · Video")).click()
    expect(page.get_by_role("heading", name="Pick a day and a time")).to_be_focused()
    # The second day with free times: the first may be today, its morning already past.
    page.get_by_role("group", name="Day").get_by_role("button").nth(1).click()
    times = page.get_by_role("group", name=re.compile("^Time on"))
    expect(times.get_by_role("button", name="09:15")).to_be_visible()  # the 15-minute grid
    times.get_by_role("button", name="09:15").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Follow-up · 15 min · Video")).to_be_visible()
    assert_no_axe_violations(page, "booking: confirm with a visit type")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    page.get_by_role("link", name="My appointments").click()
    expect(page.get_by_text("Follow-up").first).to_be_visible()
    assert_no_axe_violations(page, "my appointments with visit types")
    assert errors == []
    page.context.close()

    [booked] = patient_client.call("GET", "/api/appointments")
    assert booked["visitType"]["name"] == "Follow-up"
    assert booked["endTime"][11:16] == "09:30"
    # Its buffer keeps 09:30 out of every type's slots; 09:45 is free again.
    day = booked["startTime"][:10]
    slots = patient_client.call("GET", f"/api/doctors/{doctor_id}/slots?from={day}&to={day}")
    starts = [slot["startTime"][11:16] for slot in slots]
    assert "09:30" not in starts and "10:00" in starts
