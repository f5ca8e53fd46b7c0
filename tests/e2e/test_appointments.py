"""Appointments in a real browser: book, both sides see it, confirm, reschedule, cancel, race."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import screenshot
from tests.helpers import DEFAULT_PASSWORD
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

_names = itertools.count(1)


def _register(server: LiveServer, role: str, **fields: Any) -> dict[str, Any]:
    """Register through the API; the returned dict also holds a logged-in httpx client."""
    http = httpx.Client(base_url=server.url, timeout=30)
    token = http.get("/api/csrf").json()["csrfToken"]
    username = f"e2e{role}{next(_names)}"
    body = {
        "username": username,
        "password": DEFAULT_PASSWORD,
        "email": f"{username}@example.org",
        "fullName": fields.pop("fullName", f"{role.title()} {username}"),
        "role": role,
        "timezone": "UTC",
        **fields,
    }
    response = http.post("/api/register", json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 201, response.text
    return {**response.json(), "http": http}


def _doctor(server: LiveServer) -> dict[str, Any]:
    doctor = _register(server, "doctor", fullName="Dr. Grace Hopper", specialization="Cardiology")
    http: httpx.Client = doctor["http"]
    token = http.get("/api/csrf").json()["csrfToken"]
    for day in range(7):
        entry = {"dayOfWeek": day, "startTime": "00:00", "endTime": "24:00", "isAvailable": True}
        response = http.post("/api/schedule", json=entry, headers={"X-CSRF-Token": token})
        assert response.status_code == 201, response.text
    return doctor


def _browser_for(browser: Browser, server: LiveServer, username: str) -> BrowserContext:
    """A browser context logged in as `username` (the log-in page belongs to another feature)."""
    context = browser.new_context(base_url=server.url)
    token = context.request.get("/api/csrf").json()["csrfToken"]
    login = context.request.post(
        "/api/login",
        data={"username": username, "password": DEFAULT_PASSWORD},
        headers={"X-CSRF-Token": token},
    )
    assert login.status == 200, login.text()
    return context


def _watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _book_first_free_time(page: Page, doctor_id: int, reason: str) -> str:
    """Walk the booking flow with the first offered time; returns the time's label."""
    page.goto(f"/book/{doctor_id}")
    expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
    times = page.get_by_role("group", name="Time on")
    first_time = times.get_by_role("button").first
    label = first_time.inner_text()
    first_time.click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    return label


def test_book_confirm_reschedule_cancel_across_both_sides(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = _doctor(live_server)
    patient = _register(live_server, "patient", fullName="Ada Lovelace")
    patient_context = _browser_for(browser, live_server, patient["username"])
    doctor_context = _browser_for(browser, live_server, doctor["username"])
    patient_page, doctor_page = patient_context.new_page(), doctor_context.new_page()
    errors = _watch_errors(patient_page) + _watch_errors(doctor_page)

    _book_first_free_time(patient_page, doctor["id"], "Palpitations")
    screenshot(patient_page, "appointments-booked")

    # The patient sees it, scheduled; the doctor sees the patient's name and the reason.
    patient_page.get_by_role("link", name="My appointments").click()
    upcoming = patient_page.get_by_role("list", name="Upcoming appointments")
    expect(upcoming.get_by_text("Dr. Grace Hopper · Cardiology")).to_be_visible()
    expect(upcoming.get_by_text("Scheduled")).to_be_visible()

    doctor_page.goto("/agenda")
    doctor_page.get_by_role("button", name="Week").click()
    week = doctor_page.get_by_role("list", name="Appointments of the week")
    expect(week.get_by_text("Ada Lovelace")).to_be_visible()
    expect(week.get_by_text("Palpitations")).to_be_visible()
    week.get_by_role("button", name="Confirm").click()
    expect(week.get_by_text("Confirmed")).to_be_visible()
    expect(doctor_page.get_by_text("Appointment confirmed", exact=True)).to_be_visible()
    screenshot(doctor_page, "appointments-agenda-confirmed")

    # The patient moves it to another free time: it is scheduled again (needs confirming).
    patient_page.reload()
    upcoming = patient_page.get_by_role("list", name="Upcoming appointments")
    expect(upcoming.get_by_text("Confirmed")).to_be_visible()
    before = upcoming.get_by_role("article").first.get_attribute("aria-label")
    upcoming.get_by_role("button", name="Reschedule").click()
    dialog = patient_page.get_by_role("dialog", name="Reschedule")
    dialog.get_by_role("group", name="Time on").get_by_role("button").last.click()
    dialog.get_by_role("button", name="Move to").click()
    expect(patient_page.get_by_text("Appointment moved", exact=True)).to_be_visible()
    expect(upcoming.get_by_text("Scheduled")).to_be_visible()
    assert upcoming.get_by_role("article").first.get_attribute("aria-label") != before

    # Cancelling asks first, then frees the slot.
    upcoming.get_by_role("button", name="Cancel").click()
    patient_page.get_by_role("dialog").get_by_role("button", name="Cancel appointment").click()
    expect(upcoming.get_by_text("Cancelled")).to_be_visible()
    expect(patient_page.get_by_text("Appointment cancelled", exact=True)).to_be_visible()
    doctor_page.reload()
    doctor_page.get_by_role("button", name="Week").click()
    expect(
        doctor_page.get_by_role("list", name="Appointments of the week").get_by_text("Cancelled")
    ).to_be_visible()
    screenshot(patient_page, "appointments-cancelled")
    assert errors == []
    for context in (patient_context, doctor_context):
        context.close()


def test_two_browsers_race_for_one_slot_and_the_loser_sees_alternatives(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = _doctor(live_server)
    slots = doctor["http"].get(f"/api/doctors/{doctor['id']}/slots").json()
    start = slots[0]["startTime"]
    pages = []
    contexts = []
    for name in ("Alan Turing", "Barbara Liskov"):
        patient = _register(live_server, "patient", fullName=name)
        context = _browser_for(browser, live_server, patient["username"])
        page = context.new_page()
        page.goto(f"/book/{doctor['id']}?start={start}")
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Continue").click()
        contexts.append(context)
        pages.append(page)

    for page in pages:  # both press "Confirm booking" without waiting for the other
        page.get_by_role("button", name="Confirm booking").click(no_wait_after=True)

    for page in pages:
        expect(
            page.get_by_role("heading", name="Appointment booked").or_(
                page.get_by_text("That time was just taken")
            )
        ).to_be_visible()
    winners = [p for p in pages if p.get_by_role("heading", name="Appointment booked").is_visible()]
    assert len(winners) == 1
    [loser] = [p for p in pages if p is not winners[0]]
    offer = loser.get_by_role("list", name="Nearest free times")
    expect(offer.get_by_role("button").first).to_be_visible()
    screenshot(loser, "appointments-slot-taken")
    offer.get_by_role("button").first.click()
    expect(loser.get_by_role("heading", name="Appointment booked")).to_be_visible()
    for context in contexts:
        context.close()
