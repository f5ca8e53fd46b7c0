"""Who gets an appointment's reason, and the access-log row of a doctor's read of reasons.

The reason is the patient's own text about their health: clinical content, so it follows
the care rule of `queries.in_care_of` (the rule `records.care` applies to records):
- the patient always gets the reasons of their own appointments (not logged), and so does
  whoever acts for them with the appointments capability (`accounts.family`; their reads
  of appointments are in the patient's log, `reading.audit_on_behalf`);
- an approved doctor gets the reasons of a patient's appointments with them while that
  patient is in their care, cancelled appointments included, and `null` once every
  appointment together is cancelled (a new appointment brings them back, as for records);
- nobody else gets one (admins are party to no appointment).
Every answer that gives a doctor at least one non-empty reason writes one
`appointment.read_reason` row per patient in the read's transaction (`record_access`: fails
closed with 503, nothing returned). Calendar files, feeds and emails never carry a reason.

Every path that sends appointments to a doctor goes through `present`; the booking answer
goes only to the booking patient. Both carry the video link (`video.link_of`): only the
appointment's parties ever see an appointment. The same care rule gives a doctor the
patient's attendance record (`attendance.py`) on each appointment.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, acted_for
from clinic360.accounts.models import Role, User
from clinic360.appointments.attendance import Attendance, records_of
from clinic360.appointments.models import Appointment, AppointmentEvent
from clinic360.appointments.queries import patients_in_care
from clinic360.appointments.schemas import AppointmentOut, AttendanceOut, PatientRef
from clinic360.appointments.video import link_of
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access


def present(
    session: Session, viewer: User, appointments: Sequence[Appointment]
) -> list[AppointmentOut]:
    """`appointments` as `viewer` may see them: each reason per the care rule, now, and the
    doctor's read of reasons in the access log (raises AuditUnavailable when it cannot be)."""
    shown = _reasons_shown(session, viewer, appointments)
    read = sorted({a.patient_id for a in appointments if a.id in shown and a.reason})
    records: dict[int, Attendance] = {}
    bookers = booked_by(session, appointments)
    if viewer.role == Role.DOCTOR:
        record_access(session, viewer, AuditAction.APPOINTMENT_READ_REASON, read)
        in_care = {a.patient_id for a in appointments if a.id in shown}
        records = records_of(session, in_care)
    return [
        AppointmentOut.model_validate(a).model_copy(
            update={
                "reason": a.reason if a.id in shown else None,
                # Parties and those acting for the patient (family) see the link; staff never.
                "video_link": (
                    link_of(a)
                    if viewer.id in (a.patient_id, a.doctor_id) or viewer.role == Role.PATIENT
                    else None
                ),
                "booked_by": bookers.get(a.id),
                "patient_attendance": (
                    AttendanceOut.model_validate(records[a.patient_id])
                    if a.patient_id in records
                    else None
                ),
            }
        )
        for a in appointments
    ]


def _reasons_shown(session: Session, viewer: User, appointments: Sequence[Appointment]) -> set[int]:
    """Ids of the appointments whose reason `viewer` may read."""
    if viewer.role == Role.PATIENT:  # their own, and those of patients they act for
        acting = {viewer.id}
        if any(a.patient_id != viewer.id for a in appointments):
            acting = set(session.scalars(acted_for(viewer.id, Capability.APPOINTMENTS)))
        return {a.id for a in appointments if a.patient_id in acting}
    if viewer.role != Role.DOCTOR or not viewer.is_active_doctor:
        return set()
    mine = [a for a in appointments if a.doctor_id == viewer.id]
    in_care = patients_in_care(session, viewer.id, {a.patient_id for a in mine})
    return {a.id for a in mine if a.patient_id in in_care}


def booked_by(session: Session, appointments: Sequence[Appointment]) -> dict[int, PatientRef]:
    """Who booked each appointment when it was not its patient (a guardian or proxy), from
    the history's first event (`booked` / `requested`), in one query."""
    if not appointments:
        return {}
    patient_of = {a.id: a.patient_id for a in appointments}
    rows = session.execute(
        select(AppointmentEvent.appointment_id, User.id, User.full_name)
        .join(User, User.id == AppointmentEvent.actor_id)
        .where(
            AppointmentEvent.appointment_id.in_(patient_of),
            AppointmentEvent.action.in_(("booked", "requested")),
            User.role == Role.PATIENT.value,
        )
    ).all()
    return {
        appointment_id: PatientRef(id=actor_id, full_name=name)
        for appointment_id, actor_id, name in rows
        if actor_id != patient_of[appointment_id]
    }
