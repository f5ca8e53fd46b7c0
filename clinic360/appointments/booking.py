"""Booking: the checks on a new interval, and the insert.

The database is the authority against double booking. On PostgreSQL two exclusion
constraints reject overlapping non-cancelled appointments: of one doctor over their
*blocked ranges* (the visits widened by their types' buffers), of one patient over the
visits (SQLSTATE 23P01 → `SlotTaken`); the pre-check here only makes the common case friendly.
On SQLite the same pre-check runs inside a `BEGIN IMMEDIATE` transaction, which SQLite
serialises, so it is the authority there. Rescheduling (`transitions.py`) runs the same
checks. Each public function owns one transaction; a booking writes its emails inside it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from flask import current_app
from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, ensure_may_act_for
from clinic360.accounts.models import MAX_APPOINTMENT_LENGTH, MAX_APPOINTMENT_MINUTES, User
from clinic360.appointments import emails, history, idempotency, signals, video
from clinic360.appointments.attendance import needs_confirmation, record_of
from clinic360.appointments.errors import (
    AppointmentLimitReached,
    DoctorAppointmentLimitReached,
    InPast,
    SlotTaken,
    UnknownDoctor,
)
from clinic360.appointments.models import ACTIVE_STATUSES, Appointment, AppointmentStatus
from clinic360.appointments.queries import blocking, has_care_relationship
from clinic360.appointments.reading import reload
from clinic360.appointments.schemas import AppointmentCreate
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import constraint_name, run_in_transaction, sqlstate, transaction
from clinic360.core.errors import ValidationFailed
from clinic360.core.ratelimit import check
from clinic360.core.schemas import format_instant
from clinic360.schedules.availability import ensure_on_slot_grid, nearest_free_slots
from clinic360.schedules.busy import Interval
from clinic360.schedules.models import VisitType
from clinic360.schedules.slots import Slot, SlotRules
from clinic360.schedules.visit_types import (
    ensure_notice,
    ensure_patient_may_book,
    type_for_booking,
)

log = logging.getLogger("clinic360.appointments")

T = TypeVar("T")
S = AppointmentStatus
OVERLAP_CONSTRAINTS = frozenset({"no_overlap_per_doctor", "no_overlap_per_patient"})
"""The exclusion constraints of migration 0002: a violation means the slot is taken."""
_ALTERNATIVES = 3


class Overlap(Exception):
    """The interval is taken (pre-check or constraint); turned into `SlotTaken` after rollback."""


def book(
    booker: User, data: AppointmentCreate, key: str | None = None, *, staff: User | None = None
) -> Appointment:
    """Book `data` for its `patientId` (default: `booker` themselves; otherwise a patient
    `booker` may act for with the appointments capability, `accounts.family`, checked in
    the booking's transaction; the booking is then in the patient's access log as done by
    `booker` on their behalf, and in the appointment's history as `booker`'s). The front
    desk passes the patient as `booker` and itself as `staff`: the patient-only rules (who
    may book the type, minimum notice, the no-show confirmation) do not bind it, and the
    receptionist is the actor in the history and the access log. Returns the
    new `scheduled` appointment, or `requested` when the patient's attendance record asks
    for the doctor's confirmation
    (`attendance.needs_confirmation`: NO_SHOW_POLICY=confirm).

    The visit type (`visitTypeId`, default: the doctor's default type) sets the length
    (`endTime`, when sent, must match it), the slot grid, the buffers that widen the range
    the visit blocks, and the patient rules: who may book it, minimum notice, horizon.
    With an `Idempotency-Key` (`key`) that booked this same request before (within
    IDEMPOTENCY_KEY_HOURS), returns that appointment instead (`idempotency`).

    Raises `InPast`, `ValidationFailed` (times, unknown or unapproved doctor),
    `InvalidVisitType`, `VisitTypeNotBookable`, `AppointmentLimitReached`,
    `DoctorAppointmentLimitReached`, `OutsideAvailability`, `NotASlot`, `NoticeTooShort`,
    `OutsideBookingWindow`, `SlotTaken` (with alternatives of the same type),
    `IdempotencyKeyReused`, `RateLimited`, `ServiceUnavailable` (lock or statement
    timeout, retries exhausted), and the family errors (`ensure_may_act_for`).
    """
    patient_id = data.patient_id if data.patient_id is not None else booker.id
    start, _ = checked_interval(data.start_time, data.end_time)
    chosen: list[tuple[SlotRules, datetime]] = []
    limit: int = current_app.config["MAX_FUTURE_APPOINTMENTS_PER_PATIENT"]
    per_doctor: int = current_app.config["MAX_UPCOMING_APPOINTMENTS_PER_DOCTOR"]
    count_booking(staff or booker)
    digest = idempotency.request_digest(data)

    def work(session: Session) -> Appointment:
        patient = (
            booker
            if patient_id == booker.id
            else ensure_may_act_for(session, booker, patient_id, Capability.APPOINTMENTS)
        )
        lock_parties(session, data.doctor_id, patient.id)
        if key is not None:
            earlier = idempotency.earlier_booking(session, booker.id, key, digest)
            if earlier is not None:
                return reload(session, earlier)
        doctor = session.scalar(
            select(User).where(User.id == data.doctor_id, User.is_active_doctor)
        )
        if doctor is None:
            raise UnknownDoctor()
        visit_type = type_for_booking(session, doctor.id, data.visit_type_id)
        existing = visit_type.bookable_by == "existing_patients" and has_care_relationship(
            session, doctor.id, patient.id
        )
        if staff is None:
            ensure_patient_may_book(visit_type, existing_patient=existing)
        if _upcoming_count(session, patient.id) >= limit:
            raise AppointmentLimitReached(limit)
        if _upcoming_count(session, patient.id, doctor.id) >= per_doctor:
            raise DoctorAppointmentLimitReached(per_doctor)
        rules = SlotRules.of(visit_type)
        end = data.end_time or start + timedelta(minutes=rules.duration_minutes)
        chosen.append((rules, end))
        ensure_on_slot_grid(session, doctor, rules, start, end)
        if staff is None:
            ensure_notice(visit_type, start, utcnow())
        requested = staff is None and needs_confirmation(record_of(session, patient.id))
        status = S.REQUESTED if requested else S.SCHEDULED
        appointment = place(
            session, doctor, patient, visit_type, (start, end), data.reason, status=status
        )
        if key is not None:
            idempotency.remember(session, booker.id, key, digest, appointment.id)
        if requested:
            emails.requested(session, appointment)
        else:
            emails.booked(session, appointment)
        actor = staff or booker
        history.record(session, appointment, actor.id, "requested" if requested else "booked")
        if actor.id != patient.id:
            record_access(
                session, actor, AuditAction.APPOINTMENT_BOOK, [patient.id], appointment.id
            )
        signals.booked(session, visit_of(appointment))
        return appointment

    try:
        appointment = run(work)
    except Overlap:
        rules, end = chosen[-1]
        raise slot_taken(data.doctor_id, patient_id, rules, (start, end)) from None
    log.info(
        "appointment booked",
        extra={"appointment_id": appointment.id, "doctor_id": appointment.doctor_id},
    )
    return appointment


def place(
    session: Session,
    doctor: User,
    patient: User,
    visit_type: VisitType,
    visit: Interval,
    reason: str | None = None,
    series_id: int | None = None,
    prechecked: bool = False,
    status: AppointmentStatus = AppointmentStatus.SCHEDULED,
) -> Appointment:
    """Insert one visit of `visit_type` (`scheduled`, or `requested` under NO_SHOW_POLICY
    `confirm`) after the overlap pre-check
    (`precheck_free`: `Overlap` when taken; skipped when the caller ran it, `prechecked`,
    and then not flushed either: the caller flushes several at once). The caller checked
    the slot grid and its own rules. Returns it with its parties and type loaded (for its
    emails)."""
    start, end = visit
    blocked = SlotRules.of(visit_type).blocked(start, end)
    if not prechecked:
        precheck_free(session, doctor.id, patient.id, visit, blocked, exclude_id=None)
    appointment = Appointment(
        patient_id=patient.id,
        doctor_id=doctor.id,
        visit_type_id=visit_type.id,
        series_id=series_id,
        start_time=start,
        end_time=end,
        blocked_start=blocked[0],
        blocked_end=blocked[1],
        status=status.value,
        reason=reason or None,
        video_room=video.new_room(visit_type),
        sequence=0,
    )
    session.add(appointment)
    if not prechecked:
        session.flush()
    appointment.patient = patient
    appointment.doctor = doctor
    appointment.visit_type = visit_type
    return appointment


def visit_of(appointment: Appointment) -> signals.Visit:
    """The appointment as the hooks of `signals` see it."""
    return signals.Visit(
        appointment_id=appointment.id,
        patient_id=appointment.patient_id,
        doctor_id=appointment.doctor_id,
        visit_type_id=appointment.visit_type_id,
        start=appointment.start_time,
        end=appointment.end_time,
    )


def checked_interval(start: datetime, end: datetime | None) -> tuple[datetime, datetime | None]:
    """The booking rules on the times alone: future start, end after it (when given), not
    too long, within BOOKING_HORIZON_DAYS."""
    errors: dict[str, str] = {}
    if start.microsecond or (end is not None and end.microsecond):
        errors["startTime" if start.microsecond else "endTime"] = "must be whole seconds"
    elif end is None:
        pass
    elif end <= start:
        errors["endTime"] = "must be after startTime"
    elif end - start > MAX_APPOINTMENT_LENGTH:
        errors["endTime"] = f"must be at most {MAX_APPOINTMENT_MINUTES // 60} hours after startTime"
    if errors:
        raise ValidationFailed(errors)
    now = utcnow()
    if start <= now:
        raise InPast()
    horizon = timedelta(days=current_app.config["BOOKING_HORIZON_DAYS"])
    if start > now + horizon:
        raise ValidationFailed({"startTime": f"must be within {horizon.days} days from now"})
    return start, end


def count_booking(patient: User) -> None:
    """Count one booking (or reschedule) of the account; `RateLimited` (429) beyond
    BOOKINGS_PER_ACCOUNT_HOUR in the hour."""
    check(
        "booking",
        str(patient.id),
        limit=current_app.config["BOOKINGS_PER_ACCOUNT_HOUR"],
        window=timedelta(hours=1),
    )


def _upcoming_count(session: Session, patient_id: int, doctor_id: int | None = None) -> int:
    """The patient's upcoming scheduled/confirmed appointments (with `doctor_id` when given),
    occurrences of a doctor's recurring series left out (the caps bind what patients book)."""
    statement = select(func.count(Appointment.id)).where(
        Appointment.patient_id == patient_id,
        Appointment.series_id.is_(None),
        Appointment.status.in_(ACTIVE_STATUSES),
        Appointment.start_time > utcnow(),
    )
    if doctor_id is not None:
        statement = statement.where(Appointment.doctor_id == doctor_id)
    return session.scalar(statement) or 0


def _patient_busy(patient_id: int, start: datetime, end: datetime) -> ColumnElement[bool]:
    """The patient's appointments whose visit overlaps [start, end) (no buffers: those
    are the doctor's time)."""
    return and_(
        Appointment.patient_id == patient_id,
        Appointment.start_time >= start - MAX_APPOINTMENT_LENGTH,
        Appointment.start_time < end,
        Appointment.end_time > start,
    )


def _taken(condition: ColumnElement[bool], exclude_id: int | None) -> Select[int]:
    statement = select(Appointment.id).where(condition, Appointment.status != S.CANCELLED.value)
    if exclude_id is not None:
        statement = statement.where(Appointment.id != exclude_id)
    return statement.limit(1)


def precheck_free(
    session: Session,
    doctor_id: int,
    patient_id: int,
    visit: Interval,
    blocked: Interval,
    exclude_id: int | None,
) -> None:
    """Raise `Overlap` when the doctor's blocked range or the patient's visit is taken:
    another non-cancelled appointment of the doctor whose blocked range overlaps
    `blocked`, or one of the patient whose visit overlaps `visit`.

    The authority on SQLite (inside BEGIN IMMEDIATE); on PostgreSQL a courtesy before the
    exclusion constraints decide (the concurrency tests replace it to prove they do).
    """
    doctor = and_(Appointment.doctor_id == doctor_id, *blocking(*blocked))
    either = or_(doctor, _patient_busy(patient_id, *visit))
    if session.scalar(_taken(either, exclude_id)) is not None:
        raise Overlap()


def precheck_all_free(
    session: Session, doctor_id: int, patient_id: int, visits: list[tuple[Interval, Interval]]
) -> None:
    """`precheck_free` for several (visit, blocked range) pairs in one query: `Overlap` when
    any is taken (a series' common case is none; `precheck_free` then tells which)."""
    either = or_(
        *(
            or_(
                and_(Appointment.doctor_id == doctor_id, *blocking(*blocked)),
                _patient_busy(patient_id, *visit),
            )
            for visit, blocked in visits
        )
    )
    if visits and session.scalar(_taken(either, None)) is not None:
        raise Overlap()


def lock_parties(session: Session, doctor_id: int, patient_id: int) -> None:
    """Serialise every write that could overlap: lock the doctor's and the patient's rows.

    On PostgreSQL, two transactions inserting (or moving to) conflicting intervals at once
    would each wait on the other's uncommitted row inside the exclusion constraint check, a
    deadlock. Taking `FOR NO KEY UPDATE` on both users rows first, in ascending id order
    (one statement with ORDER BY, so always the same order), makes writes of one doctor or
    one patient queue instead; the pre-check then sees the winner's committed row and
    answers `slot_taken` with alternatives. It also makes the per-patient caps and
    idempotency keys exact. Plain `FOR KEY SHARE` locks taken by the foreign keys do not
    conflict with it. A no-op on SQLite, whose `BEGIN IMMEDIATE` serialises all writes.
    """
    session.execute(
        select(User.id)
        .where(User.id.in_((doctor_id, patient_id)))
        .order_by(User.id)
        .with_for_update(key_share=True)
    )


def slot_taken(doctor_id: int, patient_id: int, rules: SlotRules, visit: Interval) -> SlotTaken:
    """`SlotTaken` with up to three nearest free slots of the same visit type that the
    patient could take."""
    with transaction(write=False) as session:
        doctor = session.get(User, doctor_id)
        found = [] if doctor is None else alternatives(session, doctor, patient_id, rules, visit[0])
    return SlotTaken(found)


def alternatives(
    session: Session, doctor: User, patient_id: int, rules: SlotRules, around: datetime
) -> list[dict[str, str]]:
    """The `alternatives` of a taken slot: `free_times` as the API shows them, by start."""
    nearest = free_times(session, doctor, patient_id, rules, around)
    return [
        {"startTime": format_instant(slot.start), "endTime": format_instant(slot.end)}
        for slot in sorted(nearest, key=lambda slot: slot.start)
    ]


def free_times(
    session: Session,
    doctor: User,
    patient_id: int,
    rules: SlotRules,
    around: datetime,
    limit: int = _ALTERNATIVES,
) -> list[Slot]:
    """Up to `limit` free slots of the doctor for a visit type (`rules`), nearest to `around`
    first, that do not overlap the patient's other appointments (the alternatives of a taken
    slot, the times an email link offers for a move)."""
    candidates = [
        slot
        for slot in nearest_free_slots(session, doctor, rules, around, limit * 3)
        if session.scalar(_taken(_patient_busy(patient_id, slot.start, slot.end), None)) is None
    ]
    return sorted(candidates, key=lambda slot: (abs(slot.start - around), slot.start))[:limit]


def run(work: Callable[[Session], T]) -> T:
    """Run `work` in one transaction (`core.db.run_in_transaction`: retries, 503s).

    Only the two exclusion constraints (SQLSTATE 23P01 on `no_overlap_per_doctor` or
    `no_overlap_per_patient`) mean the slot is taken → `Overlap`. Any other integrity error
    is a bug: it is logged with its constraint and propagates (500 with an error id).
    """
    try:
        return run_in_transaction(work)
    except IntegrityError as exc:
        if sqlstate(exc) == "23P01" and constraint_name(exc) in OVERLAP_CONSTRAINTS:
            raise Overlap() from exc
        log.error(
            "integrity error while writing appointments",
            extra={"sqlstate": sqlstate(exc), "constraint": constraint_name(exc)},
        )
        raise
