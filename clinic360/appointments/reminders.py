"""Reminders: derived from the appointments table, queued through the outbox.

The worker's periodic task calls `schedule_reminders`; the relay asks `reminder_still_due`
just before sending, since the appointment may have changed since.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.appointments import emails
from clinic360.appointments.models import ACTIVE_STATUSES, Appointment
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.outbox.enqueue import enqueue_missing

log = logging.getLogger("clinic360.appointments")


def schedule_reminders(now: datetime | None = None) -> int:
    """Queue reminders for appointments starting within `REMINDER_HOURS`; returns how many.

    Idempotent: the key names the appointment and its start, so running twice (or on two
    workers at once) queues each reminder once, and a reschedule queues a new one.
    """
    now = now or utcnow()
    horizon = now + timedelta(hours=current_app.config["REMINDER_HOURS"])
    with transaction() as session:
        upcoming = session.execute(
            select(*emails.visit_columns()).where(
                Appointment.start_time > now,
                Appointment.start_time <= horizon,
                Appointment.status.in_(ACTIVE_STATUSES),
            )
        ).all()
        queued = enqueue_missing(
            session,
            [emails.reminder(visit, role) for visit in upcoming for role in emails.BOTH],
            now,
        )
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
    if found.status not in ACTIVE_STATUSES:
        return f"appointment is {found.status}"
    if start != found.start_time.astimezone(UTC).isoformat():
        return "appointment was moved"
    if found.start_time <= now:
        return "appointment already started"
    return None
