"""Pick first, sign in last (issue 24 item 16), in Chromium: a guest finds a doctor and a time
signed out, then registers or logs in and lands on the confirm step of that same time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import (
    END,
    PASSWORD,
    api_open_doctor,
    api_register,
    watch_errors,
    web_storage,
)
from tests.factories import DEFAULT_PASSWORD
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

REASON = "Recurring migraine CANARY-guest"


def _pick_a_time(page: Page, doctor_name: str) -> str:
    """On the doctor's page: the second free time; continue to the booking page's confirm
    step (with the reason step in between). Returns the time picked (HH:MM)."""
    expect(page.get_by_role("heading", level=1, name=doctor_name)).to_be_visible()
    slot = page.get_by_role("button", name=re.compile(r"^Book ")).nth(1)
    time = slot.inner_text()[:5]
    slot.click()
    expect(page.get_by_role("heading", level=1, name="Book an appointment")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="What is the visit about?")).to_be_visible()
    return time


def _to_login(page: Page, doctor_id: int, doctor_name: str) -> str:
    """A guest on the doctor's page picks a time, skips the reason and follows "Log in to
    confirm". Returns the confirm step's `start` (as in its URL)."""
    page.goto(f"/doctors/{doctor_id}")
    _pick_a_time(page, doctor_name)
    page.get_by_role("button", name="Continue").click()
    start = re.search(r"start=([^&]+)", page.url)
    assert start is not None
    page.get_by_role("link", name="Log in to confirm").click()
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(
        page.get_by_text(f"Log in to confirm your appointment with {doctor_name}")
    ).to_be_visible()
    return start.group(1)


def _guest(browser: Browser, server: LiveServer) -> tuple[BrowserContext, Page, list[str]]:
    """A fresh browser with no session: its context, a page and the page's uncaught errors."""
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    return context, page, watch_errors(page)


def _log_in(page: Page, username: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile(r"^Password")).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_guest_finds_a_doctor_registers_and_books_the_time_they_picked(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Gita Guest", specialization="Neurology")
    context, page, errors = _guest(browser, live_server)

    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Find a doctor").click()
    expect(page).to_have_url(re.compile(r"/doctors$"))
    expect(page.get_by_role("heading", level=1, name="Find a doctor")).to_be_visible()
    card = page.get_by_role("article").filter(has_text="Dr. Gita Guest")
    expect(card).to_contain_text("Neurology")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert_no_axe_violations(page, "find a doctor (guest)")
    screenshot(page, "guest-find-doctor")
    card.get_by_role("link", name="Dr. Gita Guest").click()

    expect(page).to_have_url(re.compile(rf"/doctors/{doctor.id}$"))
    expect(page.get_by_role("button", name=re.compile(r"^Book ")).first).to_be_visible()
    assert_no_axe_violations(page, "doctor page (guest)")
    time = _pick_a_time(page, "Dr. Gita Guest")
    page.get_by_label("Reason").fill(REASON)
    page.get_by_role("button", name="Continue").click()

    prompt = page.get_by_role(
        "heading", name=f"Sign in to confirm your {time} appointment with Dr. Gita Guest"
    )
    expect(prompt).to_be_visible()
    assert_no_axe_violations(page, "booking: sign in to confirm (guest)")
    screenshot(page, "guest-sign-in-to-confirm")
    page.get_by_role("link", name="Create an account").click()

    expect(page).to_have_url(re.compile(r"/register\?next="))
    assert REASON not in page.url
    expect(
        page.get_by_text("Create an account to confirm your appointment with Dr. Gita Guest")
    ).to_be_visible()
    assert_no_axe_violations(page, "register (guest with a picked time)")
    page.get_by_label("Full name").fill("Gus Newcomer")
    page.get_by_label("Email").fill("gus@example.org")
    page.get_by_label("Username").fill("gus")
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    # Straight to the confirm step of the same doctor and time, the reason filled in.
    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/book/{doctor.id}\?.*step=confirm"))
    expect(page.get_by_text(re.compile(rf", {time}–{END}"))).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    assert REASON not in web_storage(page)  # the tab forgot it once it was back in the page
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    page.get_by_role("link", name="View appointment").click()
    expect(page).to_have_url(re.compile(r"/appointments/\d+$"))
    expect(page.get_by_text(REASON)).to_be_visible()
    expect(page.get_by_text("Dr. Gita Guest").first).to_be_visible()
    assert REASON not in web_storage(page)
    assert errors == []
    context.close()


def test_guest_picks_a_time_and_an_existing_patient_logs_in_to_confirm(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Lotte Login")
    patient = api_register(live_server, "patient")
    context, page, errors = _guest(browser, live_server)

    start = _to_login(page, doctor.id, "Dr. Lotte Login")
    assert_no_axe_violations(page, "log in (guest with a picked time)")
    _log_in(page, patient.username)

    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    [booked] = patient.client.call("GET", "/api/appointments")
    assert booked["doctorId"] == doctor.id
    assert booked["startTime"] == start.replace("%3A", ":")
    assert errors == []
    context.close()


def test_a_time_taken_while_signing_in_offers_the_nearest_and_a_doctor_cannot_book(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Rita Race")
    patient = api_register(live_server, "patient")
    rival = api_register(live_server, "patient")
    other_doctor = api_register(live_server, "doctor")
    context, page, _ = _guest(browser, live_server)

    start = _to_login(page, doctor.id, "Dr. Rita Race")
    # Someone else books that time while the guest logs in.
    slots = rival.client.call("GET", f"/api/doctors/{doctor.id}/slots")
    taken = next(s for s in slots if s["startTime"] == start.replace("%3A", ":"))
    rival.client.call("POST", "/api/appointments", {"doctorId": doctor.id, **taken}, status=201)
    _log_in(page, patient.username)
    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    expect(page.get_by_text("That time was just taken")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm booking")).to_be_disabled()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))

    # A doctor who signs in from a guest's booking is told so, and nothing is booked.
    _to_login(page, doctor.id, "Dr. Rita Race")
    _log_in(page, other_doctor.username)
    expect(page.get_by_role("heading", name="Only patients book appointments")).to_be_visible()
    refusal = page.get_by_text(re.compile("signed in as a doctor, so nothing was booked"))
    expect(refusal).to_be_visible()
    assert_no_axe_violations(page, "booking page (doctor from a guest's booking)")
    assert patient.client.call("GET", "/api/appointments") == []
    context.close()


def test_guest_picks_a_visit_type_and_a_time_and_books_that_type_after_logging_in(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Tomas Types")
    doctor.client.call(
        "POST",
        "/api/visit-types",
        {"name": "Follow-up", "durationMinutes": 15, "channel": "video"},
        status=201,
    )
    patient = api_register(live_server, "patient")
    context, page, errors = _guest(browser, live_server)

    page.goto(f"/book/{doctor.id}")
    expect(page.get_by_role("heading", name="What kind of visit?")).to_be_visible()
    assert_no_axe_violations(page, "booking: visit type step (guest)")
    page.get_by_role("button", name=re.compile("Follow-up.*15 min · Video")).click()
    expect(page.get_by_role("heading", name="Pick a day and a time")).to_be_focused()
    page.get_by_role("group", name=re.compile("^Time on")).get_by_role("button").nth(1).click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("^Sign in to confirm"))).to_be_visible()
    expect(page.get_by_text("Follow-up · 15 min · Video")).to_be_visible()
    assert_no_axe_violations(page, "booking: sign in to confirm a visit type (guest)")
    start = re.search(r"start=([^&]+)", page.url)
    assert start is not None and "type=" in page.url
    page.get_by_role("link", name="Log in to confirm").click()
    _log_in(page, patient.username)

    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    expect(page.get_by_text("Follow-up · 15 min · Video")).to_be_visible()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    [booked] = patient.client.call("GET", "/api/appointments")
    assert booked["visitType"]["name"] == "Follow-up"
    assert booked["startTime"] == start.group(1).replace("%3A", ":")
    assert errors == []
    context.close()
