"""Steps several end-to-end tests share: accounts through the web app or the API, signed-in
browsers. Fixtures stay in conftest.py; this module holds plain functions.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.helpers import DEFAULT_PASSWORD
from tests.live import LiveServer

PASSWORD = "Lantern-Quiet-47"
"""Password of the accounts registered through the web app (API ones use DEFAULT_PASSWORD)."""

_names = itertools.count(1)


def watch_errors(page: Page) -> list[str]:
    """Uncaught exceptions in the page (console errors include expected 401s, so not those)."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def register(
    page: Page,
    url: str,
    *,
    role: str,
    username: str,
    full_name: str,
    shots: str = "",
    specialization: str = "Cardiology",
    slot_minutes: str = "20",
) -> None:
    """Fill in "Create your account" as `role` and land on that role's dashboard.

    With `shots`, the filled-in form is checked with axe and saved as that screenshot.
    """
    page.goto(url + "/register")
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
        page.get_by_label("Specialization").fill(specialization)
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


def api_register(server: LiveServer, role: str, **fields: Any) -> dict[str, Any]:
    """Register through the API (password DEFAULT_PASSWORD, time zone UTC unless given).

    The returned user also holds `http`, an httpx client logged in as that user.
    """
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


def api_send(http: httpx.Client, method: str, path: str, body: dict[str, Any]) -> Any:
    """An unsafe API call with a fresh CSRF token; asserts success, returns the JSON body."""
    token = http.get("/api/csrf").json()["csrfToken"]
    response = http.request(method, path, json=body, headers={"X-CSRF-Token": token})
    assert response.is_success, response.text
    return response.json() if response.content else None


def api_book(patient: dict[str, Any], doctor: dict[str, Any], reason: str) -> Any:
    """The patient (from `api_register`) books the doctor's first free slot; the appointment."""
    slot = patient["http"].get(f"/api/doctors/{doctor['id']}/slots").json()[0]
    body = {"doctorId": doctor["id"], **slot, "reason": reason}
    return api_send(patient["http"], "POST", "/api/appointments", body)


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


def api_open_doctor(server: LiveServer, **fields: Any) -> dict[str, Any]:
    """An API-registered doctor open around the clock every day (time zone UTC)."""
    doctor = api_register(server, "doctor", **{"specialization": "Cardiology", **fields})
    http: httpx.Client = doctor["http"]
    token = http.get("/api/csrf").json()["csrfToken"]
    for day in range(7):
        entry = {"dayOfWeek": day, "startTime": "00:00", "endTime": "24:00", "isAvailable": True}
        response = http.post("/api/schedule", json=entry, headers={"X-CSRF-Token": token})
        assert response.status_code == 201, response.text
    return doctor


def web_storage(page: Page) -> str:
    """Everything the page keeps in localStorage and sessionStorage, as one string."""
    return str(
        page.evaluate(
            "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
        )
    )
