"""The manage link of an appointment email, in Chromium without logging in: confirm, move to
a nearest free time, cancel with a reason; an older link shows the change and acts on
nothing; the doctor's agenda shows the patient's confirmation. Every state is axe-clean."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.factories import at, book_free_slot, booked
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e
LINK = re.compile(r"https?://\S+/manage/[0-9]+\.[0-9]+\.[A-Za-z0-9_-]{43}")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(
        tmp_path_factory.mktemp("live"), CLINIC_CONTACT_LINE="Call 030 1234567"
    )


def manage_link(server: LiveServer, address: str, kind: str, appointment_id: int) -> str:
    """The manage link of the `kind` email to `address` about the appointment (60 s)."""
    outbox = server.instance_path / "outbox"
    deadline = time.monotonic() + 60
    while True:
        for path in sorted(outbox.glob(f"*-{kind}.eml")) if outbox.is_dir() else []:
            message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
            text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            found = LINK.findall(text)
            if address in str(message["To"]) and found and f"/manage/{appointment_id}." in found[0]:
                return str(found[0])
        assert time.monotonic() < deadline, f"no {kind} email with a manage link"
        time.sleep(0.5)  # polling a folder: nothing for Playwright to wait on


def open_link(browser: Browser, link: str) -> tuple[Page, list[str]]:
    page = browser.new_context().new_page()  # no session at all
    errors = watch_errors(page)
    page.goto(link)
    return page, errors


def test_a_patient_confirms_moves_and_cancels_from_email_links(
    live_server: LiveServer, browser: Browser
) -> None:
    server = live_server
    doctor = api_open_doctor(server, fullName="Dr Link Page", timezone="UTC")
    patient = api_register(server, "patient", fullName="Lina Link", timezone="UTC")
    first = booked(patient, doctor, at(10, offset=4), reason="CANARY-e2e-reason")
    link = manage_link(server, patient.user["email"], "appointment_booked", first["id"])

    page, errors = open_link(browser, link)
    expect(page.get_by_role("heading", level=1, name="Your appointment")).to_be_visible()
    expect(page.get_by_text("Dr Link Page")).to_be_visible()
    expect(page.get_by_text("CANARY-e2e-reason")).to_have_count(0)
    assert_no_axe_violations(page, "manage link")
    page.get_by_role("button", name="I will come").click()
    expect(page.get_by_text("You confirmed you will come")).to_be_visible()

    page.get_by_role("button", name="Move it").click()
    times = page.get_by_role("region", name="Pick a new time").get_by_role("button")
    expect(times.first).to_be_visible()
    assert_no_axe_violations(page, "manage link: pick a new time")
    screenshot(page, "manage-link-move")
    times.first.click()
    expect(page.get_by_text("Your appointment has moved")).to_be_visible()
    assert not errors, errors

    old, old_errors = open_link(browser, link)
    expect(old.get_by_role("heading", level=1, name="This appointment has changed")).to_be_visible()
    expect(old.get_by_role("button")).to_have_count(0)
    assert_no_axe_violations(old, "manage link: changed")
    assert not old_errors, old_errors

    new_link = manage_link(server, patient.user["email"], "appointment_rescheduled", first["id"])
    page, errors = open_link(browser, new_link)
    page.get_by_role("button", name="Cancel it").click()
    page.get_by_role("button", name="Cancel appointment").click()
    expect(page.get_by_text("Tell the clinic why you cancel.")).to_be_visible()
    assert_no_axe_violations(page, "manage link: cancel form with an error")
    page.get_by_label(re.compile("Why do you cancel")).fill("Travelling that week")
    page.get_by_role("button", name="Cancel appointment").click()
    expect(page.get_by_text("Your appointment is cancelled")).to_be_visible()
    assert_no_axe_violations(page, "manage link: cancelled")
    assert not errors, errors
    assert patient.client.call("GET", f"/api/appointments/{first['id']}")["status"] == "cancelled"

    unknown, unknown_errors = open_link(browser, f"{server.url}/manage/not-a-link")
    expect(
        unknown.get_by_role("heading", level=1, name="This link has expired or is not valid")
    ).to_be_visible()
    assert_no_axe_violations(unknown, "manage link: not valid")
    assert not unknown_errors, unknown_errors


def test_the_agenda_shows_who_confirmed(live_server: LiveServer, browser: Browser) -> None:
    server = live_server
    doctor = api_open_doctor(server, fullName="Dr Agenda Flag", timezone="UTC")
    patient = api_register(server, "patient", fullName="Cody Confirm", timezone="UTC")
    visit = book_free_slot(patient, doctor)  # the soonest: on the agenda's first view
    page, _ = open_link(
        browser, manage_link(server, patient.user["email"], "appointment_booked", visit["id"])
    )
    page.get_by_role("button", name="I will come").click()
    expect(page.get_by_text("You confirmed you will come")).to_be_visible()

    context = signed_in_context(browser, server, doctor.username, doctor.password)
    agenda = context.new_page()
    agenda.goto("/agenda")
    agenda.get_by_role("button", name="Week").click()
    expect(agenda.get_by_text("Confirmed by the patient")).to_be_visible()
    assert_no_axe_violations(agenda, "agenda with a patient's confirmation")
    context.close()
