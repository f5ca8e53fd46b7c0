"""Steps several end-to-end tests share: accounts through the web app or the API, signed-in
browsers. Fixtures stay in conftest.py; this module holds plain functions. API-level set-up
(users, bookings) comes from tests/factories.py with the live server's `LiveClient`.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.factories import DEFAULT_PASSWORD, Party, ensure_specialization, new_party, open_doctor
from tests.helpers import LiveClient
from tests.live import LiveServer

PASSWORD = "Lantern-Quiet-47"
"""Password of the accounts registered through the web app (API ones use DEFAULT_PASSWORD)."""
TIME = r"\d\d:\d\d"
END = rf"(\w{{3}} \d{{1,2}} \w{{3}} \d{{4}}, )?{TIME}"
"""The end of a visit as lib/format.ts writes it: "09:30", or "Tue 8 Dec 2026, 00:00" when the
visit ends on the next day (a slot at 23:30 when the test runs late in the evening)."""


def watch_errors(page: Page) -> list[str]:
    """Uncaught exceptions in the page (console errors include expected 401s, so not those)."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def register(
    page: Page,
    server: LiveServer,
    *,
    role: str,
    username: str,
    full_name: str,
    shots: str = "",
    specialization: str = "Cardiology",
    slot_minutes: str = "20",
) -> None:
    """Fill in "Create your account" as `role` and land on that role's dashboard. A doctor
    picks `specialization` from the clinic's list (added to it first, as an admin would).

    With `shots`, the filled-in form is checked with axe and saved as that screenshot.
    """
    if role == "doctor":
        ensure_specialization(server.app(), specialization)
    page.goto(server.url + "/register")
    expect(page.get_by_role("heading", level=1, name="Create your account")).to_be_visible()
    if role == "doctor":
        page.get_by_role("radio", name=re.compile(r"^Doctor")).check()
        expect(page.get_by_label("Specialization")).to_be_visible()
    else:
        expect(page.get_by_label("Specialization")).to_have_count(0)
    page.get_by_label("Full name").fill(full_name)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile(r"^Password")).fill(PASSWORD)
    if role == "doctor":
        page.get_by_label("Specialization").select_option(label=specialization)
        page.get_by_label("Appointment length").select_option(slot_minutes)
    if shots:
        assert_no_axe_violations(page, f"register ({role})")
        screenshot(page, shots)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(rf"/{role}$"))


def log_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label(re.compile(r"^Password")).fill(password)
    page.get_by_role("button", name="Log in").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", level=1, name="Log in")).to_be_visible()


def add_record(page: Page, diagnosis: str, prescription: str, notes: str) -> None:
    """On a doctor's patient page: fill in "Add record" for the first visit and submit it."""
    form = page.get_by_role("form", name="Add record")
    form.get_by_label("Diagnosis").fill(diagnosis)
    form.get_by_label("Prescription").fill(prescription)
    form.get_by_label("Notes").fill(notes)
    form.get_by_label("Visit").select_option(index=1)
    form.get_by_role("button", name="Add record").click()


def api_register(server: LiveServer, role: str, **fields: Any) -> Party[LiveClient]:
    """A user registered through the API in its own HTTP client (password DEFAULT_PASSWORD,
    time zone UTC unless given)."""
    return new_party(server.client(), role, **{"timezone": "UTC", **fields})


def signed_in_context(
    browser: Browser,
    server: LiveServer,
    username: str,
    password: str = DEFAULT_PASSWORD,
    **options: Any,
) -> BrowserContext:
    """A browser context logged in as `username` (an API-registered account by default)."""
    context = browser.new_context(base_url=server.url, **options)
    token = context.request.get("/api/csrf").json()["csrfToken"]
    login = context.request.post(
        "/api/login",
        data={"username": username, "password": password},
        headers={"X-CSRF-Token": token},
    )
    assert login.status == 200, login.text()
    return context


def api_open_doctor(server: LiveServer, **fields: Any) -> Party[LiveClient]:
    """An API-registered doctor open around the clock every day (time zone UTC)."""
    return open_doctor(server.client(), start="00:00", end="24:00", **{"timezone": "UTC", **fields})


def web_storage(page: Page) -> str:
    """Everything the page keeps in localStorage and sessionStorage, as one string."""
    return str(
        page.evaluate(
            "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
        )
    )
