"""Live updates in the browser (issue 21 "Live"): an open agenda shows a booking and a
cancellation made elsewhere, without a reload, through the live-events server process."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.factories import book_free_slot
from tests.live import LiveServer

SHOWN_WITHIN_MS = 3_000  # 2 s to the stream (tests/events), plus the list's refetch and render


def test_an_open_agenda_shows_a_booking_and_a_cancellation_without_a_reload(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Live Agenda")
    patient = api_register(live_server, "patient", fullName="Liv Streamer")
    context = signed_in_context(browser, live_server, doctor.username)
    page = context.new_page()
    errors = watch_errors(page)
    streams: list[str] = []
    page.on("request", lambda request: streams.append(request.url))
    page.goto("/agenda")
    page.get_by_role("button", name="Week").click()
    week = page.get_by_role("list", name="Appointments of the week")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_timeout(1_000)  # the stream is open (its URL came with a ticket)
    assert any(url.startswith(f"{live_server.events_url}?ticket=") for url in streams), streams
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    appointment = book_free_slot(patient, doctor)
    expect(week.get_by_text("Liv Streamer")).to_be_visible(timeout=SHOWN_WITHIN_MS)

    patient.client.call("PUT", f"/api/appointments/{appointment['id']}", {"status": "cancelled"})
    expect(week.get_by_text("Cancelled", exact=True)).to_be_visible(timeout=SHOWN_WITHIN_MS)
    assert navigations == []
    assert errors == []
    context.close()
