"""The attendance record in a real browser (issue 18): the doctor marks a no-show; under
NO_SHOW_POLICY=confirm the patient, now over the limit, is told before booking, the booking
arrives as a request, and the doctor accepts it on the agenda. Axe clean throughout."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.factories import insert_appointment
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(
        tmp_path_factory.mktemp("live"), NO_SHOW_POLICY="confirm", NO_SHOW_LIMIT="1"
    )


def test_no_show_then_a_request_the_doctor_accepts(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Grace Hopper")
    patient = api_register(live_server, "patient", fullName="Ada Lovelace")
    now = datetime.now(UTC).replace(microsecond=0)
    start = max(now - timedelta(minutes=20), now.replace(hour=0, minute=1, second=0))
    insert_appointment(live_server.app(), patient.id, doctor.id, start)
    doctor_context = signed_in_context(browser, live_server, doctor.username)
    patient_context = signed_in_context(browser, live_server, patient.username)
    doctor_page, patient_page = doctor_context.new_page(), patient_context.new_page()
    doctor_errors, patient_errors = watch_errors(doctor_page), watch_errors(patient_page)

    # The doctor marks today's visit, already started, as a no-show.
    doctor_page.goto("/agenda")
    day = doctor_page.get_by_role("list", name="Appointments of the day")
    expect(day.get_by_text("Ada Lovelace")).to_be_visible()
    day.get_by_role("button", name="No-show").click()
    expect(doctor_page.get_by_text("Marked as no-show", exact=True)).to_be_visible()
    expect(day.get_by_text("1 no-show, 0 late cancellations in the last 12 months")).to_be_visible()
    assert_no_axe_violations(doctor_page, "agenda with attendance")

    # The patient is told their record, and that the doctor will confirm, before booking.
    patient_page.goto(f"/book/{doctor.id}")
    expect(patient_page.get_by_text("You missed 1 visit in the last 12 months")).to_be_visible()
    expect(patient_page.get_by_text("Your request will be confirmed by the doctor")).to_be_visible()
    assert_no_axe_violations(patient_page, "booking page with the attendance notice")
    times = patient_page.get_by_role("group", name="Time on")
    times.get_by_role("button").first.click()
    patient_page.get_by_role("button", name="Continue").click()
    patient_page.get_by_role("button", name="Continue").click()
    patient_page.get_by_role("button", name="Confirm booking").click()
    expect(patient_page.get_by_role("heading", name="Request sent")).to_be_visible()
    expect(patient_page.get_by_text("Requested", exact=True)).to_be_visible()
    screenshot(patient_page, "attendance-request-sent")
    assert_no_axe_violations(patient_page, "request sent")

    # The doctor accepts the request on the agenda: it is booked, the patient is emailed.
    doctor_page.get_by_role("button", name="Week").click()
    week = doctor_page.get_by_role("list", name="Appointments of the week")
    request = week.get_by_role("article").filter(has_text="Requested")
    expect(request).to_be_visible()
    expect(request.get_by_text("1 no-show", exact=False)).to_be_visible()
    assert_no_axe_violations(doctor_page, "agenda with a request")
    screenshot(doctor_page, "attendance-agenda-request")
    request.get_by_role("button", name="Accept request").click()
    expect(doctor_page.get_by_text("Request accepted", exact=True)).to_be_visible()
    expect(week.get_by_text("Awaiting confirmation")).to_be_visible()

    patient_page.goto("/appointments")
    upcoming = patient_page.get_by_role("list", name="Upcoming appointments")
    expect(upcoming.get_by_text("Awaiting confirmation")).to_be_visible()
    visits = patient.client.call("GET", "/api/appointments")
    assert sorted(v["status"] for v in visits) == ["no_show", "scheduled"]

    # The patient page shows the record too.
    doctor_page.goto(f"/patients/{patient.id}")
    expect(doctor_page.get_by_test_id("attendance")).to_have_text(
        "1 no-show, 0 late cancellations in the last 12 months"
    )
    assert_no_axe_violations(doctor_page, "patient page with attendance")
    assert doctor_errors == [] and patient_errors == []
