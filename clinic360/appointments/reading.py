"""Reading appointments: the caller's own, as patient or doctor.

What leaves as an answer goes through `reasons.present` (the reason per the care rule, a
doctor's read of reasons audited); `get_for` and `upcoming_for` give the rows for calendar
files, which never carry a reason.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, joinedload

from clinic360.accounts.family import Capability, acted_for, ensure_may_act_for
from clinic360.accounts.models import MAX_APPOINTMENT_LENGTH, Role, User
from clinic360.appointments.models import ACTIVE_STATUSES, Appointment, AppointmentStatus
from clinic360.appointments.reasons import present
from clinic360.appointments.schemas import AppointmentOut, AppointmentQuery
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound


def list_for(user: User, query: AppointmentQuery) -> tuple[list[AppointmentOut], int]:
    """The caller's appointments (as patient or doctor) by start time, and the total count;
    with `patientId`, a patient's the caller acts for (`accounts.family`, in that patient's
    access log).

    Raises AuditUnavailable when a doctor's read of reasons cannot be logged, and the family
    errors (`ensure_may_act_for`)."""
    acting = query.patient_id is not None and query.patient_id != user.id
    conditions = party_condition(user)
    if query.statuses:
        conditions.append(Appointment.status.in_(query.statuses))
    if query.from_ is not None:
        # Bounded below so the (party, start_time) index is used (DESIGN pitfall 12).
        conditions.append(Appointment.start_time >= query.from_ - MAX_APPOINTMENT_LENGTH)
        conditions.append(Appointment.end_time > query.from_)
    if query.to is not None:
        conditions.append(Appointment.start_time < query.to)
    with transaction(write=_audited(user) or acting) as session:
        if acting:
            assert query.patient_id is not None
            if user.role != Role.PATIENT:
                raise NotFound()
            ensure_may_act_for(session, user, query.patient_id, Capability.APPOINTMENTS)
            conditions[0] = Appointment.patient_id == query.patient_id
            record_access(session, user, AuditAction.APPOINTMENTS_LIST, [query.patient_id])
        total = session.scalar(select(func.count(Appointment.id)).where(*conditions)) or 0
        rows = session.scalars(
            with_parties(select(Appointment))
            .where(*conditions)
            .order_by(Appointment.start_time, Appointment.id)
            .limit(query.limit)
            .offset(query.offset)
        ).all()
        return present(session, user, rows), total


def show_for(user: User, appointment_id: int) -> AppointmentOut:
    """One of the caller's appointments, as `list_for` gives it. Raises `NotFound` for anyone
    else's and missing ones, AuditUnavailable as `list_for`."""
    with transaction(write=_audited(user)) as session:
        appointment = load_owned(session, user, appointment_id)
        audit_on_behalf(session, user, appointment, AuditAction.APPOINTMENT_READ)
        return present(session, user, [appointment])[0]


def audit_on_behalf(
    session: Session, user: User, appointment: Appointment, action: AuditAction
) -> None:
    """What a guardian or proxy does with a patient's appointment goes into that patient's
    access log ("X on behalf of Y"), in the caller's transaction."""
    if user.role == Role.PATIENT and appointment.patient_id != user.id:
        record_access(session, user, action, [appointment.patient_id], appointment.id)


def _audited(user: User) -> bool:
    """A doctor's read may write an access-log row: take SQLite's write lock up front."""
    return user.role == Role.DOCTOR


def get_for(user: User, appointment_id: int) -> Appointment:
    """One of the caller's appointments, the row itself (its reason not vetted: never send it).

    Raises `NotFound` for anyone else's and missing ones (a receptionist too: this is for
    calendar files, of parties only)."""
    with transaction(write=False) as session:
        appointment = session.scalar(
            with_parties(select(Appointment)).where(
                Appointment.id == appointment_id, *party_condition(user)
            )
        )
        if appointment is None:
            raise NotFound()
        return appointment


def upcoming_for(user: User, limit: int = 1000) -> list[Appointment]:
    """The caller's scheduled or confirmed appointments that have not ended (for the feed)."""
    with transaction(write=False) as session:
        rows = session.scalars(
            with_parties(select(Appointment))
            .where(
                *party_condition(user),
                Appointment.status.in_(ACTIVE_STATUSES),
                Appointment.end_time > utcnow(),
            )
            .order_by(Appointment.start_time, Appointment.id)
            .limit(limit)
        ).all()
    return list(rows)


def party_condition(user: User) -> list[ColumnElement[bool]]:
    """Rows the caller is a party to; an unapproved doctor sees no patient data at all."""
    if user.role == Role.PATIENT:
        return [Appointment.patient_id == user.id]
    if user.is_active_doctor:
        return [Appointment.doctor_id == user.id]
    return [Appointment.id.is_(None)]  # nobody else is a party to any appointment


def with_parties(statement: Select[Appointment]) -> Select[Appointment]:
    return statement.options(
        joinedload(Appointment.patient),
        joinedload(Appointment.doctor),
        joinedload(Appointment.visit_type),
    )


def load_owned(session: Session, user: User, appointment_id: int) -> Appointment:
    """One appointment the caller is a party to, or (patients) one of a patient they act for
    with the appointments capability (`accounts.family`); the front desk's changes reach
    any appointment (`transitions.change`), its reads never carry a reason or a video link
    (`present`). NotFound otherwise."""
    reachable: list[ColumnElement[bool]]
    if user.role == Role.RECEPTIONIST:
        reachable = []
    elif user.role == Role.PATIENT:
        reachable = [Appointment.patient_id.in_(acted_for(user.id, Capability.APPOINTMENTS))]
    else:
        reachable = party_condition(user)
    appointment = session.scalar(
        with_parties(select(Appointment)).where(Appointment.id == appointment_id, *reachable)
    )
    if appointment is None:
        raise NotFound()
    return appointment


def reload(session: Session, appointment_id: int) -> Appointment:
    return session.execute(
        with_parties(select(Appointment))
        .where(Appointment.id == appointment_id)
        .execution_options(populate_existing=True)
    ).scalar_one()


def calendar_blocks(
    session: Session, doctor_ids: list[int], start: datetime, end: datetime
) -> list[Appointment]:
    """The doctors' appointments that are not cancelled and overlap [start, end), by doctor
    and start, with their parties and visit type loaded (the calendar; the caller presents
    them without reasons)."""
    if not doctor_ids:
        return []
    return list(
        session.scalars(
            with_parties(select(Appointment))
            .where(
                Appointment.doctor_id.in_(doctor_ids),
                # Bounded below so the (doctor, start_time) index is used (DESIGN pitfall 12).
                Appointment.start_time >= start - MAX_APPOINTMENT_LENGTH,
                Appointment.start_time < end,
                Appointment.end_time > start,
                Appointment.status != AppointmentStatus.CANCELLED.value,
            )
            .order_by(Appointment.doctor_id, Appointment.start_time, Appointment.id)
        ).all()
    )
