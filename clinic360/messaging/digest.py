"""The daily digest: one email a day to each doctor who chose it, with how many new
messages wait for them, never what they say. The worker's periodic scan calls
`queue_due_digests` (registered with `notifications.worker` at start-up).

The digest of a doctor's local date D goes out once it is MESSAGE_DIGEST_HOUR on D on their
clock (later when the worker was down; the outbox key names the doctor and D, so twice is
once). It counts the messages from patients in their care that arrived in the 24 hours
before that hour and are still unread; none → no email.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from sqlalchemy import func, select

from clinic360.accounts.models import User
from clinic360.appointments.queries import patients_in_care
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.messaging import emails
from clinic360.messaging.models import Message, MessageThread
from clinic360.outbox.enqueue import NewEmail, enqueue_missing

log = logging.getLogger("clinic360.messaging")


def digest_window(zone_name: str, now: datetime, hour: int) -> tuple[str, datetime, datetime]:
    """The local date of the latest digest due by `now` on the zone's clock, and the UTC
    window [start, end) of the messages it counts."""
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = now.astimezone(zone)
    day = local.date() if local.hour >= hour else local.date() - timedelta(days=1)
    end = datetime.combine(day, time(hour), tzinfo=zone)
    start = datetime.combine(day - timedelta(days=1), time(hour), tzinfo=zone)
    return day.isoformat(), start, end


def queue_due_digests(now: datetime | None = None) -> int:
    """Queue each digest doctor's digest that is due by `now` (default: the clock) and not
    queued yet; how many. The emails are queued at the clock's time, to go at once."""
    now = now or utcnow()
    hour = current_app.config["MESSAGE_DIGEST_HOUR"]
    with transaction() as session:
        doctors = session.execute(
            select(User.id, User.timezone).where(
                User.is_active_doctor, User.message_digest.is_(True)
            )
        ).all()
        due: list[NewEmail] = []
        for doctor_id, zone_name in doctors:
            day, start, end = digest_window(zone_name, now, hour)
            per_patient = dict(
                session.execute(
                    select(MessageThread.patient_id, func.count())
                    .join(Message, Message.thread_id == MessageThread.id)
                    .where(
                        MessageThread.doctor_id == doctor_id,
                        Message.sender_id == MessageThread.patient_id,
                        Message.read_at.is_(None),
                        Message.retracted_at.is_(None),
                        Message.created_at >= start,
                        Message.created_at < end,
                    )
                    .group_by(MessageThread.patient_id)
                ).all()
            )
            in_care = patients_in_care(session, doctor_id, per_patient)
            count = sum(n for patient, n in per_patient.items() if patient in in_care)
            if count:
                due.append(emails.digest(doctor_id, day, count))
        queued = enqueue_missing(session, due, utcnow())
    if queued:
        log.info("message digests queued", extra={"count": queued})
    return queued
