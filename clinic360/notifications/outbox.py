"""Writing to the email outbox, from any domain, inside that domain's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event
from sqlalchemy.orm import Session

from clinic360.appointments.models import Appointment
from clinic360.notifications.models import EmailKind, OutboxEmail

WAKE_FLAG = "clinic360.notifications.wake"
"""Set on a session that queued an email; after its commit a worker is woken (worker.py)."""
_NEW_ROWS = "clinic360.notifications.new_rows"


def enqueue_email(
    session: Session,
    *,
    kind: EmailKind,
    recipient_id: int,
    idempotency_key: str,
    appointment_id: int | None = None,
    params: dict[str, str] | None = None,
    to_address: str | None = None,
) -> None:
    """Add an email to the caller's transaction; the worker sends it after commit.

    `idempotency_key` is unique per event (e.g. `appointment:12:booked:patient`), so a
    retried request cannot queue the same email twice. `params` carries only what the
    template needs beyond ids (a reset token) and never PHI. `to_address` overrides the
    recipient's current address (the old address for an email-change notice).

    For an appointment email, the appointment's start, end and calendar sequence as they
    stand when the transaction commits are recorded with the row, so the email describes
    this event even if the appointment changes again before it goes out.

    After the commit a worker is woken best-effort; if the job queue is down the row stays
    pending and a worker's poll sends it within `OUTBOX_POLL_SECONDS`.
    """
    row = OutboxEmail(
        kind=kind.value,
        recipient_id=recipient_id,
        idempotency_key=idempotency_key,
        appointment_id=appointment_id,
        params=params,
        to_address=to_address,
    )
    session.add(row)
    session.info.setdefault(_NEW_ROWS, []).append(row)
    session.info[WAKE_FLAG] = True


def appointment_snapshot(start: datetime, end: datetime, sequence: int) -> dict[str, str]:
    """What an appointment email records of its appointment: time and calendar version."""
    return {
        "start": start.astimezone(UTC).isoformat(),
        "end": end.astimezone(UTC).isoformat(),
        "sequence": str(sequence),
    }


@event.listens_for(Session, "before_commit")
def _record_appointment_state(session: Session) -> None:
    for row in session.info.pop(_NEW_ROWS, []):
        if row.appointment_id is None or "start" in (row.params or {}):
            continue
        appointment = session.get(Appointment, row.appointment_id)
        if appointment is not None:
            state = appointment_snapshot(
                appointment.start_time, appointment.end_time, appointment.sequence
            )
            row.params = {**(row.params or {}), **state}


@event.listens_for(Session, "after_rollback")
def _forget_new_rows(session: Session) -> None:
    session.info.pop(_NEW_ROWS, None)
