"""Read-only questions other domains ask about appointments.

Schedules asks which intervals are busy (to compute free slots; `busy_intervals` is
registered with `schedules.busy` at start-up); records and the appointment reads ask which
patients are in a doctor's care. They read only the rows they need through indexed ranges.

The care rule lives here, once: a patient is in a doctor's care while they have at least one
non-cancelled appointment together (`in_care_of`). `patients_in_care` (a batch, one query)
and `has_care_relationship` (one patient) answer it; `care_visits` lists the same patients.
Who may see a patient's clinical content (records, appointment reasons) is decided from it:
`records.care` for records and patient pages, `appointments.reasons` for reasons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, func, select
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


def in_care_of(doctor_id: int) -> list[ColumnElement[bool]]:
    """THE care rule, as conditions on appointments: the non-cancelled ones with the doctor.

    A patient is in the doctor's care while at least one row matches."""
    return [
        Appointment.doctor_id == doctor_id,
        Appointment.status != AppointmentStatus.CANCELLED.value,
    ]


def patients_in_care(session: Session, doctor_id: int, patient_ids: Iterable[int]) -> set[int]:
    """Those of `patient_ids` in the doctor's care now (one query, read in the caller's
    transaction)."""
    ids = set(patient_ids)
    if not ids:
        return set()
    return set(
        session.scalars(
            select(Appointment.patient_id)
            .where(Appointment.patient_id.in_(ids), *in_care_of(doctor_id))
            .distinct()
        )
    )


def has_care_relationship(session: Session, doctor_id: int, patient_id: int) -> bool:
    """True while the patient is in the doctor's care (`patients_in_care` for one patient)."""
    return patient_id in patients_in_care(session, doctor_id, [patient_id])


# Statuses that count as a visit: a past one is the "last visit", a future one the "next".
PAST_VISIT_STATUSES = (
    AppointmentStatus.SCHEDULED.value,
    AppointmentStatus.CONFIRMED.value,
    AppointmentStatus.COMPLETED.value,
)
UPCOMING_STATUSES = (
    AppointmentStatus.SCHEDULED.value,
    AppointmentStatus.CONFIRMED.value,
    AppointmentStatus.REQUESTED.value,
)


def care_visits(doctor_id: int, now: datetime) -> Subquery:
    """One row per patient in the doctor's care (`in_care_of`):
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
        .where(*in_care_of(doctor_id))
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


def timeline_visits(
    patient_id: int | ColumnElement[int], doctor_id: int | ColumnElement[int] | None = None
) -> Select[int, datetime]:
    """`(id, at)` of the patient's non-cancelled appointments (only those with `doctor_id`
    when given), `at` their start: the visits of a caller's timeline, which adds its own
    keyset bound, order and limit on `selected_columns` (the (patient, start) index). Ids or
    bound parameters (a statement built once)."""
    query = select(Appointment.id.label("id"), Appointment.start_time.label("at")).where(
        Appointment.patient_id == patient_id,
        Appointment.status != AppointmentStatus.CANCELLED.value,
    )
    if doctor_id is not None:
        query = query.where(Appointment.doctor_id == doctor_id)
    return query


def appointments_by_id(session: Session, ids: Iterable[int]) -> list[Appointment]:
    """The appointments with these ids, in one query (the caller has authorised them)."""
    wanted = list(ids)
    if not wanted:
        return []
    return list(session.scalars(select(Appointment).where(Appointment.id.in_(wanted))))
