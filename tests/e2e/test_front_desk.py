"""The front desk in a real browser (issue 21): the receptionist registers a phone patient
(and is warned of a possible duplicate), books them with a doctor through the slot picker,
checks a waiting patient in from today's list; the new patient claims the account from the
invitation email. Axe clean throughout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.e2e.test_email_links import read_outbox
from tests.factories import ADMIN_PASSWORD, DEFAULT_PASSWORD, insert_appointment
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(tmp_path_factory.mktemp("live"))


def test_receptionist_registers_books_and_checks_in(
    live_server: LiveServer, browser: Browser
) -> None:
    live_server.flask(
        "create-staff", "--role", "receptionist", "--username", "desk", "--email",
        "desk@example.org", "--full-name", "Dana Desk", "--password-stdin",
        input_text=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    doctor = api_open_doctor(live_server, fullName="Dr. Grace Hopper")
    waiting = api_register(live_server, "patient", fullName="Ada Lovelace")
    now = datetime.now(UTC).replace(microsecond=0)
    start = max(now - timedelta(minutes=10), now.replace(hour=0, minute=1, second=0))
    insert_appointment(live_server.app(), waiting.id, doctor.id, start)
    context = signed_in_context(browser, live_server, "desk", ADMIN_PASSWORD, timezone_id="UTC")
    page = context.new_page()
    errors = watch_errors(page)

    page.goto("/front-desk")
    expect(page.get_by_role("heading", name="Front desk")).to_be_visible()
    # Today's list: check the waiting patient in.
    page.get_by_role("button", name="Check in Ada Lovelace").click()
    expect(page.get_by_text("Ada Lovelace: checked in", exact=True)).to_be_visible()
    expect(page.get_by_text("Checked in", exact=True)).to_be_visible()
    assert_no_axe_violations(page, "front desk with today's list")

    # A phone patient: registered without a password.
    page.get_by_role("button", name="Register a walk-in patient").click()
    form = page.get_by_role("form", name="Register a walk-in patient")
    form.get_by_label("Full name").fill("Mara Phone")
    form.get_by_label("Email").fill("mara@example.org")
    form.get_by_label("Date of birth").fill("1984-03-09")
    form.get_by_label("Mobile number").fill("+49 151 23456789")
    form.get_by_role("button", name="Register patient").click()
    expect(page.get_by_text("Selected:")).to_contain_text("Mara Phone")

    # Search as you type finds her; the same name and birth date again is a possible duplicate.
    page.get_by_label("Find a patient").fill("mara")
    expect(page.get_by_role("list", name="Patients found")).to_contain_text("Mara Phone")
    page.get_by_role("button", name="Register a walk-in patient").click()
    form.get_by_label("Full name").fill("mara phone")
    form.get_by_label("Email").fill("mara.other@example.org")
    form.get_by_label("Date of birth").fill("1984-03-09")
    form.get_by_role("button", name="Register patient").click()
    expect(page.get_by_text("Possible duplicate")).to_be_visible()
    assert_no_axe_violations(page, "front desk with the duplicate warning")
    screenshot(page, "front-desk-duplicate")
    page.get_by_role("button", name="Use Mara Phone").click()

    # Book her with the doctor: the slot picker offers the doctor's free times.
    page.get_by_label("Doctor").select_option(label="Dr. Grace Hopper (Cardiology)")
    page.get_by_role("group", name="Time on").get_by_role("button").first.click()
    page.get_by_role("button", name=re.compile(r"^Book \w{3} \d")).click()  # not a calendar cell
    expect(page.get_by_text("Booked:", exact=False).first).to_be_visible()
    assert_no_axe_violations(page, "front desk after booking")
    screenshot(page, "front-desk")
    assert not errors, errors

    # The patient claims the account from the invitation email and sees the booking.
    [invitation] = [
        email
        for email in read_outbox(live_server, {("account_invitation", "mara@example.org")})
        if email.kind == "account_invitation"
    ]
    [link] = [url for url in invitation.links if "/claim-account#token=" in url]
    claimer = browser.new_context(base_url=live_server.url).new_page()
    claimer.goto(link.replace(live_server.url, ""))
    expect(claimer.get_by_role("heading", name="Set your password")).to_be_visible()
    assert_no_axe_violations(claimer, "claim account")
    claimer.get_by_label(re.compile(r"^New password")).fill(DEFAULT_PASSWORD)
    claimer.get_by_label(re.compile(r"^Repeat the new password")).fill(DEFAULT_PASSWORD)
    claimer.get_by_role("button", name="Set password and sign in").click()
    expect(claimer).to_have_url(f"{live_server.url}/patient")
    claimer.goto("/appointments")
    expect(claimer.get_by_text("Dr. Grace Hopper").first).to_be_visible()
