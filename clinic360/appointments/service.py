"""Appointment rules: booking, status changes, reschedules, cancellations.

The database is the authority against double booking. On PostgreSQL two exclusion
constraints reject overlapping non-cancelled appointments of one doctor or one patient
(SQLSTATE 23P01 → `SlotTaken`); the pre-check here only makes the common case friendly.
On SQLite the same pre-check runs inside a `BEGIN IMMEDIATE` transaction, which SQLite
serialises, so it is the authority there. Status changes are compare-and-swap updates
(`UPDATE … WHERE id = ? AND status IN (…)`), so concurrent changes cannot both win.

Each public function owns one transaction; every booking, confirmation, reschedule and
cancellation writes its email outbox rows inside it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from flask import current_app
from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from clinic360.accounts.models import Role, User
from clinic360.appointments import emails
from clinic360.appointments.errors import (
    AppointmentLimitReached,
    InPast,
    InvalidTransition,
    SlotTaken,
    UnknownDoctor,
)
from clinic360.appointments.models import ACTIVE_STATUSES, Appointment, AppointmentStatus
from clinic360.appointments.queries import MAX_APPOINTMENT_LENGTH
from clinic360.appointments.schemas import AppointmentCreate, AppointmentQuery, AppointmentUpdate
from clinic360.core.clock import utcnow
from clinic360.core.db import constraint_name, run_in_transaction, sqlstate, transaction
from clinic360.core.errors import Forbidden, NotFound, ValidationFailed
from clinic360.core.schemas import format_instant
from clinic360.schedules.service import ensure_within_open_hours, nearest_free_slots

log = logging.getLogger("clinic360.appointments")

T = TypeVar("T")

S = AppointmentStatus
OVERLAP_CONSTRAINTS = frozenset({"no_overlap_per_doctor", "no_overlap_per_patient"})
"""The exclusion constraints of migration 0002: a violation means the slot is taken."""
_ALTERNATIVES = 3


class _Overlap(Exception):
    """The interval is taken (pre-check or constraint); turned into `SlotTaken` after rollback."""


@dataclass(frozen=True)
class _Rule:
    """Who may set a status, from which statuses, and relative to the start time."""

    allowed_from: tuple[str, ...]
    before_start: bool = False
    after_start: bool = False


_TRANSITIONS: dict[tuple[Role, str], _Rule] = {
    (Role.PATIENT, S.CANCELLED): _Rule(ACTIVE_STATUSES, before_start=True),
    (Role.DOCTOR, S.CONFIRMED): _Rule((S.SCHEDULED.value,)),
    (Role.DOCTOR, S.CANCELLED): _Rule(ACTIVE_STATUSES),
    (Role.DOCTOR, S.COMPLETED): _Rule(ACTIVE_STATUSES, after_start=True),
    (Role.DOCTOR, S.NO_SHOW): _Rule(ACTIVE_STATUSES, after_start=True),
}
"""The transition table of API.md; anything else is `invalid_transition` (or 403, below)."""

_ROLE_MAY_SET: dict[Role, frozenset[str]] = {
    Role.PATIENT: frozenset({S.SCHEDULED, S.CANCELLED}),
    Role.DOCTOR: frozenset({S.SCHEDULED, S.CONFIRMED, S.CANCELLED, S.COMPLETED, S.NO_SHOW}),
}
"""Statuses a role may ever set (`scheduled` only by rescheduling); others → 403."""

# ---------------------------------------------------------------------------- reading


def list_for(user: User, query: AppointmentQuery) -> tuple[list[Appointment], int]:
    """The caller's appointments (as patient or doctor) by start time, and the total count."""
    conditions = _party_condition(user)
    if query.statuses:
        conditions.append(Appointment.status.in_(query.statuses))
    if query.from_ is not None:
        # Bounded below so the (party, start_time) index is used (DESIGN pitfall 12).
        conditions.append(Appointment.start_time >= query.from_ - MAX_APPOINTMENT_LENGTH)
        conditions.append(Appointment.end_time > query.from_)
    if query.to is not None:
        conditions.append(Appointment.start_time < query.to)
    with transaction(write=False) as session:
        total = session.scalar(select(func.count(Appointment.id)).where(*conditions)) or 0
        rows = session.scalars(
            _with_parties(select(Appointment))
            .where(*conditions)
            .order_by(Appointment.start_time, Appointment.id)
            .limit(query.limit)
            .offset(query.offset)
        ).all()
    return list(rows), total


def get_for(user: User, appointment_id: int) -> Appointment:
    """One of the caller's appointments. Raises `NotFound` for anyone else's and missing ones."""
    with transaction(write=False) as session:
        return _load_owned(session, user, appointment_id)


def upcoming_for(user: User, limit: int = 1000) -> list[Appointment]:
    """The caller's scheduled or confirmed appointments that have not ended (for the feed)."""
    with transaction(write=False) as session:
        rows = session.scalars(
            _with_parties(select(Appointment))
            .where(
                *_party_condition(user),
                Appointment.status.in_(ACTIVE_STATUSES),
                Appointment.end_time > utcnow(),
            )
            .order_by(Appointment.start_time, Appointment.id)
            .limit(limit)
        ).all()
    return list(rows)


# ---------------------------------------------------------------------------- booking


def book(patient: User, data: AppointmentCreate) -> Appointment:
    """Book `data` for `patient`; returns the new `scheduled` appointment.

    Raises `InPast`, `ValidationFailed` (times, unknown or unapproved doctor),
    `AppointmentLimitReached`, `OutsideAvailability`, `SlotTaken` (with alternatives),
    `ServiceUnavailable` (lock or statement timeout, retries exhausted).
    """
    start, end = _checked_interval(data.start_time, data.end_time)
    limit: int = current_app.config["MAX_FUTURE_APPOINTMENTS_PER_PATIENT"]

    def work(session: Session) -> Appointment:
        doctor = session.scalar(
            select(User).where(
                User.id == data.doctor_id, User.role == Role.DOCTOR, User.approved.is_(True)
            )
        )
        if doctor is None:
            raise UnknownDoctor()
        # Serialises one patient's bookings (PostgreSQL), so the cap below is exact.
        session.execute(
            select(User.id).where(User.id == patient.id).with_for_update(key_share=True)
        )
        if _upcoming_count(session, patient.id) >= limit:
            raise AppointmentLimitReached(limit)
        ensure_within_open_hours(session, doctor, start, end)
        _precheck_free(session, doctor.id, patient.id, start, end, exclude_id=None)
        _fault_sleep()
        appointment = Appointment(
            patient_id=patient.id,
            doctor_id=doctor.id,
            start_time=start,
            end_time=end,
            status=S.SCHEDULED.value,
            reason=data.reason or None,
            sequence=0,
        )
        session.add(appointment)
        session.flush()
        emails.booked(session, appointment)
        appointment.patient = patient
        appointment.doctor = doctor
        return appointment

    try:
        appointment = _run(work)
    except _Overlap:
        raise _slot_taken(data.doctor_id, patient.id, start, end) from None
    log.info(
        "appointment booked",
        extra={"appointment_id": appointment.id, "doctor_id": appointment.doctor_id},
    )
    return appointment


# ---------------------------------------------------------------------------- changing


def change(user: User, appointment_id: int, data: AppointmentUpdate) -> Appointment:
    """Apply a PUT: a status transition or a reschedule; returns the updated appointment.

    Raises `NotFound` (not the caller's), `Forbidden` (a status the role may never set),
    `InvalidTransition`, and for reschedules the booking errors (`InPast`, `SlotTaken`, …).
    """
    interval = (
        _checked_interval(data.start_time, data.end_time)
        if data.start_time is not None and data.end_time is not None
        else None
    )
    now = utcnow()

    def work(session: Session) -> Appointment:
        appointment = _load_owned(session, user, appointment_id)
        role = Role.PATIENT if appointment.patient_id == user.id else Role.DOCTOR
        if data.status is not None and data.status not in _ROLE_MAY_SET[role]:
            raise Forbidden()
        if interval is not None:
            return _reschedule(session, appointment, role, interval, data.reason, now)
        assert data.status is not None  # the schema demands a status or new times
        if data.status == appointment.status and data.reason is not None:
            return _edit_reason(session, appointment, role, data.reason, now)
        return _transition(session, appointment, role, data.status, now)

    try:
        appointment = _run(work)
    except _Overlap:
        assert interval is not None
        current = get_for(user, appointment_id)
        raise _slot_taken(current.doctor_id, current.patient_id, *interval) from None
    log.info(
        "appointment changed",
        extra={"appointment_id": appointment.id, "status": appointment.status},
    )
    return appointment


def _transition(
    session: Session, appointment: Appointment, role: Role, status: str, now: datetime
) -> Appointment:
    rule = _TRANSITIONS.get((role, status))
    if rule is None:
        raise InvalidTransition()
    conditions: list[ColumnElement[bool]] = [Appointment.status.in_(rule.allowed_from)]
    if rule.before_start:
        conditions.append(Appointment.start_time > now)
    if rule.after_start:
        conditions.append(Appointment.start_time <= now)
    _compare_and_swap(session, appointment.id, conditions, status=status, updated_at=now)
    updated = _reload(session, appointment.id)
    if status == S.CONFIRMED:
        emails.confirmed(session, updated)
    elif status == S.CANCELLED:
        emails.cancelled(session, updated)
    return updated


def _reschedule(
    session: Session,
    appointment: Appointment,
    role: Role,
    interval: tuple[datetime, datetime],
    reason: str | None,
    now: datetime,
) -> Appointment:
    conditions: list[ColumnElement[bool]] = [Appointment.status.in_(ACTIVE_STATUSES)]
    if role is Role.PATIENT:
        conditions.append(Appointment.start_time > now)
    if appointment.status not in ACTIVE_STATUSES or (
        role is Role.PATIENT and appointment.start_time <= now
    ):
        raise InvalidTransition()
    start, end = interval
    ensure_within_open_hours(session, appointment.doctor, start, end)
    _precheck_free(
        session,
        appointment.doctor_id,
        appointment.patient_id,
        start,
        end,
        exclude_id=appointment.id,
    )
    values: dict[str, object] = {
        "start_time": start,
        "end_time": end,
        "status": S.SCHEDULED.value,
        "updated_at": now,
    }
    if reason is not None and role is Role.PATIENT:
        values["reason"] = reason or None
    _compare_and_swap(session, appointment.id, conditions, **values)
    updated = _reload(session, appointment.id)
    emails.rescheduled(session, updated)
    return updated


def _edit_reason(
    session: Session, appointment: Appointment, role: Role, reason: str, now: datetime
) -> Appointment:
    """The patient edits the reason of an upcoming appointment (same status sent back)."""
    if role is not Role.PATIENT:
        raise InvalidTransition()
    conditions: list[ColumnElement[bool]] = [
        Appointment.status.in_(ACTIVE_STATUSES),
        Appointment.start_time > now,
    ]
    _compare_and_swap(session, appointment.id, conditions, reason=reason or None, updated_at=now)
    return _reload(session, appointment.id)


def cancel_appointments_of_suspended_doctor(session: Session, doctor: User) -> None:
    """The accounts suspension hook: runs inside the suspension's transaction."""
    cancel_future_appointments_of_doctor(session, doctor.id, "doctor_suspended")


def cancel_future_appointments_of_doctor(session: Session, doctor_id: int, reason_code: str) -> int:
    """Cancel the doctor's upcoming appointments inside the caller's transaction.

    Used when an admin suspends a doctor. Queues a cancellation email to each patient
    (`reason_code`, a code such as `doctor_suspended`, is logged, never emailed). Returns
    how many appointments were cancelled.
    """
    now = utcnow()
    cancelled = session.execute(
        update(Appointment)
        .where(
            Appointment.doctor_id == doctor_id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.start_time > now,
        )
        .values(
            status=S.CANCELLED.value,
            sequence=Appointment.sequence + 1,
            updated_at=now,
        )
        .returning(
            Appointment.id,
            Appointment.patient_id,
            Appointment.doctor_id,
            Appointment.start_time,
            Appointment.end_time,
            Appointment.sequence,
        )
        .execution_options(synchronize_session=False)
    ).all()
    for visit in cancelled:
        emails.cancelled(session, visit, roles=(emails.PATIENT,))
    log.info(
        "doctor's appointments cancelled",
        extra={"doctor_id": doctor_id, "reason_code": reason_code, "count": len(cancelled)},
    )
    return len(cancelled)


# ---------------------------------------------------------------------------- helpers


def _party_condition(user: User) -> list[ColumnElement[bool]]:
    """Rows the caller is a party to; an unapproved doctor sees no patient data at all."""
    if user.role == Role.PATIENT:
        return [Appointment.patient_id == user.id]
    if user.role == Role.DOCTOR and user.approved:
        return [Appointment.doctor_id == user.id]
    return [Appointment.id.is_(None)]  # nobody else is a party to any appointment


def _with_parties(statement: Select[Appointment]) -> Select[Appointment]:
    return statement.options(joinedload(Appointment.patient), joinedload(Appointment.doctor))


def _load_owned(session: Session, user: User, appointment_id: int) -> Appointment:
    appointment = session.scalar(
        _with_parties(select(Appointment)).where(
            Appointment.id == appointment_id, *_party_condition(user)
        )
    )
    if appointment is None:
        raise NotFound()
    return appointment


def _reload(session: Session, appointment_id: int) -> Appointment:
    return session.execute(
        _with_parties(select(Appointment))
        .where(Appointment.id == appointment_id)
        .execution_options(populate_existing=True)
    ).scalar_one()


def _compare_and_swap(
    session: Session, appointment_id: int, conditions: list[ColumnElement[bool]], **values: object
) -> None:
    """`UPDATE … WHERE id = ? AND <conditions>`; no row changed → `InvalidTransition`."""
    result = session.execute(
        update(Appointment)
        .where(Appointment.id == appointment_id, *conditions)
        .values(sequence=Appointment.sequence + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise InvalidTransition()


def _checked_interval(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The booking rules on the times alone: future start, end after it, ≤ 4 hours."""
    errors: dict[str, str] = {}
    if start.microsecond or end.microsecond:
        errors["startTime" if start.microsecond else "endTime"] = "must be whole seconds"
    elif end <= start:
        errors["endTime"] = "must be after startTime"
    elif end - start > MAX_APPOINTMENT_LENGTH:
        errors["endTime"] = "must be at most 4 hours after startTime"
    if errors:
        raise ValidationFailed(errors)
    now = utcnow()
    if start <= now:
        raise InPast()
    horizon = timedelta(days=current_app.config["BOOKING_HORIZON_DAYS"])
    if start > now + horizon:
        raise ValidationFailed({"startTime": f"must be within {horizon.days} days from now"})
    return start, end


def _upcoming_count(session: Session, patient_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Appointment.id)).where(
                Appointment.patient_id == patient_id,
                Appointment.status.in_(ACTIVE_STATUSES),
                Appointment.start_time > utcnow(),
            )
        )
        or 0
    )


def _overlapping(
    doctor_id: int | None, patient_id: int, start: datetime, end: datetime, exclude_id: int | None
) -> Select[int]:
    """Non-cancelled appointments of the doctor (if any) or the patient overlapping [start, end)."""
    party = (
        Appointment.patient_id == patient_id
        if doctor_id is None
        else or_(Appointment.doctor_id == doctor_id, Appointment.patient_id == patient_id)
    )
    statement = select(Appointment.id).where(
        party,
        Appointment.status != S.CANCELLED.value,
        Appointment.start_time >= start - MAX_APPOINTMENT_LENGTH,
        Appointment.start_time < end,
        Appointment.end_time > start,
    )
    if exclude_id is not None:
        statement = statement.where(Appointment.id != exclude_id)
    return statement.limit(1)


def _precheck_free(
    session: Session,
    doctor_id: int,
    patient_id: int,
    start: datetime,
    end: datetime,
    exclude_id: int | None,
) -> None:
    """Raise `_Overlap` when the interval is taken.

    The authority on SQLite (inside BEGIN IMMEDIATE); on PostgreSQL a courtesy before the
    exclusion constraints decide, skippable for tests with CLINIC360_SKIP_PRECHECK.
    """
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    if not is_sqlite and current_app.config["CLINIC360_SKIP_PRECHECK"]:
        return
    if session.scalar(_overlapping(doctor_id, patient_id, start, end, exclude_id)) is not None:
        raise _Overlap()


def _fault_sleep() -> None:
    delay_ms: int = current_app.config["CLINIC360_FAULT_SLEEP_BEFORE_INSERT_MS"]
    if delay_ms:
        time.sleep(delay_ms / 1000)


def _slot_taken(doctor_id: int, patient_id: int, start: datetime, end: datetime) -> SlotTaken:
    """`SlotTaken` with up to three nearest free slots of the doctor the patient could take."""
    with transaction(write=False) as session:
        doctor = session.get(User, doctor_id)
        if doctor is None:
            return SlotTaken([])
        candidates = [
            slot
            for slot in nearest_free_slots(session, doctor, start, limit=_ALTERNATIVES * 3)
            if session.scalar(_overlapping(None, patient_id, slot.start, slot.end, None)) is None
        ]
    nearest = sorted(candidates, key=lambda slot: (abs(slot.start - start), slot.start))
    return SlotTaken(
        [
            {"startTime": format_instant(slot.start), "endTime": format_instant(slot.end)}
            for slot in sorted(nearest[:_ALTERNATIVES], key=lambda slot: slot.start)
        ]
    )


def _run(work: Callable[[Session], T]) -> T:
    """Run `work` in one transaction (`core.db.run_in_transaction`: retries, 503s).

    Only the two exclusion constraints (SQLSTATE 23P01 on `no_overlap_per_doctor` or
    `no_overlap_per_patient`) mean the slot is taken → `_Overlap`. Any other integrity error
    is a bug: it is logged with its constraint and propagates (500 with an error id).
    """
    try:
        return run_in_transaction(work)
    except IntegrityError as exc:
        if sqlstate(exc) == "23P01" and constraint_name(exc) in OVERLAP_CONSTRAINTS:
            raise _Overlap() from exc
        log.error(
            "integrity error while writing appointments",
            extra={"sqlstate": sqlstate(exc), "constraint": constraint_name(exc)},
        )
        raise
