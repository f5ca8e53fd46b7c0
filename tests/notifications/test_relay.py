"""The relay against a real SMTP server, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import icalendar
import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from clinic360.core.db import db, transaction
from clinic360.core.queue import queue
from clinic360.notifications.delivery import relay_once, relay_until_idle
from clinic360.notifications.leases import claim_due
from clinic360.outbox.enqueue import enqueue_email
from clinic360.outbox.models import EmailKind, EmailStatus, OutboxEmail
from tests.helpers import email_parts
from tests.notifications.factories import (
    CANARY_REASON,
    book,
    change,
    make_user,
    move,
    queue_account_email,
)
from tests.notifications.smtp import SmtpServer

START = datetime(2030, 12, 2, 8, 0, tzinfo=UTC)  # a Monday, 09:00 in Berlin


def _rows() -> list[OutboxEmail]:
    with transaction(write=False) as session:
        return list(
            session.scalars(
                select(OutboxEmail)
                .order_by(OutboxEmail.id)
                .execution_options(populate_existing=True)
            )
        )


def _calendar(message: EmailMessage) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(email_parts(message)["text/calendar"])


def test_booking_emails_reach_patient_and_doctor(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    patient = make_user("patient", full_name="Eve Example", timezone="Europe/Berlin")
    doctor = make_user("doctor", full_name="Dr Ada Lovelace", timezone="America/New_York")
    booking = book(START, patient=patient, doctor=doctor)

    report = relay_until_idle()

    assert report.sent == 2
    mailbox = smtp_server.mailbox
    assert sorted(r[0] for r in mailbox.recipients) == sorted([patient.email, doctor.email])
    by_to = {m["To"].addresses[0].addr_spec: m for m in mailbox.messages}
    to_patient, to_doctor = by_to[patient.email], by_to[doctor.email]
    # Each person sees the time in their own zone, named.
    assert to_patient["Subject"] == "Your appointment on 2 Dec at 09:00"
    assert to_doctor["Subject"] == "New appointment on 2 Dec at 03:00"
    for message, zone in ((to_patient, "Europe/Berlin"), (to_doctor, "America/New_York")):
        assert message.get_content_type() == "multipart/mixed"
        parts = email_parts(message)
        assert set(parts) == {"text/plain", "text/html", "text/calendar"}
        assert zone in parts["text/plain"] and zone in parts["text/html"]
        assert "Dr Ada Lovelace" in parts["text/plain"]
        assert "Clinic360" in parts["text/html"]
        assert f"http://127.0.0.1:5000/appointments/{booking.appointment_id}" in parts["text/html"]
        assert message["From"].addresses[0].display_name == "Clinic360"
        calendar_part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert calendar_part.get_param("method") == "REQUEST"
        calendar = _calendar(message)
        assert calendar["METHOD"] == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"appointment-{booking.appointment_id}@127.0.0.1"
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTART") == START
        assert event.decoded("DTEND") == START + timedelta(minutes=30)
        assert "DESCRIPTION" not in event
    assert all(row.status == EmailStatus.SENT.value and row.sent_at for row in _rows())


def test_reschedule_and_cancel_update_the_same_calendar_event(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    booking = book(START)
    moved = START + timedelta(days=1)
    move(booking, moved)
    change(booking, EmailKind.APPOINTMENT_CANCELLED, status="cancelled")

    relay_until_idle()

    patient_mail = [
        m
        for m in smtp_server.mailbox.messages
        if m["To"].addresses[0].addr_spec == booking.patient.email
    ]
    calendars = [_calendar(m) for m in patient_mail]
    assert [str(c["METHOD"]) for c in calendars] == ["REQUEST", "REQUEST", "CANCEL"]
    events = [c.walk("VEVENT")[0] for c in calendars]
    assert len({str(e["UID"]) for e in events}) == 1
    assert [e["SEQUENCE"] for e in events] == [0, 1, 2]
    assert events[2]["STATUS"] == "CANCELLED"
    assert events[1].decoded("DTSTART") == moved
    assert patient_mail[2]["Subject"].startswith("Cancelled: your appointment on 3 Dec")
    assert "Cancelled" in email_parts(patient_mail[2])["text/plain"]


def test_invitation_status_is_tentative_until_the_doctor_confirms(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    """Booked and moved: TENTATIVE; confirmed: CONFIRMED (the confirmation carries the
    updated invitation); cancelled: CANCELLED. Same rule as the feed (core.calendar)."""
    booking = book(START)
    change(booking, EmailKind.APPOINTMENT_CONFIRMED, status="confirmed")
    move(booking, START + timedelta(days=1))
    change(booking, EmailKind.APPOINTMENT_CANCELLED, status="cancelled")
    relay_until_idle()

    patient_mail = [
        m
        for m in smtp_server.mailbox.messages
        if m["To"].addresses[0].addr_spec == booking.patient.email
    ]
    events = [_calendar(m).walk("VEVENT")[0] for m in patient_mail]
    assert [str(e["STATUS"]) for e in events] == [
        "TENTATIVE",
        "CONFIRMED",
        "TENTATIVE",
        "CANCELLED",
    ]
    assert [e["SEQUENCE"] for e in events] == [0, 1, 2, 3]
    assert [str(_calendar(m)["METHOD"]) for m in patient_mail] == [
        "REQUEST",
        "REQUEST",
        "REQUEST",
        "CANCEL",
    ]


def test_header_injection_in_names_stays_inside_the_display_name(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    # Written straight to the database: the API would refuse these names (422).
    patient = make_user("patient", full_name="Eve\r\nBcc: x@evil.test")
    doctor = make_user("doctor", full_name='Dr Mallory"\r\nATTENDEE:mailto:x@evil.test')
    book(START, patient=patient, doctor=doctor)

    relay_until_idle()

    assert len(smtp_server.mailbox.messages) == 2
    for raw, message, recipients in zip(
        smtp_server.mailbox.raw,
        smtp_server.mailbox.messages,
        smtp_server.mailbox.recipients,
        strict=True,
    ):
        assert len(recipients) == 1 and "evil" not in recipients[0]
        assert len(message.get_all("To")) == 1
        assert len(message["To"].addresses) == 1
        assert message["Bcc"] is None and message["Cc"] is None
        assert b"\r\nBcc:" not in raw
        (event,) = _calendar(message).walk("VEVENT")
        attendees = event.get("ATTENDEE")
        assert not isinstance(attendees, list)
        assert "evil" not in str(attendees)


def test_reason_never_leaves_the_appointments_table(
    mail_app: OpenAPI, smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="clinic360")
    booking = book(START)
    change(booking, EmailKind.APPOINTMENT_CONFIRMED, status="confirmed")
    move(booking, START + timedelta(hours=2))
    change(booking, EmailKind.APPOINTMENT_CANCELLED, status="cancelled")
    relay_until_idle()

    assert len(smtp_server.mailbox.messages) == 8
    for raw, message in zip(smtp_server.mailbox.raw, smtp_server.mailbox.messages, strict=True):
        assert CANARY_REASON.encode() not in raw
        for content in email_parts(message).values():
            assert CANARY_REASON not in content
        assert CANARY_REASON not in str(message["Subject"])
    assert CANARY_REASON not in caplog.text
    assert all(CANARY_REASON not in repr(row.params) for row in _rows())


def test_smtp_down_is_retried_and_delivered_when_it_returns(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    book(START)
    smtp_server.stop()

    first = relay_once()

    assert first.retried == 2 and first.sent == 0
    rows = _rows()
    assert all(row.status == EmailStatus.PENDING.value and row.attempts == 1 for row in rows)
    assert all(row.last_error == "ConnectionRefusedError" for row in rows)
    # Not due yet: nothing is attempted before the backoff ends.
    assert relay_once().handled == 0
    smtp_server.start()
    later = max(row.next_attempt_at for row in rows)

    second = relay_once(now=later)

    assert second.sent == 2
    assert len(smtp_server.mailbox.messages) == 2
    assert {row.status for row in _rows()} == {EmailStatus.SENT.value}


def test_451_three_times_then_delivered_on_the_fourth_attempt_with_growing_delays(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    queue_account_email(make_user("doctor"), EmailKind.DOCTOR_APPROVED)
    smtp_server.mailbox.replies.extend(["451 4.3.0 Try again later"] * 3)
    now = datetime.now(UTC)
    delays = []
    for _ in range(3):
        assert relay_once(now=now).retried == 1
        (row,) = _rows()
        assert row.status == EmailStatus.PENDING.value
        assert row.last_error is not None and row.last_error.startswith("SMTP 451")
        delays.append((row.next_attempt_at - now).total_seconds())
        now = row.next_attempt_at

    assert relay_once(now=now).sent == 1

    (row,) = _rows()
    assert row.status == EmailStatus.SENT.value and row.attempts == 4
    assert len(smtp_server.mailbox.messages) == 1
    # Base 30 s doubling, each jittered to 50–100 %.
    for attempt, delay in enumerate(delays):
        assert 15 * 2**attempt <= delay <= 30 * 2**attempt
    assert delays[2] > delays[0]


def test_550_fails_at_once_and_is_not_retried(
    mail_app: OpenAPI, smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    queue_account_email(make_user("patient"), EmailKind.EMAIL_CHANGED)
    smtp_server.mailbox.replies.append("550 5.1.1 No such user")

    assert relay_once().failed == 1

    (row,) = _rows()
    assert row.status == EmailStatus.FAILED.value and row.attempts == 1
    assert row.last_error == "SMTP 550 5.1.1 No such user"
    assert relay_once(now=datetime.now(UTC) + timedelta(days=2)).handled == 0
    assert smtp_server.mailbox.refused == 1 and smtp_server.mailbox.messages == []
    alert = next(r for r in caplog.records if r.message == "email failed permanently")
    assert alert.levelno == logging.ERROR and alert.smtp_code == 550  # type: ignore[attr-defined]


def test_transient_failures_give_up_after_the_last_attempt(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    mail_app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    queue_account_email(make_user("patient"), EmailKind.EMAIL_CHANGED)
    smtp_server.mailbox.replies.extend(["421 4.7.0 Busy"] * 5)
    far = datetime.now(UTC) + timedelta(days=1)

    assert relay_once().retried == 1
    assert relay_once(now=far).failed == 1

    (row,) = _rows()
    assert row.status == EmailStatus.FAILED.value and row.attempts == 2


def test_a_claimed_row_belongs_to_one_worker_until_its_lease_ends(mail_app: OpenAPI) -> None:
    book(START)
    now = datetime.now(UTC)
    first = claim_due(now)
    assert len(first) == 2
    assert claim_due(now) == []
    lease = timedelta(seconds=mail_app.config["OUTBOX_LEASE_SECONDS"])
    assert claim_due(now + lease - timedelta(seconds=1)) == []
    taken_over = claim_due(now + lease + timedelta(seconds=1))
    assert {c.id for c in taken_over} == {c.id for c in first}
    assert all(c.attempts == 2 for c in taken_over)


def test_password_reset_link_carries_the_token_which_is_then_erased(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    user = make_user("patient")
    queue_account_email(user, EmailKind.PASSWORD_RESET, token="tok-123_abc")
    relay_until_idle()
    (message,) = smtp_server.mailbox.messages
    assert message["Subject"] == "Reset your Clinic360 password"
    text = email_parts(message)["text/plain"]
    assert "http://127.0.0.1:5000/reset-password#token=tok-123_abc" in text
    (row,) = _rows()
    assert row.status == EmailStatus.SENT.value and row.params is None


def test_email_change_notice_goes_to_the_old_address(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    user = make_user("patient")
    with transaction() as session:
        enqueue_email(
            session,
            kind=EmailKind.EMAIL_CHANGED,
            recipient_id=user.id,
            idempotency_key=f"email-changed:{user.id}:1",
            to_address="old-address@example.org",
        )
    relay_until_idle()
    assert smtp_server.mailbox.recipients == [["old-address@example.org"]]


def _enqueue_then(kind: EmailKind, recipient_id: int, key: str, *, fail: bool) -> None:
    with transaction() as session:
        enqueue_email(session, kind=kind, recipient_id=recipient_id, idempotency_key=key)
        if fail:
            raise RuntimeError("the change fails after queueing its email")


def test_same_idempotency_key_cannot_queue_twice(mail_app: OpenAPI) -> None:
    user = make_user("doctor")
    _enqueue_then(EmailKind.DOCTOR_APPROVED, user.id, "doctor-approved:1", fail=False)
    with pytest.raises(IntegrityError):
        _enqueue_then(EmailKind.DOCTOR_APPROVED, user.id, "doctor-approved:1", fail=False)
    assert len(_rows()) == 1


def test_a_worker_is_woken_after_commit_and_not_after_rollback(mail_app: OpenAPI) -> None:
    huey = queue()
    doctor = make_user("doctor")
    before = huey.pending_count()
    with pytest.raises(RuntimeError):
        _enqueue_then(EmailKind.DOCTOR_APPROVED, doctor.id, "doctor-approved:x", fail=True)
    db.session.commit()
    assert huey.pending_count() == before
    assert _rows() == []

    _enqueue_then(EmailKind.DOCTOR_APPROVED, doctor.id, "doctor-approved:y", fail=False)

    assert huey.pending_count() == before + 1
    wake_up = huey.pending()[-1]
    assert wake_up.name == "outbox.relay"
    assert wake_up.args == () and wake_up.kwargs == {}  # ids only; here not even those
