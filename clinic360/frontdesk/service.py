"""The front desk's rules: find, register and invite patients; book, change and list their
appointments. Each function owns one transaction and writes the patient's access log in it
(`audit.record_access`, fail closed), naming the receptionist. Appointment changes go
through `appointments.transitions.change` (which logs them the same way); bookings through
`appointments.booking.book` with `staff=`, so every rule but the patient-only ones holds."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from clinic360.accounts import staff as accounts_staff
from clinic360.accounts.errors import PossibleDuplicate
from clinic360.accounts.models import User
from clinic360.accounts.staff_schemas import PatientCard, WalkInBody
from clinic360.appointments import booking, transitions
from clinic360.appointments.models import Appointment
from clinic360.appointments.reading import with_parties
from clinic360.appointments.reasons import present
from clinic360.appointments.schemas import AppointmentOut, AppointmentUpdate
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.core.schemas import Page
from clinic360.frontdesk.schemas import DayQuery, DeskBookingBody

log = logging.getLogger("clinic360.frontdesk")


def card(user: User) -> PatientCard:
    return PatientCard.model_validate(user).model_copy(update={"claimed": user.claimed})


def search(desk: User, q: str, limit: int, offset: int) -> tuple[list[PatientCard], int]:
    """Patients matching `q` (`accounts.staff.search_patients`); each one shown is logged."""
    with transaction() as session:
        found, total = accounts_staff.search_patients(session, q, limit, offset)
        record_access(session, desk, AuditAction.PATIENT_SEARCH, [p.id for p in found])
        return [card(p) for p in found], total


def show(desk: User, patient_id: int) -> PatientCard:
    with transaction() as session:
        patient = accounts_staff.patient(session, patient_id)
        record_access(session, desk, AuditAction.PATIENT_SEARCH, [patient.id])
        return card(patient)


def register_walk_in(desk: User, body: WalkInBody) -> PatientCard:
    """Register a patient without a password and email them an invitation to claim the
    account. Raises PossibleDuplicate (409, listing patients with the same name and date of
    birth) unless `confirmDuplicate`, InvalidPhone, UsernameTaken, EmailTaken."""
    with transaction() as session:
        if not body.confirm_duplicate:
            same = accounts_staff.duplicates_of(session, body.full_name, body.date_of_birth)
            if same:
                record_access(session, desk, AuditAction.PATIENT_SEARCH, [p.id for p in same])
                duplicates = [card(p).model_dump(mode="json", by_alias=True) for p in same]
                session.commit()  # the log of what was shown stays
                raise PossibleDuplicate(duplicates)
        patient = accounts_staff.new_patient(session, body, desk)
        record_access(session, desk, AuditAction.PATIENT_REGISTER, [patient.id])
        log.info("walk-in registered", extra={"user_id": desk.id, "patient_id": patient.id})
        return card(patient)


def reinvite(desk: User, patient_id: int) -> None:
    """Email a new invitation to a patient who has not claimed their account."""
    with transaction() as session:
        patient = accounts_staff.reinvite(session, patient_id, desk)
        record_access(session, desk, AuditAction.PATIENT_INVITE, [patient.id])


def book(desk: User, body: DeskBookingBody, key: str | None) -> AppointmentOut:
    """Book for the patient through the normal booking service (`booking.book`, `staff`)."""
    with transaction(write=False) as session:
        patient = accounts_staff.patient(session, body.patient_id)
    appointment = booking.book(patient, body, key, staff=desk)
    with transaction(write=False) as session:
        return _present(session, desk, [_load(session, appointment.id)])[0]


def change(desk: User, appointment_id: int, body: AppointmentUpdate) -> AppointmentOut:
    """Move, cancel, check in or mark a no-show (`transitions.change` as the front desk)."""
    return transitions.change(desk, appointment_id, body)


def day(desk: User, query: DayQuery) -> tuple[list[AppointmentOut], int]:
    """Every appointment (or one doctor's) starting in [from, to), by doctor then time;
    each patient shown is in their access log."""
    conditions = [Appointment.start_time >= query.from_, Appointment.start_time < query.to]
    if query.doctor_id is not None:
        conditions.append(Appointment.doctor_id == query.doctor_id)
    return _listed(desk, conditions, query, AuditAction.APPOINTMENTS_DAY)


def of_patient(desk: User, patient_id: int, page: Page) -> tuple[list[AppointmentOut], int]:
    """One patient's appointments, newest first."""
    with transaction(write=False) as session:
        accounts_staff.patient(session, patient_id)
    conditions = [Appointment.patient_id == patient_id]
    return _listed(desk, conditions, page, AuditAction.APPOINTMENTS_DAY, newest_first=True)


def _listed(
    desk: User,
    conditions: list[ColumnElement[bool]],
    page: Page,
    action: AuditAction,
    newest_first: bool = False,
) -> tuple[list[AppointmentOut], int]:
    order = (
        (Appointment.start_time.desc(), Appointment.id.desc())
        if newest_first
        else (Appointment.doctor_id, Appointment.start_time, Appointment.id)
    )
    with transaction() as session:
        total = session.scalar(select(func.count(Appointment.id)).where(*conditions)) or 0
        rows = session.scalars(
            with_parties(select(Appointment))
            .where(*conditions)
            .order_by(*order)
            .limit(page.limit)
            .offset(page.offset)
        ).all()
        record_access(session, desk, action, sorted({a.patient_id for a in rows}))
        return _present(session, desk, rows), total


def _load(session: Session, appointment_id: int) -> Appointment:
    found = session.scalar(
        with_parties(select(Appointment)).where(Appointment.id == appointment_id)
    )
    if found is None:
        raise NotFound()
    return found


def _present(session: Session, desk: User, rows: Sequence[Appointment]) -> list[AppointmentOut]:
    """As the desk sees them: never a reason or a video link (`reasons.present`)."""
    return present(session, desk, rows)
