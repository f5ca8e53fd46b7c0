"""The user guide (docs/user-guide.md) as one test per role, through the web app only.

Everyone registers on the register page; the one administrator comes from `flask
create-admin` and approves doctors on the admin page (this module's server requires
approval). Each test builds its own doctor and patient in separate browser contexts, so
either runs alone. Every screen visited is checked with axe-core (WCAG 2.1 A/AA); the main
ones are saved as `guide-<screen>-desktop.png` (1280×800) and `guide-<screen>-mobile.png`
(390×844) in test-artifacts/screenshots. `UPDATE_DOCS_SCREENSHOTS=1` copies the ones the
guide embeds to docs/images (`make screenshots`; see DOCS_SCREENSHOTS).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from itertools import count
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from clinic360.core.config import PROJECT_ROOT
from tests.e2e.conftest import ADMIN_PASSWORD, SCREENSHOTS, assert_no_axe_violations, screenshot
from tests.e2e.flows import add_record, log_in, log_out, register, watch_errors
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
ZONE = "Europe/London"
WORKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SPECIALIZATION = "Dermatology"

DOCS_IMAGES = PROJECT_ROOT / "docs" / "images"
DOCS_SCREENSHOTS = [
    "guide-register-patient-desktop",
    "guide-patient-dashboard-desktop",
    "guide-patient-dashboard-mobile",
    "guide-find-a-doctor-desktop",
    "guide-doctor-slots-desktop",
    "guide-book-confirm-mobile",
    "guide-patient-records-desktop",
    "guide-patient-records-mobile",
    "guide-access-log-desktop",
    "guide-admin-approvals-desktop",
    "guide-doctor-dashboard-desktop",
    "guide-doctor-schedule-desktop",
    "guide-doctor-agenda-desktop",
    "guide-doctor-patient-desktop",
]
"""The screenshots docs/user-guide.md embeds, copied to docs/images on request."""

_numbers = count(1)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The product as shipped: new doctors wait for an administrator's approval."""
    yield from start_live_server(tmp_path_factory.mktemp("live"), DOCTOR_APPROVAL="required")


@pytest.fixture(scope="module", autouse=True)
def _update_docs_screenshots(request: pytest.FixtureRequest) -> Iterator[None]:
    """With UPDATE_DOCS_SCREENSHOTS=1, copy the guide's screenshots to docs/images after a
    run in which nothing failed."""
    yield
    if os.environ.get("UPDATE_DOCS_SCREENSHOTS") != "1" or request.session.testsfailed:
        return
    DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
    for name in DOCS_SCREENSHOTS:
        source = SCREENSHOTS / f"{name}.png"
        if source.is_file():  # a test run alone makes only its own role's screenshots
            shutil.copyfile(source, DOCS_IMAGES / source.name)


def new_page(browser: Browser, server: LiveServer) -> Page:
    """One person's browser: a fresh context at desktop width on the clinic's clock."""
    context = browser.new_context(base_url=server.url, viewport=DESKTOP, timezone_id=ZONE)
    return context.new_page()


def capture(page: Page, screen: str) -> None:
    """The screen passes axe and is saved at both widths; on a phone nothing scrolls sideways."""
    page.evaluate("() => window.scrollTo(0, 0)")  # else the sticky header lands mid-picture
    assert_no_axe_violations(page, f"{screen} (desktop)")
    screenshot(page, f"guide-{screen}-desktop")
    page.set_viewport_size(MOBILE)
    try:
        assert_no_axe_violations(page, f"{screen} (mobile)")
        screenshot(page, f"guide-{screen}-mobile")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], f"{screen} is {width}px wide on a phone"
    finally:
        page.set_viewport_size(DESKTOP)


def sidebar(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True).click()


def long_date(day: date) -> str:
    """The web app's date format: "Monday 7 December 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def workdays_this_week() -> list[date]:
    """Monday–Friday dates from tomorrow to six days ahead on the clinic's clock (4 or 5).

    A doctor's page shows today and the six days after it.
    """
    today = datetime.now(ZoneInfo(ZONE)).date()
    days = [today + timedelta(days=n) for n in range(1, 7)]
    return [day for day in days if day.weekday() < 5]


# --- Steps of the guide, shared by both roles' tests -------------------------------------


def registers(page: Page, server: LiveServer, role: str, name: str, *, shots: bool) -> str:
    """Create your account as `role` (doctors: the guide's specialization, 30-minute slots)."""
    username = f"{role}{next(_numbers)}"
    register(
        page,
        server,
        role=role,
        username=username,
        full_name=name,
        specialization=SPECIALIZATION,
        slot_minutes="30",
        shots=f"guide-register-{role}-desktop" if shots else "",
    )
    if role == "doctor":
        expect(page.get_by_text("Your account is waiting for approval")).to_be_visible()
    return username


def admin_approves(
    browser: Browser, server: LiveServer, admin: str, name: str, *, shots: bool
) -> None:
    """The administrator logs in and approves the doctor called `name`."""
    page = new_page(browser, server)
    errors = watch_errors(page)
    log_in(page, server.url, admin, ADMIN_PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Doctor approvals")).to_be_visible()
    row = page.get_by_role("listitem").filter(has_text=name)
    expect(row).to_contain_text(SPECIALIZATION)
    expect(row).to_contain_text("Waiting for approval")
    if shots:
        capture(page, "admin-approvals")
    row.get_by_role("button", name=f"Approve {name}").click()
    expect(page.get_by_text(f"{name} is approved", exact=True)).to_be_visible()
    assert errors == []
    page.context.close()


def doctor_sets_weekly_hours(page: Page) -> None:
    sidebar(page, "Schedule")
    expect(page.get_by_role("heading", level=1, name="My schedule")).to_be_visible()
    page.get_by_role("button", name="Add window on Monday").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Weekdays (Mon–Fri)").click()
    dialog.get_by_label("Start").fill("09:00")
    dialog.get_by_label("End").fill("17:00")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    for day in WORKDAYS:
        expect(page.get_by_role("listitem", name=day).get_by_text("09:00–17:00")).to_be_visible()
    for day in ["Saturday", "Sunday"]:
        expect(page.get_by_role("listitem", name=day).get_by_text("Closed")).to_be_visible()


def doctor_takes_a_day_off(page: Page, day: date) -> None:
    page.get_by_label(re.compile(r"^From")).fill(day.isoformat())
    expect(page.get_by_label(re.compile(r"^To"))).to_have_value(day.isoformat())
    expect(page.get_by_label("Type", exact=True)).to_have_value("off")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Time off added", exact=True)).to_be_visible()
    entry = page.get_by_role("list", name="Dated entries").get_by_role("listitem")
    expect(entry).to_contain_text(f"{day:%a} {day.day} {day:%b %Y}")
    expect(entry).to_contain_text("00:00–24:00")
    expect(entry).to_contain_text("Time off")


def patient_books(
    page: Page,
    doctor: str,
    reason: str,
    *,
    shots: bool,
    day_off: date | None = None,
    open_day: date | None = None,
) -> str:
    """Appointments → Book appointment → doctor → first free time → reason → confirm.

    Returns the chosen slot's accessible name ("Book <day> at <time> (<zone>)").
    """
    sidebar(page, "Appointments")
    expect(page.get_by_role("heading", level=1, name="My appointments")).to_be_visible()
    expect(page.get_by_text("No upcoming appointments.")).to_be_visible()
    if shots:
        capture(page, "my-appointments-empty")
    page.get_by_role("main").get_by_role("link", name="Book appointment").click()

    expect(page.get_by_role("heading", level=1, name="Find a doctor")).to_be_visible()
    page.get_by_label("Specialization").select_option(SPECIALIZATION)
    doctor_link = page.get_by_role("link", name=doctor)
    expect(doctor_link).to_be_visible()
    if shots:
        capture(page, "find-a-doctor")
    doctor_link.click()

    expect(page.get_by_role("heading", level=1, name=doctor)).to_be_visible()
    slots = page.get_by_role("button", name=re.compile(r"^Book "))
    expect(slots.first).to_be_visible()
    if day_off is not None and open_day is not None:
        # Another workday offers 09:00 to 16:30 every half hour; the day off offers nothing.
        offered = page.get_by_role("list", name=f"Free slots on {long_date(open_day)}")
        expect(offered.get_by_role("button")).to_have_count(16)
        expect(page.get_by_role("list", name=f"Free slots on {long_date(day_off)}")).to_have_count(
            0
        )
    if shots:
        capture(page, "doctor-slots")
    slot = slots.first
    chosen = slot.get_attribute("aria-label") or ""
    slot.click()

    expect(page.get_by_role("heading", level=1, name="Book an appointment")).to_be_visible()
    time_label = re.search(r" at (\d\d:\d\d) ", chosen)
    assert time_label is not None, chosen
    picked = page.get_by_role("group", name="Time on").get_by_role("button", pressed=True)
    expect(picked).to_have_text(time_label.group(1))
    if shots:
        capture(page, "book-slot")
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Reason").fill(reason)
    if shots:
        capture(page, "book-reason")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    expect(page.get_by_text(reason)).to_be_visible()
    if shots:
        capture(page, "book-confirm")
    page.get_by_role("button", name="Confirm booking").click()

    expect(page.get_by_role("heading", level=1, name="Appointment booked")).to_be_visible()
    expect(page.get_by_text(doctor)).to_be_visible()
    if shots:
        capture(page, "booked")
    return chosen


def doctor_writes_record(
    page: Page, patient: str, diagnosis: str, prescription: str, notes: str
) -> None:
    """Patients → the patient → "Add record" after the visit."""
    sidebar(page, "Patients")
    expect(page.get_by_role("heading", level=1, name="My patients")).to_be_visible()
    page.get_by_role("link", name=patient).click()
    expect(page.get_by_role("heading", level=1, name=patient)).to_be_visible()
    add_record(page, diagnosis, prescription, notes)
    expect(page.get_by_text("Record added", exact=True)).to_be_visible()
    records = page.get_by_role("list", name="Medical records, newest first")
    expect(records.get_by_role("listitem").first).to_contain_text(diagnosis)


def wait_for_email(server: LiveServer, recipient: str, subject: str) -> EmailMessage:
    """The .eml file the worker writes to the outbox for `recipient` (polled, 30 s at most)."""
    outbox = server.instance_path / "outbox"
    deadline = time.monotonic() + 30
    while True:
        for path in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
            message = _parse(path)
            if recipient in str(message["To"]) and str(message["Subject"]).startswith(subject):
                return message
        assert time.monotonic() < deadline, f"no email to {recipient} in {outbox}"
        time.sleep(0.2)  # polling a folder: there is nothing for Playwright to wait on


def _parse(path: Path) -> EmailMessage:
    with path.open("rb") as file:
        message = BytesParser(policy=policy.default).parse(file)
    assert isinstance(message, EmailMessage)
    return message


def _email_text(message: EmailMessage) -> str:
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return "\n".join(str(part) for part in parts)


# --- The guide, one test per role ---------------------------------------------------------


def test_patient_guide(live_server: LiveServer, admin: str, browser: Browser) -> None:
    doctor_name, patient_name = "Dr. Maria Lopez", "Sam Carter"
    reason = f"Itchy rash on both arms {next(_numbers)}"

    # Setting the scene: a doctor registers, is approved and opens weekdays 09:00–17:00.
    doctor = new_page(browser, live_server)
    doctor_errors = watch_errors(doctor)
    registers(doctor, live_server, "doctor", doctor_name, shots=False)
    admin_approves(browser, live_server, admin, doctor_name, shots=False)
    doctor.reload()
    doctor_sets_weekly_hours(doctor)

    # 1. Create an account as a patient, then log in.
    page = new_page(browser, live_server)
    errors = watch_errors(page)
    username = registers(page, live_server, "patient", patient_name, shots=True)
    log_out(page)
    capture(page, "login")
    log_in(page, live_server.url, username)

    # 2. The dashboard.
    expect(page).to_have_url(re.compile(r"/patient$"))
    expect(page.get_by_role("heading", level=1, name=re.compile(r"Sam$"))).to_be_visible()
    expect(page.get_by_text("No upcoming appointments")).to_be_visible()
    capture(page, "patient-dashboard")

    # 3. Book an appointment; the confirmation email never carries the reason.
    patient_books(page, doctor_name, reason, shots=True)
    email = wait_for_email(live_server, f"{username}@example.org", "Your appointment on")
    body = _email_text(email)
    assert doctor_name in body
    assert reason not in body and reason not in str(email["Subject"])
    assert reason not in email.as_string()

    page.get_by_role("link", name="My appointments").click()
    upcoming = page.get_by_role("list", name="Upcoming appointments")
    expect(upcoming.get_by_text(f"{doctor_name} · {SPECIALIZATION}")).to_be_visible()
    expect(upcoming.get_by_text("Awaiting confirmation")).to_be_visible()
    expect(upcoming.get_by_text(reason)).to_be_visible()
    capture(page, "my-appointments")

    # The doctor sees the visit and writes two records after it.
    sidebar(doctor, "Appointments")
    doctor.get_by_role("button", name="Week").click()
    week = doctor.get_by_role("list", name="Appointments of the week")
    expect(week.get_by_text(patient_name)).to_be_visible()
    expect(week.get_by_text(reason)).to_be_visible()
    doctor_writes_record(
        doctor, patient_name, "Contact dermatitis", "Hydrocortisone 1% cream", "Avoid the new soap."
    )
    doctor_writes_record(
        doctor,
        patient_name,
        "Dermatitis, healing",
        "Emollient twice a day",
        "Check again in 4 weeks.",
    )
    assert doctor_errors == []
    doctor.context.close()

    # 4. Medical records: the timeline, with diagnoses, prescriptions and the doctor's notes,
    # newest first.
    sidebar(page, "Medical records")
    expect(page.get_by_role("heading", level=1, name="Medical records")).to_be_visible()
    records = (
        page.get_by_role("list", name="Timeline, newest first")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading", name=re.compile(r"^Record: ")))
    )
    expect(records).to_have_count(2)
    expect(records.nth(0)).to_contain_text("Dermatitis, healing")
    expect(records.nth(0)).to_contain_text("Check again in 4 weeks.")
    expect(records.nth(1)).to_contain_text("Contact dermatitis")
    expect(records.nth(1)).to_contain_text("Hydrocortisone 1% cream")
    expect(records.nth(1)).to_contain_text("Avoid the new soap.")
    expect(records.nth(1)).to_contain_text(f"{doctor_name} ({SPECIALIZATION})")
    capture(page, "patient-records")

    sidebar(page, "Who accessed my records")
    expect(page.get_by_role("heading", level=1, name="Who accessed my records")).to_be_visible()
    visits = page.get_by_role("list", name="Access to your records, newest first")
    wrote = re.compile(rf"^{re.escape(doctor_name)} .*wrote a record")
    visits.get_by_role("button", name=wrote).first.click()
    expect(page.get_by_text(re.compile(r"^Record of .* — written$")).first).to_be_visible()
    capture(page, "access-log")
    assert errors == []
    page.context.close()


def test_doctor_guide(live_server: LiveServer, admin: str, browser: Browser) -> None:
    doctor_name, patient_name = "Dr. Omar Haddad", "Lena Fischer"
    reason = f"Mole changed colour {next(_numbers)}"
    day_off, open_day, *_ = workdays_this_week()

    # 1. Register as a doctor with a specialization: the account waits for approval.
    page = new_page(browser, live_server)
    errors = watch_errors(page)
    registers(page, live_server, "doctor", doctor_name, shots=True)
    capture(page, "doctor-pending")

    # 2. An administrator approves it; the banner goes.
    admin_approves(browser, live_server, admin, doctor_name, shots=True)
    page.reload()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"Omar$"))).to_be_visible()
    expect(page.get_by_text("Your account is waiting for approval")).to_have_count(0)
    expect(page.get_by_text("Nothing booked today")).to_be_visible()
    capture(page, "doctor-dashboard")

    # 3. Weekly hours, and a day off.
    doctor_sets_weekly_hours(page)
    doctor_takes_a_day_off(page, day_off)
    capture(page, "doctor-schedule")

    # A patient books through the web app in another browser; the day off offers no time.
    patient = new_page(browser, live_server)
    patient_errors = watch_errors(patient)
    registers(patient, live_server, "patient", patient_name, shots=False)
    chosen = patient_books(
        patient, doctor_name, reason, shots=False, day_off=day_off, open_day=open_day
    )
    assert long_date(day_off) not in chosen
    assert patient_errors == []
    patient.context.close()

    # 4. Upcoming appointments: the agenda's week, with the patient's name and reason.
    sidebar(page, "Appointments")
    expect(page.get_by_role("heading", level=1, name="Agenda")).to_be_visible()
    page.get_by_role("button", name="Week").click()
    week = page.get_by_role("list", name="Appointments of the week")
    item = week.get_by_role("article").filter(has_text=patient_name)
    expect(item).to_contain_text(reason)
    expect(item).to_contain_text("Awaiting confirmation")
    item.get_by_role("button", name="Confirm").click()
    expect(item).to_contain_text("Confirmed")
    capture(page, "doctor-agenda")

    # 5. Open the patient, add a record after the consultation, read the history.
    doctor_writes_record(
        page, patient_name, "Benign naevus", "No treatment", "Photographed; review in 6 months."
    )
    expect(page.get_by_role("main")).to_contain_text("· Confirmed")  # appointments with me
    records = page.get_by_role("list", name="Medical records, newest first")
    records.get_by_role("button", name="Version history").click()
    history = page.get_by_role("list", name="Version history")
    expect(history.get_by_text("Diagnosis: Benign naevus")).to_be_visible()
    capture(page, "doctor-patient")
    assert errors == []
    page.context.close()
