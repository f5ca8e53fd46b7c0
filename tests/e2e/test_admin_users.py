"""The admin users page in Chromium (issue 21, "Admin"): the administrator finds a patient
by part of their email, resets their two-factor sign-in after re-entering their own
password and a code of their own app (a wrong password is refused in the dialog), then
suspends the account (the patient's session ends at once) and reactivates it. Axe runs on
the page and on both dialogs."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ADMIN_PASSWORD, assert_no_axe_violations, screenshot
from tests.e2e.flows import api_register, signed_in_context, watch_errors
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


def _code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def test_find_reset_two_factor_suspend_and_reactivate(
    browser: Browser, live_server: LiveServer, admin: str
) -> None:
    patient = api_register(live_server, "patient", fullName="Paula Lostphone",
                           email="paula.lost@example.org")  # fmt: skip
    secret = patient.client.call("POST", "/api/user/mfa/setup")["secret"]
    patient.client.call("POST", "/api/user/mfa/confirm", {"code": _code(secret)})
    api_register(live_server, "patient", fullName="Quentin Other")

    context = signed_in_context(browser, live_server, admin, ADMIN_PASSWORD)
    token = context.request.get("/api/csrf").json()["csrfToken"]
    own = context.request.post("/api/user/mfa/setup", headers={"X-CSRF-Token": token}).json()
    confirmed = context.request.post(
        "/api/user/mfa/confirm", data={"code": _code(own["secret"])},
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert confirmed.status == 200, confirmed.text()
    page = context.new_page()
    errors = watch_errors(page)

    page.goto("/admin")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", level=1, name="Users")).to_be_visible()
    users = page.get_by_role("list", name="Users")
    expect(users.get_by_role("listitem")).to_have_count(3)
    assert_no_axe_violations(page, "admin users")
    page.get_by_label("Search users").fill("PAULA.LOST")
    expect(users.get_by_role("listitem")).to_have_count(1)
    row = users.get_by_role("listitem")
    expect(row).to_contain_text("Paula Lostphone")
    expect(row).to_contain_text("Two-factor on")
    screenshot(page, "admin-users")

    row.get_by_role("button", name="Reset two-factor sign-in of Paula Lostphone").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert_no_axe_violations(page, "reset two-factor dialog")
    dialog.get_by_label(re.compile(r"^Your password")).fill("not my password")
    dialog.get_by_label(re.compile(r"^Your authentication code")).fill(_code(own["secret"], 1))
    dialog.get_by_role("button", name="Reset two-factor sign-in").click()
    expect(dialog.get_by_text("is not correct")).to_be_visible()
    dialog.get_by_label(re.compile(r"^Your password")).fill(ADMIN_PASSWORD)
    dialog.get_by_role("button", name="Reset two-factor sign-in").click()
    expect(dialog).to_be_hidden()
    expect(row).not_to_contain_text("Two-factor on")
    assert patient.client.get("/api/user").status_code == 401  # signed out everywhere

    row.get_by_role("button", name="Suspend Paula Lostphone").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Suspend account").click()
    expect(dialog.get_by_text("Give a reason")).to_be_visible()
    assert_no_axe_violations(page, "suspend dialog with an error")
    dialog.get_by_label(re.compile(r"^Reason")).fill("Identity under review")
    dialog.get_by_role("button", name="Suspend account").click()
    expect(dialog).to_be_hidden()
    expect(row).to_contain_text("Suspended")
    expect(row).to_contain_text("Identity under review")
    login = {"username": patient.user["username"], "password": patient.password}
    assert live_server.client().post("/api/login", json=login).status_code == 403

    row.get_by_role("button", name="Reactivate Paula Lostphone").click()
    expect(row).not_to_contain_text("Suspended")
    assert live_server.client().post("/api/login", json=login).status_code == 200
    assert_no_axe_violations(page, "admin users after the actions")
    assert not errors, errors
