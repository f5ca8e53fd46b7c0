"""Reminders come from the appointments table, once per appointment and start time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.appointments.reminders import schedule_reminders
from clinic360.core.db import transaction
from clinic360.notifications.delivery import relay_until_idle
from clinic360.outbox.models import EmailKind, EmailStatus, OutboxEmail
from tests.notifications.factories import book, change, move
from tests.notifications.smtp import SmtpServer

START = datetime(2030, 12, 2, 8, 0, tzinfo=UTC)
WINDOW = timedelta(hours=24)
MINUTE = timedelta(minutes=1)


def _reminders() -> list[OutboxEmail]:
    with transaction(write=False) as session:
        return list(
            session.scalars(
                select(OutboxEmail)
                .where(OutboxEmail.kind == EmailKind.APPOINTMENT_REMINDER.value)
                .order_by(OutboxEmail.id)
                .execution_options(populate_existing=True)
            )
        )


def _reminder_subjects(server: SmtpServer) -> list[str]:
    return [str(m["Subject"]) for m in server.mailbox.messages if "Reminder" in m["Subject"]]


def test_reminder_fires_once_when_the_window_opens(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    booking = book(START)
    with time_machine.travel(START - WINDOW - MINUTE, tick=False):
        assert schedule_reminders() == 0
        relay_until_idle()  # the booking emails
    with time_machine.travel(START - WINDOW + MINUTE, tick=False):
        assert schedule_reminders() == 2
        assert schedule_reminders() == 0  # a second scheduler (or run) adds nothing
        relay_until_idle()
    with time_machine.travel(START - timedelta(hours=1), tick=False):
        assert schedule_reminders() == 0
        relay_until_idle()

    assert _reminder_subjects(smtp_server) == ["Reminder: your appointment on 2 Dec at 08:00"] * 2
    rows = _reminders()
    assert {row.recipient_id for row in rows} == {booking.patient.id, booking.doctor.id}
    assert all(row.status == EmailStatus.SENT.value for row in rows)


def test_no_reminder_for_cancelled_or_finished_appointments(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    cancelled = book(START)
    change(cancelled, EmailKind.APPOINTMENT_CANCELLED, status="cancelled")
    for status in ("completed", "no_show"):
        other = book(START + timedelta(hours=2))
        with transaction() as session:
            from clinic360.appointments.models import Appointment

            appointment = session.get(Appointment, other.appointment_id)
            assert appointment is not None
            appointment.status = status
    with time_machine.travel(START - timedelta(hours=3), tick=False):
        assert schedule_reminders() == 0
    assert _reminders() == []


def test_cancelled_after_the_reminder_was_queued_is_skipped_at_send_time(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    booking = book(START)
    with time_machine.travel(START - timedelta(hours=2), tick=False):
        assert schedule_reminders() == 2
        change(booking, EmailKind.APPOINTMENT_CANCELLED, status="cancelled")
        report = relay_until_idle()

    assert report.skipped == 2
    assert _reminder_subjects(smtp_server) == []
    rows = _reminders()
    assert {(row.status, row.last_error) for row in rows} == {
        (EmailStatus.SKIPPED.value, "appointment is cancelled")
    }


def test_reschedule_queues_a_reminder_for_the_new_time_and_drops_the_old_one(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    booking = book(START)
    later = START + timedelta(hours=5)
    with time_machine.travel(START - timedelta(hours=2), tick=False):
        assert schedule_reminders() == 2
        move(booking, later)
        assert schedule_reminders() == 2
        relay_until_idle()

    rows = _reminders()
    assert [row.status for row in rows] == ["skipped", "skipped", "sent", "sent"]
    assert _reminder_subjects(smtp_server) == ["Reminder: your appointment on 2 Dec at 13:00"] * 2


def test_a_reminder_that_comes_due_after_the_start_is_not_sent(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    book(START)
    with time_machine.travel(START - MINUTE, tick=False):
        assert schedule_reminders() == 2
    with time_machine.travel(START + MINUTE, tick=False):
        assert relay_until_idle().skipped == 2
    assert _reminder_subjects(smtp_server) == []
