"""Rendering is pure: every kind, both parts, generic subjects, escaped HTML, clean headers."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import icalendar
import pytest

from clinic360.notifications.content import (
    APPOINTMENT_KINDS,
    AppointmentFacts,
    EmailFacts,
    action_url,
    recipient_zone,
    render,
    single_line,
)
from clinic360.notifications.ics import Invite, invitation
from clinic360.notifications.message import InvalidAddress, parse_address
from clinic360.outbox.models import EmailKind

APPOINTMENT = AppointmentFacts(
    id=12,
    doctor_name="Dr <b>Ada</b> Lovelace",
    doctor_specialization="Cardiology",
    start=datetime(2030, 12, 1, 8, 0, tzinfo=UTC),
    end=datetime(2030, 12, 1, 8, 30, tzinfo=UTC),
    sequence=3,
)


def _facts(kind: EmailKind, *, doctor: bool = False, zone: str = "Europe/Berlin") -> EmailFacts:
    return EmailFacts(
        kind=kind,
        recipient_name="Eve <script>alert(1)</script>",
        recipient_is_doctor=doctor,
        recipient_timezone=zone,
        clinic_name="Clinic360",
        public_url="https://clinic.example/",
        appointment=(
            APPOINTMENT if kind in APPOINTMENT_KINDS or kind is EmailKind.WAITLIST_OFFER else None
        ),
        reset_token="tok"
        if kind in (EmailKind.PASSWORD_RESET, EmailKind.DEPENDENT_INVITED)
        else None,
        thread_id=12 if kind is EmailKind.MESSAGE_RECEIVED else None,
        message_count=3 if kind is EmailKind.MESSAGE_DIGEST else None,
        claim_url="https://clinic.example/claim/7.tok"
        if kind is EmailKind.WAITLIST_OFFER
        else None,
    )


@pytest.mark.parametrize("doctor", [False, True])
@pytest.mark.parametrize("kind", list(EmailKind))
def test_every_kind_renders_both_parts(kind: EmailKind, doctor: bool) -> None:
    email = render(_facts(kind, doctor=doctor))
    assert email.subject and "\n" not in email.subject
    assert "Eve" not in email.subject and "Ada" not in email.subject  # subjects stay generic
    assert "Clinic360" in email.text and "Clinic360" in email.html
    assert "https://clinic.example/" in email.text
    assert "<script>" not in email.html and "&lt;script&gt;" in email.html
    assert email.html.lstrip().startswith("<!DOCTYPE html>")
    if kind in APPOINTMENT_KINDS:
        assert "Sunday 1 December 2030" in email.text
        assert "09:00 – 09:30, Europe/Berlin (CET)" in email.text
        assert "&lt;b&gt;Ada&lt;/b&gt;" in email.html


ROUTES = re.compile(
    r"/(appointments/12|doctors|agenda|doctor|login|forgot-password|reset-password#token=tok"
    r"|messages|messages/12|claim/7\.tok|records|family|family/claim#token=tok|claim-account#token=tok)?"
)
"""Pages of the web app (web/src/app/router.tsx) an email may link to; never /dashboard."""


@pytest.mark.parametrize("doctor", [False, True])
@pytest.mark.parametrize("kind", list(EmailKind))
def test_every_link_is_a_page_of_the_web_app(kind: EmailKind, doctor: bool) -> None:
    facts = _facts(kind, doctor=doctor)
    email = render(facts)
    links = set(re.findall(r"https?://[^\s\"<>]+", email.text + email.html))
    assert action_url(facts) in links
    for link in links:
        assert ROUTES.fullmatch(link.removeprefix("https://clinic.example") or "/"), link
    if kind in APPOINTMENT_KINDS and kind not in (
        EmailKind.APPOINTMENT_CANCELLED,
        EmailKind.SERIES_CANCELLED,
        EmailKind.APPOINTMENT_DECLINED,
    ):
        assert action_url(facts) == "https://clinic.example/appointments/12"
    if kind is EmailKind.MESSAGE_RECEIVED:
        assert action_url(facts) == "https://clinic.example/messages/12"


def test_message_emails_say_there_is_a_message_and_nothing_of_it() -> None:
    for doctor in (False, True):
        facts = _facts(EmailKind.MESSAGE_RECEIVED, doctor=doctor)
        email = render(facts)
        assert email.subject == (
            "You have a new message from a patient"
            if doctor
            else "You have a new message from your clinic"
        )
    to_doctor = _facts(EmailKind.MESSAGE_RECEIVED, doctor=True)
    named = render(dataclasses.replace(to_doctor, sender_name="Eve\nBcc: x"))
    assert named.subject == "You have a new message from Eve Bcc: x"  # one header line
    digest = render(_facts(EmailKind.MESSAGE_DIGEST, doctor=True))
    assert digest.subject == "3 new messages in Clinic360"
    assert "3 new messages" in digest.text


def test_subject_names_the_local_time() -> None:
    facts = _facts(EmailKind.APPOINTMENT_BOOKED, zone="Asia/Tokyo")
    assert render(facts).subject == "Your appointment on 1 Dec at 17:00"


def test_unknown_zone_falls_back_to_utc() -> None:
    assert recipient_zone("Mars/Olympus").key == "UTC"
    assert "08:00 – 08:30, UTC" in render(_facts(EmailKind.APPOINTMENT_REMINDER, zone="x")).text


def test_single_line_removes_every_control_and_line_break() -> None:
    assert single_line("Eve\r\nBcc: x@evil.test") == "Eve Bcc: x@evil.test"
    assert single_line("a\u2028b\u0085c\x00d\u200be") == "a b c d e"


@pytest.mark.parametrize(
    "address", ["a@b.c\r\nBcc: x@evil.test", "a@b@c", "Eve <a@b.c>", "a,b@c.d", "@b.c", "a@"]
)
def test_odd_addresses_are_refused(address: str) -> None:
    with pytest.raises(InvalidAddress):
        parse_address(address)


def test_invitation_has_exactly_the_expected_properties() -> None:
    ics = invitation(
        AppointmentFacts(**{**APPOINTMENT.__dict__, "doctor_name": "Dr X\r\nATTENDEE:mailto:e@x"}),
        Invite(
            method="CANCEL",
            status="cancelled",
            clinic_name="Clinic360",
            organizer_address="no-reply@clinic.example",
            attendee_address="eve@example.org",
            attendee_name='Eve "E"; x',
            url="https://clinic.example/doctors",
            public_url="https://clinic.example",
            stamp=datetime(2030, 11, 1, tzinfo=UTC),
        ),
    )
    calendar = icalendar.Calendar.from_ical(ics)
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert set(event) == {
        "UID", "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL",
        "STATUS", "TRANSP", "ORGANIZER", "ATTENDEE",
    }  # fmt: skip
    assert str(event["UID"]) == "appointment-12@clinic.example"
    assert event["SEQUENCE"] == 3 and event["STATUS"] == "CANCELLED"
    assert str(event["ATTENDEE"]) == "mailto:eve@example.org"
    assert b"\r\nATTENDEE:mailto:e@x" not in ics
