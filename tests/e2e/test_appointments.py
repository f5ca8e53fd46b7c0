"""Appointments in a real browser: book, both sides see it, confirm, reschedule, cancel, race."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


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
    doctor = api_open_doctor(live_server, fullName="Dr. Grace Hopper")
    patient = api_register(live_server, "patient", fullName="Ada Lovelace")
    patient_context = signed_in_context(browser, live_server, patient.username)
    doctor_context = signed_in_context(browser, live_server, doctor.username)
    patient_page, doctor_page = patient_context.new_page(), doctor_context.new_page()
    # Two lists: `a + b` would copy them before any error arrives.
    patient_errors, doctor_errors = watch_errors(patient_page), watch_errors(doctor_page)

    _book_first_free_time(patient_page, doctor.id, "Palpitations")
    screenshot(patient_page, "appointments-booked")

    # The patient sees it, scheduled; the doctor sees the patient's name and the reason.
    patient_page.get_by_role("link", name="My appointments").click()
    upcoming = patient_page.get_by_role("list", name="Upcoming appointments")
    expect(upcoming.get_by_text("Dr. Grace Hopper · Cardiology")).to_be_visible()
    expect(upcoming.get_by_text("Awaiting confirmation")).to_be_visible()

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
    expect(dialog.get_by_role("group", name="Time on")).to_be_visible()
    assert_no_axe_violations(patient_page, "reschedule dialog")
    dialog.get_by_role("group", name="Time on").get_by_role("button").last.click()
    dialog.get_by_role("button", name="Move to").click()
    expect(patient_page.get_by_text("Appointment moved", exact=True)).to_be_visible()
    expect(upcoming.get_by_text("Awaiting confirmation")).to_be_visible()
    assert upcoming.get_by_role("article").first.get_attribute("aria-label") != before

    # The appointment's own page (every email links to it) passes axe.
    (visit,) = patient.client.call("GET", "/api/appointments")
    patient_page.goto(f"/appointments/{visit['id']}")
    expect(patient_page.get_by_role("heading", level=1)).to_be_visible()
    expect(patient_page.get_by_text("Dr. Grace Hopper").first).to_be_visible()
    assert_no_axe_violations(patient_page, "appointment page")
    patient_page.go_back()

    # Cancelling asks first, then frees the slot.
    upcoming = patient_page.get_by_role("list", name="Upcoming appointments")
    upcoming.get_by_role("button", name="Cancel").click()
    expect(patient_page.get_by_role("dialog")).to_be_visible()
    assert_no_axe_violations(patient_page, "cancel dialog")
    patient_page.get_by_role("dialog").get_by_role("button", name="Cancel appointment").click()
    expect(upcoming.get_by_text("Cancelled")).to_be_visible()
    expect(patient_page.get_by_text("Appointment cancelled", exact=True)).to_be_visible()
    doctor_page.reload()
    doctor_page.get_by_role("button", name="Week").click()
    expect(
        doctor_page.get_by_role("list", name="Appointments of the week").get_by_text("Cancelled")
    ).to_be_visible()
    screenshot(patient_page, "appointments-cancelled")
    assert patient_errors == [] and doctor_errors == []
    for context in (patient_context, doctor_context):
        context.close()


def test_two_browsers_race_for_one_slot_and_the_loser_sees_alternatives(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Grace Hopper")
    slots = doctor.client.call("GET", f"/api/doctors/{doctor.id}/slots")
    start = slots[0]["startTime"]
    pages = []
    contexts = []
    for name in ("Alan Turing", "Barbara Liskov"):
        patient = api_register(live_server, "patient", fullName=name)
        context = signed_in_context(browser, live_server, patient.username)
        page = context.new_page()
        page.goto(f"/book/{doctor.id}?start={start}")
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


def test_doctor_cancels_with_a_message_for_the_patient(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Grace Hopper")
    patient = api_register(live_server, "patient", fullName="Ada Lovelace")
    patient_context = signed_in_context(browser, live_server, patient.username)
    _book_first_free_time(patient_context.new_page(), doctor.id, "Palpitations")
    doctor_context = signed_in_context(browser, live_server, doctor.username)
    page = doctor_context.new_page()
    errors = watch_errors(page)

    page.goto("/agenda")
    page.get_by_role("button", name="Week").click()
    week = page.get_by_role("list", name="Appointments of the week")
    week.get_by_role("button", name="Cancel").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Message to the patient (optional)").fill("Please call us to rebook.")
    assert_no_axe_violations(page, "doctor's cancel dialog with a message")
    dialog.get_by_role("button", name="Cancel appointment").click()
    expect(page.get_by_text("Appointment cancelled", exact=True)).to_be_visible()

    (visit,) = patient.client.call("GET", "/api/appointments")
    assert visit["status"] == "cancelled"
    assert visit["cancellationMessage"] == "Please call us to rebook."
    assert errors == []
    for context in (patient_context, doctor_context):
        context.close()
