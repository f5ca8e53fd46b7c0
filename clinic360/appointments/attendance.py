"""The attendance record: a patient's no-shows and late cancellations over a window.

The rules, each in one function here:
- `is_late_cancellation`: THE late-cancellation rule. A cancellation counts as late when the
  patient cancelled it themselves (signed in or through an email link: its history's
  `cancelled` event names the patient as actor) less than `LATE_CANCELLATION_HOURS` (24)
  before the start. The visit type's cancellation window is not used: a patient cannot
  cancel inside it online at all, so it would count nothing; cancellations by the doctor
  (or the clinic) never count against the patient.
- counted over appointments that start within the last `ATTENDANCE_WINDOW_DAYS` (365);
  no-shows are the visits the doctor marked `no_show`.
- `needs_confirmation`: under `NO_SHOW_POLICY=confirm`, a patient with `NO_SHOW_LIMIT` or
  more no-shows books as `requested`.

Who may see a patient's record is the caller's business: the patient themselves, and a
doctor only for patients in their care (`queries.in_care_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.appointments.models import Appointment, AppointmentEvent, AppointmentStatus
from clinic360.appointments.schemas import MyAttendanceOut
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction

S = AppointmentStatus


@dataclass(frozen=True)
class Attendance:
    no_shows: int = 0
    late_cancellations: int = 0
    window_days: int = 365


def is_late_cancellation(
    start: datetime, cancelled_at: datetime, cancelled_by: int, patient_id: int
) -> bool:
    """THE rule: the patient cancelled less than LATE_CANCELLATION_HOURS before the start."""
    notice = timedelta(hours=current_app.config["LATE_CANCELLATION_HOURS"])
    return cancelled_by == patient_id and cancelled_at > start - notice


def _since(now: datetime) -> datetime:
    return now - timedelta(days=current_app.config["ATTENDANCE_WINDOW_DAYS"])


def records_of(
    session: Session, patient_ids: Iterable[int], now: datetime | None = None
) -> dict[int, Attendance]:
    """Each patient's record (every id in `patient_ids` gets one), in two queries."""
    now = now or utcnow()
    ids = sorted(set(patient_ids))
    days = current_app.config["ATTENDANCE_WINDOW_DAYS"]
    no_shows = dict.fromkeys(ids, 0)
    late = dict.fromkeys(ids, 0)
    since = _since(now)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        for (patient_id,) in session.execute(
            select(Appointment.patient_id).where(
                Appointment.patient_id.in_(part),
                Appointment.status == S.NO_SHOW.value,
                Appointment.start_time > since,
                Appointment.start_time <= now,
            )
        ):
            no_shows[patient_id] += 1
        cancellations = session.execute(
            select(
                Appointment.id,
                Appointment.patient_id,
                Appointment.start_time,
                AppointmentEvent.actor_id,
                AppointmentEvent.at,
            )
            .join(AppointmentEvent, AppointmentEvent.appointment_id == Appointment.id)
            .where(
                Appointment.patient_id.in_(part),
                Appointment.status == S.CANCELLED.value,
                Appointment.start_time > since,
                AppointmentEvent.action == S.CANCELLED.value,
            )
        ).all()
        counted: set[int] = set()
        for row in cancellations:
            if row.id not in counted and is_late_cancellation(
                row.start_time, row.at, row.actor_id, row.patient_id
            ):
                counted.add(row.id)
                late[row.patient_id] += 1
    return {
        patient_id: Attendance(no_shows[patient_id], late[patient_id], days) for patient_id in ids
    }


def record_of(session: Session, patient_id: int, now: datetime | None = None) -> Attendance:
    return records_of(session, [patient_id], now)[patient_id]


def needs_confirmation(record: Attendance) -> bool:
    """Whether an online booking by this patient waits for the doctor (policy `confirm`)."""
    limit: int = current_app.config["NO_SHOW_LIMIT"]
    return current_app.config["NO_SHOW_POLICY"] == "confirm" and record.no_shows >= limit


def my_record(patient_id: int) -> MyAttendanceOut:
    """The patient's own record and what it means for their next booking (their booking
    page warns under `warn` and `confirm`, from the first no-show)."""
    with transaction(write=False) as session:
        record = record_of(session, patient_id)
    policy = current_app.config["NO_SHOW_POLICY"]
    return MyAttendanceOut(
        no_shows=record.no_shows,
        late_cancellations=record.late_cancellations,
        window_days=record.window_days,
        policy=policy,
        warn=policy != "off" and record.no_shows > 0,
        booking_needs_confirmation=needs_confirmation(record),
    )
