"""A doctor's patients, one patient's profile, and the FHIR export of a patient's data.

Authorisation goes through `care`, auditing through `audit.service.record_access`, in the
same transaction as the read (fail closed).
"""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.bundle import Bundle
from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.appointments.attendance import record_of
from clinic360.appointments.queries import (
    PAST_VISIT_STATUSES,
    UPCOMING_STATUSES,
    care_visits,
    patient_appointments,
)
from clinic360.appointments.schemas import AttendanceOut
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.records.allergies import ALLERGIES
from clinic360.records.care import ensure_active_doctor, ensure_may_read_patient
from clinic360.records.chart import ChartList, current_entries
from clinic360.records.chart_models import ChartEntry
from clinic360.records.documents import documents_out
from clinic360.records.fhir import build_bundle
from clinic360.records.fhir_chart import ChartExport
from clinic360.records.fhir_intake import intake_export
from clinic360.records.medications import MEDICATIONS
from clinic360.records.problems import PROBLEMS
from clinic360.records.schemas import PatientAppointment, PatientListItem, PatientOut
from clinic360.records.service import records_with_versions
from clinic360.records.vitals import VITALS

LIKE_ESCAPE = "\\"


def escape_like(term: str) -> str:
    """`term` for a LIKE pattern where `%`, `_` and the escape character match literally."""
    return (
        term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )


def list_patients(
    doctor: User, q: str | None, limit: int, offset: int
) -> tuple[list[PatientListItem], int]:
    """The doctor's patients (≥1 non-cancelled appointment) by name, with last and next visit.

    `q` matches name, email or username, case-insensitively, literally. One `patient.list`
    access-log row per patient returned. Raises Forbidden/DoctorNotApproved.
    """
    ensure_active_doctor(doctor)
    with transaction() as session:
        visits = care_visits(doctor.id, utcnow())
        query = select(User, visits.c.last_visit, visits.c.next_visit).join(
            visits, visits.c.patient_id == User.id
        )
        if q:
            pattern = f"%{escape_like(q.lower())}%"
            query = query.where(
                or_(
                    *(
                        func.lower(column).like(pattern, escape=LIKE_ESCAPE)
                        for column in (User.full_name, User.email, User.username)
                    )
                )
            )
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        rows = session.execute(
            query.order_by(func.lower(User.full_name), User.id).limit(limit).offset(offset)
        ).all()
        record_access(session, doctor, AuditAction.PATIENT_LIST, [user.id for user, _, _ in rows])
    items = [
        PatientListItem(
            id=user.id,
            full_name=user.full_name,
            email=user.email,
            last_visit=last_visit,
            next_visit=next_visit,
        )
        for user, last_visit, next_visit in rows
    ]
    return items, total or 0


def get_patient(user: User, patient_id: int) -> PatientOut:
    """The patient's profile, the appointments the caller may see (a doctor: their own) and
    the patient's attendance record (the caller may read the patient: their doctor in care,
    or the patient).

    Raises Forbidden/DoctorNotApproved/NotFound as `ensure_may_read_patient`.
    """
    with transaction() as session:
        patient = ensure_may_read_patient(session, user, patient_id)
        record_access(session, user, AuditAction.PATIENT_READ, [patient_id])
        doctor_id = user.id if user.role == Role.DOCTOR.value else None
        appointments = patient_appointments(session, patient_id, doctor_id)
        attendance = AttendanceOut.model_validate(record_of(session, patient_id))
    now = utcnow()
    past = [
        a.start_time for a in appointments if a.start_time < now and a.status in PAST_VISIT_STATUSES
    ]
    upcoming = [
        a.start_time for a in appointments if a.start_time >= now and a.status in UPCOMING_STATUSES
    ]
    return PatientOut(
        id=patient.id,
        full_name=patient.full_name,
        email=patient.email,
        timezone=patient.timezone,
        last_visit=max(past, default=None),
        next_visit=min(upcoming, default=None),
        appointments=[PatientAppointment.model_validate(a) for a in appointments],
        attendance=attendance,
    )


def export_fhir(user: User, patient_id: int) -> Bundle:
    """The patient's data as a FHIR R4B Bundle model (type collection).

    All of the patient's records; appointments as the caller may see them (a doctor: their
    own). Raises Forbidden/DoctorNotApproved/NotFound as `ensure_may_read_patient`.
    """
    with transaction() as session:
        patient = ensure_may_read_patient(session, user, patient_id)
        record_access(session, user, AuditAction.FHIR_EXPORT, [patient_id])
        doctor_id = user.id if user.role == Role.DOCTOR.value else None
        appointments = patient_appointments(session, patient_id, doctor_id)
        records = records_with_versions(session, patient_id)
        chart = chart_export(session, patient_id)
        doctor_ids = (
            {a.doctor_id for a in appointments}
            | {r.doctor_id for r, _, _ in records}
            | chart.authors()
        )
        doctors = list(session.scalars(select(User).where(User.id.in_(doctor_ids))))
    return build_bundle(
        patient,
        doctors,
        appointments,
        records,
        current_app.config["PUBLIC_URL"],
        utcnow(),
        chart,
    )


def chart_export(session: Session, patient_id: int) -> ChartExport:
    """Every chart entry of the patient at its current version, oldest first."""

    def rows(chart: ChartList) -> list[Any]:
        query = current_entries(chart, patient_id).order_by(ChartEntry.created_at, ChartEntry.id)
        return [(entry, version) for entry, version in session.execute(query)]

    return ChartExport(
        allergies=rows(ALLERGIES),
        problems=rows(PROBLEMS),
        medications=rows(MEDICATIONS),
        vitals=rows(VITALS),
        documents=list(reversed(documents_out(session, patient_id)[0])),
        intake=intake_export(session, patient_id),
    )
