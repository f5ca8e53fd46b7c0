"""Two-factor sign-in in a real browser, with the requirement on for doctors (the default).

A doctor registers and is kept on the enrolment page; they read the key from the page, turn
two-factor sign-in on with a code computed by pyotp (an independent RFC 6238
implementation), keep a recovery code, then log in with password + code and with password
+ recovery code; the used recovery code is refused the second time. The code step and the
enrolment screens are checked with axe-core (WCAG 2.1 A/AA).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import PASSWORD, log_in, log_out
from tests.factories import ensure_specialization
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e

USERNAME = "dr.otp"
ENROLMENT_PATH = "/profile/two-factor"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The product with two-factor sign-in required for doctors and admins."""
    yield from start_live_server(tmp_path_factory.mktemp("live"), MFA_REQUIRED_ROLES="doctor,admin")


def next_code(secret: str, used_step: int | None) -> tuple[str, int]:
    """A code the server accepts now: the current 30-second step, or the next one when the
    current step was already used (the server takes ±1 step, each step once per user)."""
    step = int(time.time()) // 30
    if used_step is not None:
        step = max(step, used_step + 1)
    return pyotp.TOTP(secret).at(step * 30), step


def register_doctor(page: Page, server: LiveServer) -> None:
    ensure_specialization(server.app(), "Cardiology")
    page.goto(server.url + "/register")
    page.get_by_role("radio", name=re.compile(r"^Doctor")).check()
    page.get_by_label("Full name").fill("Olga Otp")
    page.get_by_label("Email").fill(f"{USERNAME}@example.org")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    page.get_by_label("Specialization").select_option(label="Cardiology")
    page.get_by_role("button", name="Create account").click()


def password_step(page: Page, url: str) -> None:
    log_in(page, url, USERNAME, PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Two-factor authentication")).to_be_visible()


def use_recovery_code(page: Page, recovery_code: str) -> None:
    page.get_by_role("button", name="Use a recovery code").click()
    page.get_by_label(re.compile(r"^Recovery code")).fill(recovery_code)
    page.get_by_role("button", name="Verify and log in").click()


def test_doctor_enrols_then_logs_in_with_a_code_and_with_a_recovery_code(
    live_server: LiveServer, page: Page
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    url = live_server.url

    # Registered and logged in, but held on the enrolment page, even when asking for another.
    register_doctor(page, live_server)
    expect(page).to_have_url(re.compile(f"{ENROLMENT_PATH}$"))
    expect(page.get_by_text("Set up two-factor authentication to continue")).to_be_visible()
    page.goto(url + "/schedule")
    expect(page).to_have_url(re.compile(f"{ENROLMENT_PATH}$"))

    page.get_by_role("button", name="Set up two-factor authentication").click()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_no_axe_violations(page, "enrolment: QR code and key")
    screenshot(page, "mfa-enrolment-desktop")
    secret = page.get_by_test_id("mfa-secret").inner_text().replace(" ", "")

    code, used_step = next_code(secret, None)
    page.get_by_label(re.compile(r"^Code from the app")).fill(code)
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    recovery_code = codes.first.inner_text()
    assert_no_axe_violations(page, "enrolment: recovery codes")
    screenshot(page, "mfa-recovery-codes-desktop")
    page.get_by_role("button", name="I have saved my recovery codes").click()
    expect(page).to_have_url(re.compile(r"/doctor$"))
    log_out(page)

    # Password, then a code from the app.
    password_step(page, url)
    expect(page.get_by_label(re.compile(r"^Authentication code"))).to_have_attribute(
        "autocomplete", "one-time-code"
    )
    assert_no_axe_violations(page, "login: code step")
    screenshot(page, "mfa-login-code-desktop")
    code, used_step = next_code(secret, used_step)
    page.get_by_label(re.compile(r"^Authentication code")).fill(code)
    page.get_by_role("button", name="Verify and log in").click()
    expect(page).to_have_url(re.compile(r"/doctor$"))
    page.goto(url + "/profile")
    expect(page.get_by_text("On", exact=True)).to_be_visible()
    log_out(page)

    # Password, then a recovery code: it works once.
    password_step(page, url)
    use_recovery_code(page, recovery_code)
    expect(page).to_have_url(re.compile(r"/doctor$"))
    log_out(page)

    password_step(page, url)
    use_recovery_code(page, recovery_code)
    refused = page.get_by_text("That recovery code is wrong or has already been used.")
    expect(refused).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login$"))
    assert_no_axe_violations(page, "login: recovery code refused")
    assert errors == []
