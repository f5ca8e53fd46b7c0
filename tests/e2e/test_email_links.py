"""Every link in every kind of email the product sends opens a real page (issue 24, item 1).

The live server (gunicorn + worker, no SMTP) writes each email as an `.eml` file to
`instance/outbox/`. The test makes the product send every kind — booked, confirmed,
rescheduled, cancelled, reminder, password reset, email changed, doctor approved, doctor
suspended, a new message (to a doctor and to a patient), the daily message digest — parses
each file, pulls out every http(s) link of its text and HTML parts, and
opens each in Chromium, logged out (through the login page and back to the link when it needs
one) and logged in as the recipient: never "Page not found", and the page the link promises
(for an appointment link: that appointment).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import update

from clinic360.appointments.models import Appointment
from clinic360.appointments.reminders import schedule_reminders
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.messaging.digest import queue_due_digests
from tests.e2e.conftest import ADMIN_PASSWORD
from tests.e2e.flows import signed_in_context, watch_errors
from tests.factories import (
    DEFAULT_PASSWORD,
    Party,
    at,
    book_free_slot,
    booked,
    iso,
    new_party,
    open_hours,
)
from tests.helpers import LiveClient
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e

KINDS = {
    "appointment_booked",
    "appointment_confirmed",
    "appointment_rescheduled",
    "appointment_cancelled",
    "appointment_reminder",
    "password_reset",
    "email_changed",
    "doctor_approved",
    "doctor_suspended",
    "message_received",
    "message_digest",
}
PUBLIC = {"/", "/login", "/reset-password", "/doctors"}
"""Pages that need no login: opened logged out, they show themselves (a guest may find a
doctor: #24 item 16; and every manage link, `/manage/<token>`, in the patient's appointment
emails)."""


def is_public(path: str) -> bool:
    return path in PUBLIC or path.startswith("/manage/")


SUBJECT = "About my results"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Doctor approval required, so approving a doctor sends its email."""
    yield from start_live_server(tmp_path_factory.mktemp("live"), DOCTOR_APPROVAL="required")


@dataclass(frozen=True)
class Email:
    kind: str
    to: str
    links: tuple[str, ...]


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def links_of(message: EmailMessage) -> tuple[str, ...]:
    """Every http(s) link of the text and HTML parts, in order, once each."""
    found: list[str] = []
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            found += re.findall(r"https?://\S+", str(part.get_content()))
        elif part.get_content_type() == "text/html":
            parser = _Hrefs()
            parser.feed(str(part.get_content()))
            found += [href for href in parser.hrefs if href.startswith("http")]
    return tuple(dict.fromkeys(found))


def read_outbox(server: LiveServer, expected: set[tuple[str, str]]) -> list[Email]:
    """The emails of the outbox once every (kind, address) in `expected` is there (60 s)."""
    outbox = server.instance_path / "outbox"
    deadline = time.monotonic() + 60
    while True:
        emails = []
        for path in sorted(outbox.glob("*.eml")) if outbox.is_dir() else []:
            with path.open("rb") as file:
                message = BytesParser(policy=policy.default).parse(file)
            assert isinstance(message, EmailMessage)
            kind = path.stem.split("-", 1)[1]
            emails.append(Email(kind, message["To"].addresses[0].addr_spec, links_of(message)))
        missing = expected - {(email.kind, email.to) for email in emails}
        if not missing:
            return emails
        assert time.monotonic() < deadline, f"never sent: {sorted(missing)}"
        time.sleep(0.5)  # polling a folder: there is nothing for Playwright to wait on


def approved_doctor(server: LiveServer, admin: LiveClient, name: str) -> Party[LiveClient]:
    doctor = new_party(server.client(), "doctor", fullName=name, timezone="UTC")
    admin.call("POST", f"/api/admin/doctors/{doctor.id}/approve")
    return doctor


def appointment_text(start: datetime, end: datetime) -> str:
    """How the web app writes an appointment's time in UTC (lib/format.ts): the end names its
    date when it falls on the next day."""

    def day(moment: datetime) -> str:
        return f"{moment:%a} {moment.day} {moment:%b %Y}, "

    end_day = "" if end.date() == start.date() else day(end)
    return f"{day(start)}{start:%H:%M}–{end_day}{end:%H:%M} (UTC)"


def check_page(page: Page, path: str, recipient: Party[LiveClient], logged_in: bool) -> None:
    """The page behind `path` is the one the email promises."""
    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_role("heading", name="Page not found")).to_have_count(0)
    match = re.fullmatch(r"/appointments/(\d+)", path)
    if match:
        visit = recipient.client.call("GET", f"/api/appointments/{match.group(1)}")
        mine = recipient.user["role"] == "patient"
        other = visit["doctor" if mine else "patient"]["fullName"]
        heading = page.get_by_role("heading", level=1, name=f"Appointment with {other}")
        expect(heading).to_be_visible()
        start = datetime.fromisoformat(visit["startTime"])
        end = datetime.fromisoformat(visit["endTime"])
        expect(page.get_by_text(appointment_text(start, end))).to_be_visible()
    elif path.startswith("/manage/"):  # the current version, or an older one of a change
        title = re.compile(r"^(Your appointment|This appointment has changed)$")
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        doctors = re.compile(r"Dr (Mail Links|Daily Digest)")  # the two doctors booked here
        expect(page.get_by_text(doctors).first).to_be_visible()
    elif path == "/doctors":
        expect(page.get_by_role("heading", level=1, name="Find a doctor")).to_be_visible()
    elif path == "/agenda":
        expect(page.get_by_role("heading", level=1, name="Agenda")).to_be_visible()
    elif re.fullmatch(r"/messages/\d+", path):
        expect(page.get_by_role("heading", level=1, name=SUBJECT)).to_be_visible()
    elif path == "/messages":
        expect(page.get_by_role("heading", level=1, name="Messages")).to_be_visible()
    elif path == "/reset-password":
        expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    elif path == "/login" and not logged_in:
        expect(page.get_by_role("heading", level=1, name="Log in")).to_be_visible()


def follow_logged_out(
    browser: Browser, server: LiveServer, link: str, who: Party[Any], *, suspended: bool
) -> None:
    """Open `link` in a fresh browser; log in when asked to, and land on the link (a
    suspended doctor is told so at the login instead)."""
    path = urlsplit(link).path or "/"
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    errors = watch_errors(page)
    try:
        page.goto(link)
        if not is_public(path):
            expect(page).to_have_url(re.compile(r"/login\?next="))
            page.get_by_label("Username").fill(who.username)
            page.get_by_label(re.compile(r"^Password")).fill(who.password)
            page.get_by_role("button", name="Log in").click()
            if suspended:
                expect(page.get_by_role("alert")).to_contain_text("suspended")
                return
            expect(page).to_have_url(server.url + path)
        check_page(page, path, who, logged_in=not is_public(path))
        assert not errors, errors
    finally:
        context.close()


def follow_logged_in(browser: Browser, server: LiveServer, link: str, who: Party[Any]) -> None:
    context = signed_in_context(browser, server, who.username, who.password)
    page = context.new_page()
    errors = watch_errors(page)
    try:
        page.goto(link)
        path = urlsplit(page.url).path
        if urlsplit(link).path not in ("", "/", "/login"):  # those send a user home
            assert path == urlsplit(link).path, f"{link} ended on {page.url}"
        check_page(page, path, who, logged_in=True)
        assert not errors, errors
    finally:
        context.close()


def test_every_link_in_every_email_opens_its_page(
    live_server: LiveServer, admin: str, browser: Browser
) -> None:
    server = live_server
    admin_client = server.client()
    admin_client.log_in(admin, ADMIN_PASSWORD)

    # Doctors: approved (email), one later suspended (email).
    doctor = approved_doctor(server, admin_client, "Dr Mail Links")
    open_hours(doctor, start="00:00", end="24:00")
    leaving = approved_doctor(server, admin_client, "Dr Leaving Soon")
    admin_client.call(
        "POST", f"/api/admin/doctors/{leaving.id}/suspend", {"reason": "Left the clinic"}
    )
    patient = new_party(server.client(), "patient", fullName="Pat Mailer", timezone="UTC")
    old_address = patient.user["email"]

    # One appointment through its life: booked, confirmed, moved, cancelled.
    first = booked(patient, doctor, at(10, offset=3))
    doctor.client.call("PUT", f"/api/appointments/{first['id']}", {"status": "confirmed"})
    moved = {"startTime": iso(at(11, offset=3)), "endTime": iso(at(11, 30, offset=3))}
    patient.client.call("PUT", f"/api/appointments/{first['id']}", moved)
    patient.client.call("PUT", f"/api/appointments/{first['id']}", {"status": "cancelled"})
    # Another one soon enough for its reminder (the worker scans every minute: ask now),
    # booked a day ago (a step already past when it was booked is never sent).
    soon = book_free_slot(patient, doctor)
    with server.app().app_context():
        with transaction() as session:
            session.execute(
                update(Appointment)
                .where(Appointment.id == soon["id"])
                .values(times_set_at=utcnow() - timedelta(days=1))
            )
        schedule_reminders()

    # Messages: the patient writes (the doctor is emailed), the doctor answers (the patient
    # is); a doctor on the daily digest gets one count instead.
    doctor.client.call("PUT", "/api/user", {"acceptsMessages": True})
    thread = patient.client.call(
        "POST",
        "/api/messages/threads",
        {"doctorId": doctor.id, "subject": SUBJECT, "body": "Are they fine?"},
        status=201,
    )
    doctor.client.call(
        "POST", f"/api/messages/threads/{thread['id']}/messages", {"body": "Yes."}, status=201
    )
    digest_doctor = approved_doctor(server, admin_client, "Dr Daily Digest")
    open_hours(digest_doctor, start="00:00", end="24:00")
    digest_doctor.client.call("PUT", "/api/user", {"acceptsMessages": True, "messageDigest": True})
    book_free_slot(patient, digest_doctor, index=4)  # the first free time is already hers
    patient.client.call(
        "POST",
        "/api/messages/threads",
        {"doctorId": digest_doctor.id, "subject": SUBJECT, "body": "And these?"},
        status=201,
    )
    with server.app().app_context():
        assert queue_due_digests(utcnow() + timedelta(days=1)) == 1
    read_outbox(server, {("message_received", old_address)})  # before the address changes

    # Account emails: a reset link, then a new address (the notice goes to the old one).
    patient.client.call("POST", "/api/password-reset", {"email": old_address}, status=202)
    # Sent before the address changes (a change voids pending reset links).
    read_outbox(server, {("password_reset", old_address)})
    new_address = "pat.mailer.new@example.org"
    change = {"email": new_address, "currentPassword": DEFAULT_PASSWORD}
    patient.client.call("PUT", "/api/user", change)

    p, d, gone = old_address, doctor.user["email"], leaving.user["email"]
    daily = digest_doctor.user["email"]
    expected = {
        ("appointment_booked", p),
        ("appointment_booked", d),
        ("appointment_confirmed", p),
        ("appointment_rescheduled", p),
        ("appointment_rescheduled", d),
        ("appointment_cancelled", p),
        ("appointment_cancelled", d),
        ("appointment_reminder", p),
        ("appointment_reminder", d),
        ("password_reset", p),
        ("email_changed", p),
        ("doctor_approved", d),
        ("doctor_approved", gone),
        ("doctor_suspended", gone),
        ("message_received", d),
        ("message_received", p),
        ("message_digest", daily),
    }
    emails = read_outbox(server, expected)
    assert {email.kind for email in emails} == KINDS
    recipients = {p: patient, new_address: patient, d: doctor, gone: leaving, daily: digest_doctor}

    opened = set()
    for email in emails:
        who = recipients[email.to]
        assert email.links, f"{email.kind} to {email.to} has no link"
        for link in email.links:
            assert link == server.url or link.startswith(server.url + "/"), link
            if (link, email.to) in opened:
                continue
            opened.add((link, email.to))
            follow_logged_out(browser, server, link, who, suspended=who is leaving)
            if who is not leaving:  # a suspended doctor can no longer log in
                follow_logged_in(browser, server, link, who)
    paths = {urlsplit(link).path or "/" for link, _ in opened}
    assert {f"/appointments/{first['id']}", "/doctors", "/agenda", "/doctor"} <= paths
    assert sum(path.startswith("/manage/") for path in paths) == 5  # booked, confirmed,
    # rescheduled (older versions of the first appointment), the reminder of the second and
    # the booking with the digest doctor
    assert {f"/messages/{thread['id']}", "/messages"} <= paths
