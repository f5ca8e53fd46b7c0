"""Reminders: derived from the appointments table, queued through the outbox.

`REMINDER_SCHEDULE` (e.g. 7d, 24h, 2h before the start) lists the steps. The worker's
periodic task calls `schedule_reminders`; the relay asks `reminder_still_due` just before
sending, since the appointment may have changed since.

A step is due from its moment (start − step) until the next, shorter step's moment, and at
most `LATE_LIMIT` after its own: an appointment is in at most one step's window at a time, so
after an outage a patient gets the latest step, not every missed one. A step whose moment
had passed when the time was booked or moved (`times_set_at`) is skipped, and so is a step
the recipient turned off in their profile. A patient who opted in to text messages gets
each step by SMS too (its own outbox row, `channel` `sms`, key suffix `:sms`). The outbox
key names the appointment, the step, the start and the recipient, and it is unique in the
database: two workers scanning at once queue each reminder once, and a move to a new start
re-arms every step. Reminders go only for agreed visits (not `requested` ones).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.contacts import reminder_steps_off, sms_recipients
from clinic360.appointments import emails
from clinic360.appointments.models import AGREED_STATUSES, Appointment
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.durations import step_label
from clinic360.outbox.enqueue import NewEmail, enqueue_missing

log = logging.getLogger("clinic360.appointments")

LATE_LIMIT = timedelta(hours=6)
"""A step not queued this long after its moment (workers down) is dropped."""


def _window(steps: tuple[int, ...], index: int, now: datetime) -> tuple[datetime, datetime]:
    """Starts (lower exclusive, upper inclusive) of appointments whose step `index` is due."""
    step = timedelta(minutes=steps[index])
    shorter = timedelta(minutes=steps[index + 1]) if index + 1 < len(steps) else timedelta(0)
    return max(now + shorter, now + step - LATE_LIMIT), now + step


def due_reminders(session: Session, now: datetime) -> list[NewEmail]:
    """The reminders due at `now` (queued or not yet), each to patient and doctor."""
    steps: tuple[int, ...] = current_app.config["REMINDER_SCHEDULE"]
    due: list[tuple[int, Any]] = []
    for index, minutes in enumerate(steps):
        after, until = _window(steps, index, now)
        rows = session.execute(
            select(*emails.visit_columns(), Appointment.times_set_at).where(
                Appointment.start_time > after,
                Appointment.start_time <= until,
                Appointment.status.in_(AGREED_STATUSES),
            )
        ).all()
        step = timedelta(minutes=minutes)
        due.extend((minutes, row) for row in rows if row.times_set_at <= row.start_time - step)
    people = {row.patient_id for _, row in due} | {row.doctor_id for _, row in due}
    off = reminder_steps_off(session, people)
    texted = sms_recipients(session, {row.patient_id for _, row in due})
    queued = [
        emails.reminder(row, role, step_label(minutes))
        for minutes, row in due
        for role in emails.BOTH
        if minutes not in off.get(row.patient_id if role == emails.PATIENT else row.doctor_id, ())
    ]
    queued.extend(
        emails.reminder_sms(row, step_label(minutes))
        for minutes, row in due
        if row.patient_id in texted and minutes not in off.get(row.patient_id, ())
    )
    return queued


def schedule_reminders(now: datetime | None = None) -> int:
    """Queue the reminders due now that are not queued yet; returns how many were new.

    Idempotent: running twice, or on two workers at once, queues each reminder once.
    """
    now = now or utcnow()
    with transaction() as session:
        queued = enqueue_missing(session, due_reminders(session, now), now)
    if queued:
        log.info("reminders queued", extra={"count": queued})
    return queued


def reminder_still_due(
    session: Session, appointment_id: int, start: str | None, now: datetime
) -> str | None:
    """None when the reminder for the appointment starting at `start` (the payload's ISO
    instant) should go out now; otherwise why not (cancelled, moved, started, gone)."""
    found = session.execute(
        select(Appointment.status, Appointment.start_time).where(Appointment.id == appointment_id)
    ).one_or_none()
    if found is None:
        return "appointment no longer exists"
    if found.status not in AGREED_STATUSES:
        return f"appointment is {found.status}"
    if start != found.start_time.astimezone(UTC).isoformat():
        return "appointment was moved"
    if found.start_time <= now:
        return "appointment already started"
    return None
