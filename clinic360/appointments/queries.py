"""Read-only questions other domains ask about appointments.

Schedules asks which intervals are busy (to compute free slots; `busy_intervals` is
registered with `schedules.busy` at start-up); records asks whether a care relationship
exists. Both read only the rows they need through indexed ranges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Subquery, and_, case, func, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import MAX_APPOINTMENT_LENGTH
from clinic360.appointments.models import Appointment, AppointmentStatus
from clinic360.schedules.busy import Interval
from clinic360.schedules.models import MAX_BUFFER_MINUTES

MAX_BUFFER = timedelta(minutes=MAX_BUFFER_MINUTES)


def blocking(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    """Conditions for appointments whose blocked range overlaps [start, end), bounded on
    `start_time` so the (doctor, start_time) index serves them (DESIGN pitfall 12): a
    blocked range reaches at most one buffer before its start and a visit plus a buffer
    after it."""
    return [
        Appointment.start_time >= start - MAX_APPOINTMENT_LENGTH - MAX_BUFFER,
        Appointment.start_time < end + MAX_BUFFER,
        Appointment.blocked_start < end,
        Appointment.blocked_end > start,
    ]


def busy_intervals(
    session: Session, doctor_ids: Iterable[int], start: datetime, end: datetime
) -> dict[int, list[Interval]]:
    """Blocked ranges of non-cancelled appointments overlapping [start, end), per doctor,
    sorted by start."""
    ids = list(doctor_ids)
    busy: dict[int, list[Interval]] = defaultdict(list)
    if not ids:
        return busy
    rows = session.execute(
        select(Appointment.doctor_id, Appointment.blocked_start, Appointment.blocked_end)
        .where(
            Appointment.doctor_id.in_(ids),
            *blocking(start, end),
            Appointment.status != AppointmentStatus.CANCELLED.value,
        )
        .order_by(Appointment.doctor_id, Appointment.start_time)
    )
    for doctor_id, blocked_start, blocked_end in rows:
        busy[doctor_id].append((blocked_start, blocked_end))
    return busy


def has_care_relationship(session: Session, doctor_id: int, patient_id: int) -> bool:
    """True while the patient has at least one non-cancelled appointment with the doctor."""
    found = session.scalar(
        select(Appointment.id)
        .where(
            Appointment.doctor_id == doctor_id,
            Appointment.patient_id == patient_id,
            Appointment.status != AppointmentStatus.CANCELLED.value,
        )
        .limit(1)
    )
    return found is not None


# Statuses that count as a visit: a past one is the "last visit", a future one the "next".
PAST_VISIT_STATUSES = (
    AppointmentStatus.SCHEDULED.value,
    AppointmentStatus.CONFIRMED.value,
    AppointmentStatus.COMPLETED.value,
)
UPCOMING_STATUSES = (AppointmentStatus.SCHEDULED.value, AppointmentStatus.CONFIRMED.value)


def care_visits(doctor_id: int, now: datetime) -> Subquery:
    """One row per patient in the doctor's care (≥1 non-cancelled appointment with them):
    `patient_id`, `last_visit` (latest past visit start) and `next_visit` (earliest upcoming).
    """
    return (
        select(
            Appointment.patient_id.label("patient_id"),
            func.max(
                case(
                    (
                        and_(
                            Appointment.start_time < now,
                            Appointment.status.in_(PAST_VISIT_STATUSES),
                        ),
                        Appointment.start_time,
                    )
                )
            ).label("last_visit"),
            func.min(
                case(
                    (
                        and_(
                            Appointment.start_time >= now,
                            Appointment.status.in_(UPCOMING_STATUSES),
                        ),
                        Appointment.start_time,
                    )
                )
            ).label("next_visit"),
        )
        .where(
            Appointment.doctor_id == doctor_id,
            Appointment.status != AppointmentStatus.CANCELLED.value,
        )
        .group_by(Appointment.patient_id)
        .subquery()
    )


def patient_appointments(
    session: Session, patient_id: int, doctor_id: int | None = None
) -> list[Appointment]:
    """The patient's appointments (only those with `doctor_id` when given), newest first."""
    query = select(Appointment).where(Appointment.patient_id == patient_id)
    if doctor_id is not None:
        query = query.where(Appointment.doctor_id == doctor_id)
    return list(session.scalars(query.order_by(Appointment.start_time.desc())))


def is_visit_between(
    session: Session, appointment_id: int, doctor_id: int, patient_id: int
) -> bool:
    """True when the appointment is a non-cancelled one of this patient with this doctor."""
    found = session.scalar(
        select(Appointment.id).where(
            Appointment.id == appointment_id,
            Appointment.doctor_id == doctor_id,
            Appointment.patient_id == patient_id,
            Appointment.status != AppointmentStatus.CANCELLED.value,
        )
    )
    return found is not None
