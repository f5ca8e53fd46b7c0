"""Reminders come from the appointments table: each step of REMINDER_SCHEDULE once per
appointment and start time (default 7d, 24h, 2h)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import time_machine
from flask_openapi3 import OpenAPI
from sqlalchemy import select, update

from clinic360.accounts.models import User
from clinic360.appointments.models import Appointment
from clinic360.appointments.reminders import schedule_reminders
from clinic360.core.db import transaction
from clinic360.notifications.delivery import relay_until_idle
from clinic360.outbox.models import EmailKind, EmailStatus, OutboxEmail
from tests.notifications.factories import Booking, book, change, move
from tests.notifications.smtp import SmtpServer

START = datetime(2030, 12, 2, 8, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
STEPS = {"7d": timedelta(days=7), "24h": timedelta(hours=24), "2h": timedelta(hours=2)}


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


def _steps_queued() -> list[tuple[str, int]]:
    """(step, recipient) of each queued reminder, in order (the key names the step)."""
    return [(row.idempotency_key.split(":")[3], row.recipient_id) for row in _reminders()]


def _reminder_subjects(server: SmtpServer) -> list[str]:
    return [str(m["Subject"]) for m in server.mailbox.messages if "Reminder" in m["Subject"]]


def _booked_at(booking: Booking, moment: datetime) -> None:
    """Pretend the appointment's time was set at `moment`."""
    with transaction() as session:
        session.execute(
            update(Appointment)
            .where(Appointment.id == booking.appointment_id)
            .values(times_set_at=moment)
        )


def test_each_step_fires_once_as_its_moment_comes(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    booking = book(START)
    people = [booking.patient.id, booking.doctor.id]
    with time_machine.travel(START - STEPS["7d"] - MINUTE, tick=False):
        assert schedule_reminders() == 0
        relay_until_idle()  # the booking emails
    for name, before in STEPS.items():
        with time_machine.travel(START - before + MINUTE, tick=False):
            assert schedule_reminders() == 2, name
            assert schedule_reminders() == 0  # a second scheduler (or run) adds nothing
            relay_until_idle()
        with time_machine.travel(START - before + timedelta(minutes=50), tick=False):
            assert schedule_reminders() == 0, name

    assert _steps_queued() == [(step, person) for step in STEPS for person in people]
    assert _reminder_subjects(smtp_server) == ["Reminder: your appointment on 2 Dec at 08:00"] * 6
    assert {row.status for row in _reminders()} == {EmailStatus.SENT.value}


def test_a_step_already_past_at_booking_is_skipped(mail_app: OpenAPI) -> None:
    booking = book(START)
    _booked_at(booking, START - timedelta(hours=30))  # booked 30 hours ahead: no 7d step
    with time_machine.travel(START - timedelta(hours=29), tick=False):
        assert schedule_reminders() == 0
    with time_machine.travel(START - timedelta(hours=23), tick=False):
        assert schedule_reminders() == 2
    with time_machine.travel(START - timedelta(hours=1), tick=False):
        assert schedule_reminders() == 2
    assert [step for step, _ in _steps_queued()] == ["24h", "24h", "2h", "2h"]

    late = book(START + timedelta(hours=3))
    _booked_at(late, START + timedelta(hours=2))  # booked one hour ahead: nothing at all
    with time_machine.travel(START + timedelta(hours=2, minutes=1), tick=False):
        assert schedule_reminders() == 0


def test_after_an_outage_only_the_latest_step_goes(mail_app: OpenAPI) -> None:
    book(START)
    with time_machine.travel(START - timedelta(hours=1), tick=False):  # workers were down
        assert schedule_reminders() == 2
    assert [step for step, _ in _steps_queued()] == ["2h", "2h"]


def test_steps_a_patient_turned_off_are_not_sent(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    booking = book(START)
    with transaction() as session:
        session.execute(
            update(User)
            .where(User.id == booking.patient.id)
            .values(reminder_steps_off=[10080, 120])
        )
    for before in STEPS.values():
        with time_machine.travel(START - before + MINUTE, tick=False):
            schedule_reminders()
            relay_until_idle()
    assert _steps_queued() == [
        ("7d", booking.doctor.id),
        ("24h", booking.patient.id),
        ("24h", booking.doctor.id),
        ("2h", booking.doctor.id),
    ]
    to_patient = [m for m in smtp_server.mailbox.messages if booking.patient.email in m["To"]]
    assert [str(m["Subject"]).split(":")[0] for m in to_patient] == [
        "Your appointment on 2 Dec at 08",
        "Reminder",
    ]


def test_no_reminder_for_cancelled_or_finished_appointments(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    cancelled = book(START)
    change(cancelled, EmailKind.APPOINTMENT_CANCELLED, status="cancelled")
    for status in ("completed", "no_show"):
        other = book(START + timedelta(hours=2))
        with transaction() as session:
            appointment = session.get(Appointment, other.appointment_id)
            assert appointment is not None
            appointment.status = status
    for before in STEPS.values():
        with time_machine.travel(START - before + MINUTE, tick=False):
            assert schedule_reminders() == 0
    with time_machine.travel(START + timedelta(hours=1), tick=False):
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


def test_a_reschedule_re_arms_the_steps_for_the_new_time(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    booking = book(START)
    later = START + timedelta(days=2)
    with time_machine.travel(START - timedelta(hours=23), tick=False):
        assert schedule_reminders() == 2  # the 24h step
        move(booking, later)  # moved 3 days ahead: the 7d step was past at the move
        _booked_at(booking, START - timedelta(hours=23))
        assert schedule_reminders() == 0
        relay_until_idle()
    with time_machine.travel(later - timedelta(hours=23), tick=False):
        assert schedule_reminders() == 2
    with time_machine.travel(later - timedelta(hours=1), tick=False):
        assert schedule_reminders() == 2
        relay_until_idle()

    rows = _reminders()
    assert [row.idempotency_key.split(":")[3] for row in rows] == ["24h"] * 4 + ["2h"] * 2
    assert [row.status for row in rows] == ["skipped"] * 2 + ["sent"] * 4
    assert _reminder_subjects(smtp_server) == ["Reminder: your appointment on 4 Dec at 08:00"] * 4


def test_a_reminder_that_comes_due_after_the_start_is_not_sent(
    mail_app: OpenAPI, smtp_server: SmtpServer
) -> None:
    book(START)
    with time_machine.travel(START - MINUTE, tick=False):
        assert schedule_reminders() == 2
    with time_machine.travel(START + MINUTE, tick=False):
        assert relay_until_idle().skipped == 2
    assert _reminder_subjects(smtp_server) == []


def test_schedulers_racing_queue_each_reminder_once(mail_app: OpenAPI) -> None:
    bookings = [book(START + timedelta(minutes=30 * i)) for i in range(12)]
    barrier = threading.Barrier(4)
    counts: list[int] = []

    def scan() -> None:
        moment = START - timedelta(hours=18, minutes=1)  # all 12 inside the 24h step
        with mail_app.app_context(), time_machine.travel(moment, tick=False):
            barrier.wait()
            counts.append(schedule_reminders())

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    keys = [row.idempotency_key for row in _reminders()]
    assert len(keys) == len(set(keys)) == 2 * len(bookings)
    assert sum(counts) >= 2 * len(bookings)  # each counted what it tried; the keys decide
