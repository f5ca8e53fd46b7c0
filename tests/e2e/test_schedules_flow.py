"""Schedules in the browser: a doctor sets weekly hours (several days per dialog) and a range
of time off, a patient finds them and sees slots."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.factories import new_party
from tests.helpers import LiveClient
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

PASSWORD = "Schedules-e2e-Pass-42"


def register(server: LiveServer, role: str, **fields: Any) -> LiveClient:
    """Register through the API (the register page is tested elsewhere); returns the session."""
    return new_party(server.client(), role, password=PASSWORD, **fields).client


def signed_in_page(browser: Browser, server: LiveServer, client: LiveClient) -> Page:
    """A fresh browser context carrying the API session's cookies."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1400, "height": 1000})
    context.add_cookies(
        [
            {"name": cookie.name, "value": cookie.value or "", "url": server.url}
            for cookie in client.http.cookies.jar
        ]
    )
    return context.new_page()


def collect_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def test_doctor_sets_hours_and_patient_sees_slots(
    live_server: LiveServer, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:8]
    doctor_name = f"Dr. Greta Schedule {suffix}"
    doctor_client = register(
        live_server,
        "doctor",
        username=f"greta{suffix}",
        email=f"greta{suffix}@example.org",
        fullName=doctor_name,
        specialization="Dermatology",
        timezone="Europe/Berlin",
    )

    # The doctor opens Monday 09:00–12:00, copies it to the other weekdays and, in the same
    # dialog, ticks the weekend too: every day in two dialogs.
    page = signed_in_page(browser, live_server, doctor_client)
    errors = collect_errors(page)
    page.goto("/schedule")
    expect(page.get_by_role("heading", level=1, name="My schedule")).to_be_visible()
    page.get_by_role("button", name="Add window on Monday").click()
    dialog = page.get_by_role("dialog", name="Add weekly hours")
    expect(dialog.get_by_label("Monday")).to_be_checked()
    expect(dialog.get_by_label("Tuesday")).not_to_be_checked()
    dialog.get_by_label("Start").fill("09:00")
    dialog.get_by_label("End").fill("12:00")
    assert_no_axe_violations(page, "add weekly hours")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("listitem", name="Monday").get_by_text("09:00–12:00")).to_be_visible()

    page.get_by_role("button", name="Copy Monday 09:00–12:00 (open) to weekdays").click()
    dialog = page.get_by_role("dialog", name="Copy 09:00–12:00 to other days")
    for day in ["Tuesday", "Wednesday", "Thursday", "Friday"]:
        expect(dialog.get_by_label(day)).to_be_checked()
    expect(dialog.get_by_label("Monday")).not_to_be_checked()
    dialog.get_by_label("Saturday").check()
    dialog.get_by_label("Sunday").check()
    assert_no_axe_violations(page, "copy to weekdays")
    screenshot(page, "schedules-copy-to-weekdays")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_text("Window added on 6 days", exact=True)).to_be_visible()
    for day in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]:
        expect(page.get_by_role("listitem", name=day).get_by_text("09:00–12:00")).to_be_visible()

    # Overlapping open hours on Monday to Friday: refused whole, the clashing days named.
    page.get_by_role("button", name="Add window on Wednesday").click()
    dialog = page.get_by_role("dialog", name="Add weekly hours")
    dialog.get_by_role("button", name="Weekdays (Mon–Fri)").click()
    dialog.get_by_label("Start").fill("11:00")
    dialog.get_by_label("End").fill("13:00")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_role("alert")).to_contain_text(
        "on Monday, Tuesday, Wednesday, Thursday, Friday; nothing was added"
    )
    assert_no_axe_violations(page, "weekly hours clash")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()

    # Time off in the past is refused clearly; a range far ahead is one entry.
    page.get_by_label(re.compile(r"^From")).fill("2020-01-06")
    expect(page.get_by_label(re.compile(r"^To"))).to_have_value("2020-01-06")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(re.compile(r"^Time off can't end in the past"))).to_be_visible()
    page.get_by_label("Whole days").uncheck()
    assert_no_axe_violations(page, "time off in the past")
    screenshot(page, "schedules-time-off-in-the-past")
    page.get_by_label("Whole days").check()
    page.get_by_label(re.compile(r"^From")).fill("2099-12-24")
    page.get_by_label(re.compile(r"^To")).fill("2100-01-02")
    page.get_by_role("button", name="Add", exact=True).click()
    entry = page.get_by_role("list", name="Dated entries").get_by_role("listitem")
    expect(entry).to_contain_text("Thu 24 Dec 2099 – Sat 2 Jan 2100")
    expect(entry).to_contain_text("00:00–24:00 each day")
    expect(entry).to_contain_text("Time off")
    page.get_by_label("Slot length (minutes)").fill("60")
    page.get_by_role("button", name="Save length").click()
    expect(page.get_by_text("Slot length saved", exact=True)).to_be_visible()
    screenshot(page, "schedules-my-schedule")

    schedule = doctor_client.get("/api/schedule").json()
    weekly = [entry for entry in schedule if entry["dayOfWeek"] is not None]
    assert sorted(entry["dayOfWeek"] for entry in weekly) == list(range(7))
    assert all(
        (e["startTime"], e["endTime"], e["isAvailable"]) == ("09:00", "12:00", True) for e in weekly
    )
    dated = [(e["date"], e["endDate"]) for e in schedule if e["dayOfWeek"] is None]
    assert dated == [("2099-12-24", "2100-01-02")]
    assert doctor_client.get("/api/user").json()["slotMinutes"] == 60
    # The only console errors are the browser logging the expected 409 and 422.
    assert [e for e in errors if not re.search(r"status of (409|422)", e)] == []
    page.context.close()

    # A patient (in another zone) finds the doctor and sees 09:00, 10:00, 11:00 Berlin slots.
    patient_client = register(
        live_server,
        "patient",
        username=f"pat{suffix}",
        email=f"pat{suffix}@example.org",
        fullName="Paula Patient",
        timezone="America/New_York",
    )
    page = signed_in_page(browser, live_server, patient_client)
    errors = collect_errors(page)
    page.goto("/doctors")
    expect(page.get_by_role("heading", level=1, name="Find a doctor")).to_be_visible()
    page.get_by_label("Specialization").select_option("Dermatology")
    page.get_by_label("Doctor's name").fill(f"schedule {suffix}")
    link = page.get_by_role("link", name=doctor_name)
    expect(link).to_be_visible()
    # nextAvailable in the patient's zone, zone named.
    expect(page.get_by_text("(America/New_York)").first).to_be_visible()
    screenshot(page, "schedules-find-a-doctor")
    link.click()

    expect(page).to_have_url(re.compile(r"/doctors/\d+$"))
    expect(page.get_by_role("heading", level=1, name=doctor_name)).to_be_visible()
    slot_buttons = page.get_by_role(
        "button", name=re.compile(r"^Book .* at 09:00 \(Europe\/Berlin\)")
    )
    expect(slot_buttons.first).to_be_visible()
    assert slot_buttons.count() >= 6
    expect(
        page.get_by_role("button", name=re.compile(r"at 10:00 \(Europe\/Berlin\)")).first
    ).to_be_visible()
    expect(
        page.get_by_role("button", name=re.compile(r"at 09:30 \(Europe\/Berlin\)"))
    ).to_have_count(0)
    screenshot(page, "schedules-doctor-page")

    # The next week has slots too; each slot leads to booking with its instants.
    page.get_by_role("button", name="Next week").click()
    expect(slot_buttons).to_have_count(7)
    slot_buttons.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/book/\d+\?start=.+Z&end=.+Z$"))
    assert errors == []
