"""Accounts in a real browser: register both roles, log out and in, approval of doctors.

The server runs with DOCTOR_APPROVAL=required, so a new doctor waits for an admin. Every
main screen is checked with axe-core (WCAG 2.1 A/AA) and saved as a screenshot at desktop
(1280 px) and mobile (360 px) widths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ADMIN_PASSWORD, assert_no_axe_violations, screenshot
from tests.e2e.flows import PASSWORD, log_in, log_out, register, watch_errors
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 780}

_numbers = count(1)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The product with doctor approval required (overrides the default `live_server`)."""
    yield from start_live_server(tmp_path_factory.mktemp("live"), DOCTOR_APPROVAL="required")


def unique(prefix: str) -> str:
    return f"{prefix}{next(_numbers)}"


def test_register_client_side_validation_and_role_fields(
    live_server: LiveServer, page: Page
) -> None:
    page.set_viewport_size(DESKTOP)
    errors = watch_errors(page)
    page.goto(live_server.url + "/register")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Enter your full name")).to_be_visible()
    expect(page.get_by_text("Use at least 3 characters")).to_be_visible()
    page.get_by_role("radio", name=re.compile(r"^Doctor")).check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Choose your specialization")).to_be_visible()
    assert_no_axe_violations(page, "register with errors")
    screenshot(page, "register-errors-desktop")
    assert errors == []


def test_patient_registers_logs_out_and_logs_in(live_server: LiveServer, page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    errors = watch_errors(page)
    username = unique("alice")
    register(
        page,
        live_server,
        role="patient",
        username=username,
        full_name="Alice Smith",
        shots="register-desktop",
    )

    expect(page.get_by_role("heading", level=1, name=re.compile(r"Alice$"))).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Alice Smith")
    expect(page.get_by_role("banner")).to_contain_text("Patient")
    nav = page.get_by_role("navigation", name="Main")
    for label in [
        "Dashboard",
        "Find a doctor",
        "Appointments",
        "Medical records",
        "Who accessed my records",
    ]:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    expect(page.get_by_role("link", name="Book appointment", exact=True)).to_have_attribute(
        "href", "/doctors"
    )
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page, "patient dashboard")
    screenshot(page, "patient-dashboard-desktop")

    nav.get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", level=1, name="Profile")).to_be_visible()
    expect(page.get_by_label("Specialization")).to_have_count(0)
    page.get_by_label("Full name").fill("Alice B. Smith")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Profile saved", exact=True)).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Alice B. Smith")
    reminders = page.get_by_role("group", name="Email me a reminder")
    week_before = reminders.get_by_role("checkbox", name="7 days before")
    expect(week_before).to_be_checked()
    week_before.uncheck()
    expect(page.get_by_text("Reminders saved", exact=True)).to_be_visible()
    page.reload()
    expect(page.get_by_role("checkbox", name="7 days before")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="24 hours before")).to_be_checked()
    assert_no_axe_violations(page, "profile")
    screenshot(page, "profile-desktop")

    log_out(page)

    log_in(page, live_server.url, username, "not-the-password")
    expect(
        page.get_by_role("alert").filter(
            has_text="The username, email address or password is incorrect."
        )
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login$"))
    assert_no_axe_violations(page, "login with wrong password")
    screenshot(page, "login-wrong-password-desktop")

    # #24 item 9: the same field takes the email address.
    page.get_by_label("Username or email").fill(f"{username.upper()}@example.org")
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/patient$"))
    expect(page.get_by_role("banner")).to_contain_text("Alice B. Smith")
    assert errors == []


def test_doctor_waits_for_approval_until_an_admin_approves(
    live_server: LiveServer, admin: str, page: Page, browser: Browser
) -> None:
    page.set_viewport_size(DESKTOP)
    errors = watch_errors(page)
    username = unique("drbob")
    register(
        page,
        live_server,
        role="doctor",
        username=username,
        full_name="Bob Jones",
        shots="register-doctor-desktop",
    )

    banner = page.get_by_text("Your account is waiting for approval")
    expect(banner).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    for label in ["Dashboard", "Schedule", "Appointments", "Patients", "Profile"]:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page, "doctor dashboard (pending)")
    screenshot(page, "doctor-dashboard-pending-desktop")

    nav.get_by_role("link", name="Profile").click()
    expect(page.get_by_label("Specialization").locator("option:checked")).to_have_text("Cardiology")
    expect(page.get_by_label("Appointment length")).to_have_value("20")
    assert_no_axe_violations(page, "doctor profile")

    admin_context = browser.new_context(viewport=DESKTOP)
    try:
        admin_page = admin_context.new_page()
        admin_errors = watch_errors(admin_page)
        log_in(admin_page, live_server.url, admin, ADMIN_PASSWORD)
        expect(admin_page).to_have_url(re.compile(r"/admin$"))
        expect(admin_page.get_by_role("heading", level=1, name="Doctor approvals")).to_be_visible()
        row = admin_page.get_by_role("listitem").filter(has_text="Bob Jones")
        expect(row).to_contain_text("Cardiology")
        expect(row).to_contain_text("Waiting for approval")
        assert_no_axe_violations(admin_page, "admin approvals")
        screenshot(admin_page, "admin-approvals-desktop")

        # Suspending asks for a reason first; cancel it.
        row.get_by_role("button", name="Suspend Bob Jones").click()
        dialog = admin_page.get_by_role("dialog")
        expect(dialog).to_contain_text("Suspend Bob Jones?")
        dialog.get_by_role("button", name="Suspend account").click()
        expect(dialog.get_by_text("Give a reason for the record")).to_be_visible()
        assert_no_axe_violations(admin_page, "suspend dialog")
        screenshot(admin_page, "admin-suspend-dialog-desktop")
        dialog.get_by_role("button", name="Cancel").click()
        expect(dialog).to_have_count(0)

        row.get_by_role("button", name="Approve Bob Jones").click()
        expect(admin_page.get_by_text("Bob Jones is approved", exact=True)).to_be_visible()
        expect(admin_page.get_by_text("No doctors are waiting")).to_be_visible()
        assert admin_errors == []
    finally:
        admin_context.close()

    page.reload()
    expect(page.get_by_role("heading", level=1, name="Profile")).to_be_visible()
    expect(banner).to_have_count(0)
    assert errors == []


def test_session_end_returns_to_login_without_patient_data(
    live_server: LiveServer, page: Page
) -> None:
    page.set_viewport_size(DESKTOP)
    register(page, live_server, role="patient", username=unique("carol"), full_name="Carol Private")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Profile").click()
    expect(page.get_by_label("Full name")).to_have_value("Carol Private")

    page.context.clear_cookies()  # the session ends on the server's side of the browser
    page.get_by_label("Full name").fill("Carol Changed")
    page.get_by_role("button", name="Save changes").click()

    expect(page).to_have_url(re.compile(r"/login\?expired=1$"))
    expect(page.get_by_text("Your session has ended")).to_be_visible()
    assert "Carol" not in page.content()
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0


def test_guards_send_visitors_to_login_and_roles_to_their_dashboard(
    live_server: LiveServer, page: Page
) -> None:
    page.goto(live_server.url + "/admin")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fadmin$"))
    register(page, live_server, role="patient", username=unique("dave"), full_name="Dave Guard")
    page.goto(live_server.url + "/admin")
    expect(page).to_have_url(re.compile(r"/patient$"))
    page.goto(live_server.url + "/no/such/page")
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_mobile_screens(live_server: LiveServer, browser: Browser) -> None:
    context = browser.new_context(viewport=MOBILE, timezone_id="America/New_York")
    try:
        page = context.new_page()
        errors = watch_errors(page)
        page.goto(live_server.url + "/login")
        expect(page.get_by_role("heading", level=1, name="Log in")).to_be_visible()
        assert_no_axe_violations(page, "login (mobile)")
        screenshot(page, "login-mobile")

        page.goto(live_server.url + "/register")
        # The time zone defaults to the browser's own.
        expect(page.get_by_label("Time zone")).to_have_value("America/New_York")
        page.get_by_role("radio", name=re.compile(r"^Doctor")).check()
        screenshot(page, "register-doctor-mobile")

        register(
            page, live_server, role="patient", username=unique("erin"), full_name="Erin Mobile"
        )
        expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
        assert_no_axe_violations(page, "patient dashboard (mobile)")
        screenshot(page, "patient-dashboard-mobile")
        fits_the_screen(page)

        page.get_by_role("button", name="Open menu").click()
        sheet = page.get_by_role("dialog")
        expect(sheet.get_by_role("link", name="Medical records")).to_be_visible()
        screenshot(page, "navigation-sheet-mobile")
        sheet.get_by_role("link", name="Profile").click()
        expect(sheet).to_have_count(0)
        expect(page.get_by_role("heading", level=1, name="Profile")).to_be_visible()
        assert_no_axe_violations(page, "profile (mobile)")
        screenshot(page, "profile-mobile")
        fits_the_screen(page)
        assert errors == []
    finally:
        context.close()


def fits_the_screen(page: Page) -> None:
    """The page does not scroll sideways on the phone. Polled for a few seconds: a toast that
    slides in from the right is outside the screen only while it moves; a layout that is too
    wide stays so, and fails."""
    page.wait_for_function(
        "(width) => document.documentElement.scrollWidth <= width",
        arg=MOBILE["width"],
        timeout=5_000,
    )
