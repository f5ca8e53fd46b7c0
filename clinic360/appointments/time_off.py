"""What a doctor's time off needs from appointments: the upcoming visits it covers, and
their cancellation once the doctor confirms (registered with `schedules.busy` at start-up;
both run in the schedule change's transaction)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.appointments import history
from clinic360.appointments.booking import free_times
from clinic360.appointments.models import ACTIVE_STATUSES, Appointment, AppointmentStatus
from clinic360.appointments.reading import load_owned
from clinic360.appointments.transitions import apply_transition, visit_type_of
from clinic360.core.clock import utcnow
from clinic360.schedules.busy import BookedVisit
from clinic360.schedules.slots import SlotRules

log = logging.getLogger("clinic360.appointments")


def booked_visits(
    session: Session, doctor_id: int, start: datetime, end: datetime, now: datetime
) -> list[BookedVisit]:
    """The doctor's scheduled or confirmed appointments starting after `now` whose visit
    overlaps [start, end), by start, with the patient's name (never the reason)."""
    rows = session.execute(
        select(Appointment.id, Appointment.start_time, Appointment.end_time, User.full_name)
        .join(User, User.id == Appointment.patient_id)
        .where(
            Appointment.doctor_id == doctor_id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.start_time > now,
            Appointment.start_time < end,
            Appointment.end_time > start,
        )
        .order_by(Appointment.start_time, Appointment.id)
    )
    return [BookedVisit(*row) for row in rows]


def cancel_visits(
    session: Session, doctor_id: int, appointment_ids: Sequence[int], message: str | None
) -> None:
    """Cancel the doctor's appointments as the doctor would one by one (the status rule,
    the history, the cancellation emails with `message` to the patient), in the caller's
    transaction, each patient's email offering up to 3 free times of the same doctor and
    type nearest the cancelled one (`booking.free_times`). An id that is not an upcoming
    visit of this doctor raises (and rolls the caller back): `NotFound` or
    `InvalidTransition`."""
    doctor = session.get(User, doctor_id)
    assert doctor is not None
    now = utcnow()
    for appointment_id in appointment_ids:
        appointment = load_owned(session, doctor, appointment_id)
        # The time off is already saved (flushed) in this transaction: no offer falls in it.
        offers = free_times(
            session,
            doctor,
            appointment.patient_id,
            SlotRules.of(visit_type_of(session, appointment)),
            appointment.start_time,
        )
        cancelled = apply_transition(
            session,
            appointment,
            Role.DOCTOR,
            AppointmentStatus.CANCELLED.value,
            now,
            message,
            alternatives=[(slot.start, slot.end) for slot in offers],
        )
        history.record(session, cancelled, doctor_id, "cancelled")
    log.info(
        "appointments cancelled for time off",
        extra={"doctor_id": doctor_id, "count": len(appointment_ids)},
    )
