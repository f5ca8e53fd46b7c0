"""Issue 17, closures and absence, in Chromium: the admin imports a country's public holidays
and the next one has no free time on a doctor's page; a doctor adds time off over a booked
appointment, is shown it, and confirms cancelling it. Every page on the way is checked with
axe."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta

import holidays
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ADMIN_PASSWORD, assert_no_axe_violations
from tests.e2e.flows import log_in
from tests.e2e.test_schedules_flow import collect_errors, register, signed_in_page
from tests.live import LiveServer


def _label(day: date) -> str:
    """A date as the doctor page writes it (`formatDate`: "Friday 25 December 2026")."""
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def test_holidays_close_doctors_and_time_off_asks_before_cancelling(
    live_server: LiveServer, admin: str, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:8]
    doctor_client = register(
        live_server,
        "doctor",
        username=f"cleo{suffix}",
        email=f"cleo{suffix}@example.org",
        fullName=f"Dr. Cleo Closed {suffix}",
        timezone="UTC",
    )
    doctor_id = doctor_client.call("GET", "/api/user")["id"]
    doctor_client.call(
        "POST",
        "/api/schedule/weekly",
        {"daysOfWeek": list(range(7)), "startTime": "09:00", "endTime": "12:00"},
        status=201,
    )
    today = datetime.now(UTC).date()
    french = holidays.country_holidays("FR", years=[today.year, today.year + 1])
    holiday = min(day for day in french if day > today + timedelta(days=1))

    # The admin imports France's public holidays of that year.
    admin_page = browser.new_context(base_url=live_server.url).new_page()
    admin_errors = collect_errors(admin_page)
    log_in(admin_page, live_server.url, admin, ADMIN_PASSWORD)
    admin_page.get_by_role("link", name="Clinic closures").click()
    expect(admin_page.get_by_role("heading", level=1, name="Clinic closures")).to_be_visible()
    admin_page.get_by_label("Country").fill("FR")
    admin_page.get_by_label(re.compile(r"^Year")).fill(str(holiday.year))
    admin_page.get_by_role("button", name="Import holidays").click()
    count = len(holidays.country_holidays("FR", years=holiday.year))
    expect(admin_page.get_by_text(f"{count} holidays added", exact=True)).to_be_visible()
    listed = admin_page.get_by_role("list", name=f"Closures in {holiday.year}")
    expect(listed.get_by_role("listitem")).to_have_count(count)
    assert_no_axe_violations(admin_page, "admin: clinic closures")
    admin_page.context.close()

    # A guest finds no free time on the holiday, and free times on the other days.
    page = browser.new_context(base_url=live_server.url).new_page()
    errors = collect_errors(page)
    page.goto(f"/doctors/{doctor_id}")
    for _ in range((holiday - today).days // 7):
        page.get_by_role("button", name="Next week").click()
    other = next(
        day
        for day in (holiday + timedelta(days=d) for d in (-1, 1, -2, 2, -3, 3))
        if day not in french and (day - today).days // 7 == (holiday - today).days // 7
        and day > today
    )  # fmt: skip
    expect(page.get_by_role("list", name=f"Free slots on {_label(other)}")).to_be_visible()
    expect(page.get_by_role("list", name=f"Free slots on {_label(holiday)}")).to_have_count(0)
    assert_no_axe_violations(page, "doctor page with a holiday")
    # A guest's page (and the login page) asks who is signed in first: that 401 is expected.
    assert [e for e in errors + admin_errors if "401" not in e] == []
    page.context.close()

    # A patient books a morning; the doctor adds time off that day and is asked first.
    patient_client = register(
        live_server, "patient", username=f"paz{suffix}", email=f"paz{suffix}@example.org",
        fullName=f"Paz Patient {suffix}",
    )  # fmt: skip
    day = next(
        today + timedelta(days=d) for d in range(2, 30) if today + timedelta(days=d) not in french
    )
    [slot, *_] = patient_client.call("GET", f"/api/doctors/{doctor_id}/slots?from={day}&to={day}")
    appointment = patient_client.call(
        "POST",
        "/api/appointments",
        {"doctorId": doctor_id, "startTime": slot["startTime"], "endTime": slot["endTime"]},
        status=201,
    )
    page = signed_in_page(browser, live_server, doctor_client)
    errors = collect_errors(page)
    page.goto("/schedule")
    page.get_by_label(re.compile("^From")).fill(day.isoformat())
    page.get_by_role("button", name="Add", exact=True).click()
    dialog = page.get_by_role("alertdialog")
    expect(
        dialog.get_by_role("heading", name="This time off covers 1 booked appointment")
    ).to_be_visible()
    expect(dialog.get_by_text(f"Paz Patient {suffix}")).to_be_visible()
    assert_no_axe_violations(page, "schedule: time off over an appointment")
    dialog.get_by_label("Message to the patients (optional)").fill("Sorry, I am away that day.")
    dialog.get_by_role("button", name="Cancel this appointment and add time off").click()
    expect(page.get_by_text("Time off added", exact=True)).to_be_visible()
    assert_no_axe_violations(page, "schedule: time off added")
    # The first answer was the expected 409 listing the appointment.
    assert [e for e in errors if "409 (CONFLICT)" not in e] == []
    page.context.close()
    seen = patient_client.call("GET", f"/api/appointments/{appointment['id']}")
    assert seen["status"] == "cancelled"
    assert seen["cancellationMessage"] == "Sorry, I am away that day."
