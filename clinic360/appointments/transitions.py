"""Changing an appointment: status transitions, reschedules, reason edits, cancellations.

Status changes are compare-and-swap updates (`UPDATE … WHERE id = ? AND status IN (…)`), so
concurrent changes cannot both win. Each public function owns one transaction (or runs in
the caller's, for the suspension hook) and writes its emails inside it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.appointments import emails, history, signals
from clinic360.appointments.booking import (
    Overlap,
    checked_interval,
    count_booking,
    lock_parties,
    precheck_free,
    run,
    slot_taken,
    visit_of,
)
from clinic360.appointments.errors import InvalidTransition
from clinic360.appointments.models import (
    ACTIVE_STATUSES,
    AGREED_STATUSES,
    Appointment,
    AppointmentStatus,
)
from clinic360.appointments.policy import ensure_patient_may
from clinic360.appointments.reading import audit_on_behalf, load_owned, reload
from clinic360.appointments.reasons import present
from clinic360.appointments.schemas import AppointmentOut, AppointmentUpdate
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core import cache
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import Forbidden, ValidationFailed
from clinic360.schedules.availability import ensure_on_slot_grid, ensure_within_open_hours
from clinic360.schedules.models import VisitType
from clinic360.schedules.slots import SlotRules
from clinic360.schedules.visit_types import ensure_notice, type_for_booking

log = logging.getLogger("clinic360.appointments")

S = AppointmentStatus


class StaleVersion(Exception):
    """The appointment is no longer the version an email link was made for."""


@dataclass(frozen=True)
class _Rule:
    """Who may set a status, from which statuses, and relative to the start time."""

    allowed_from: tuple[str, ...]
    before_start: bool = False
    after_start: bool = False
    check_in: bool = False  # from CHECK_IN_EARLY_MINUTES before the start


_TRANSITIONS: dict[tuple[Role, str], _Rule] = {
    (Role.PATIENT, S.CANCELLED): _Rule(ACTIVE_STATUSES, before_start=True),
    (Role.DOCTOR, S.SCHEDULED): _Rule((S.REQUESTED.value,), before_start=True),  # accept
    (Role.DOCTOR, S.CONFIRMED): _Rule((S.SCHEDULED.value,)),
    (Role.DOCTOR, S.CANCELLED): _Rule(ACTIVE_STATUSES),  # from requested: decline
    (Role.DOCTOR, S.COMPLETED): _Rule((*AGREED_STATUSES, S.ARRIVED.value), after_start=True),
    (Role.DOCTOR, S.NO_SHOW): _Rule(AGREED_STATUSES, after_start=True),
    # The front desk (issue 21): cancels any active visit, checks in from
    # CHECK_IN_EARLY_MINUTES before the start, marks a no-show once it started.
    (Role.RECEPTIONIST, S.CANCELLED): _Rule(ACTIVE_STATUSES),
    (Role.RECEPTIONIST, S.ARRIVED): _Rule(AGREED_STATUSES, check_in=True),
    (Role.RECEPTIONIST, S.NO_SHOW): _Rule(AGREED_STATUSES, after_start=True),
}
"""The transition table of API.md; anything else is `invalid_transition` (or 403, below)."""

_ROLE_MAY_SET: dict[Role, frozenset[str]] = {
    Role.PATIENT: frozenset({S.SCHEDULED, S.CANCELLED}),
    Role.DOCTOR: frozenset({S.SCHEDULED, S.CONFIRMED, S.CANCELLED, S.COMPLETED, S.NO_SHOW}),
    Role.RECEPTIONIST: frozenset({S.SCHEDULED, S.CANCELLED, S.ARRIVED, S.NO_SHOW}),
}
"""Statuses a role may ever set (`scheduled` only by rescheduling); others → 403."""


def change(
    user: User,
    appointment_id: int,
    data: AppointmentUpdate,
    *,
    expected_sequence: int | None = None,
    via: str = history.APP,
    note: str | None = None,
) -> AppointmentOut:
    """Apply a PUT: a status transition or a reschedule; returns the updated appointment as
    the caller may see it (`reasons.present`: a doctor's read of the reason is audited).

    The change joins the appointment's history (`via`, and `note`: the patient's words when
    cancelling through an email link). With `expected_sequence` (an email link's version)
    nothing happens unless the appointment is still that version (`StaleVersion`).

    Raises `NotFound` (not the caller's), `Forbidden` (a status the role may never set),
    `InvalidTransition`, `CancellationWindowPassed` / `RescheduleWindowPassed` (`policy`),
    `StaleVersion`, and for reschedules the booking errors (`InPast`, `SlotTaken`, …).
    """
    interval = (
        (data.start_time, data.end_time)
        if data.start_time is not None and data.end_time is not None
        else None
    )
    if interval is not None:
        checked_interval(*interval)
    chosen: list[SlotRules] = []
    if interval is not None and user.role == Role.PATIENT.value:
        count_booking(user)
    now = utcnow()

    def apply(session: Session) -> Appointment:
        appointment = load_owned(session, user, appointment_id)
        if expected_sequence is not None and appointment.sequence != expected_sequence:
            raise StaleVersion()
        role = _role_in(user, appointment)
        audit_on_behalf(session, user, appointment, AuditAction.APPOINTMENT_CHANGE)
        before = visit_of(appointment)
        if data.status is not None and data.status not in _ROLE_MAY_SET[role]:
            raise Forbidden()
        if role is Role.PATIENT and appointment.start_time > now:  # started: InvalidTransition
            if interval is not None:
                ensure_patient_may(session, appointment, "reschedule", now)
            elif data.status == S.CANCELLED.value and appointment.status in ACTIVE_STATUSES:
                ensure_patient_may(session, appointment, "cancel", now)
        if interval is not None:
            rules = SlotRules.of(visit_type_of(session, appointment))
            chosen.append(rules)
            updated = _reschedule(session, appointment, role, rules, interval, data.reason, now)
            action = "rescheduled"
        elif data.status == appointment.status and data.reason is not None:
            updated = _edit_reason(session, appointment, role, data.reason, now)
            action = "reason_edited"
        else:
            assert data.status is not None  # the schema demands a status or new times
            action = _action(appointment.status, role, data.status)
            updated = apply_transition(
                session, appointment, role, data.status, now, data.cancellation_message
            )
        if expected_sequence is not None and updated.sequence != expected_sequence + 1:
            raise StaleVersion()  # changed by someone else meanwhile: roll this back
        history.record(session, updated, user.id, action, via=via, note=note)
        if role is Role.RECEPTIONIST:  # the patient's access log shows the front desk's changes
            audited = STAFF_ACTIONS.get(action, AuditAction.APPOINTMENT_CHANGE)
            record_access(session, user, audited, [updated.patient_id], updated.id)
        if action in ("rescheduled", S.CANCELLED.value) and before.start > now:
            signals.slot_freed(session, before, action)  # the waitlist may offer it
        return updated

    try:
        appointment = run(lambda session: present(session, user, [apply(session)])[0])
    except Overlap:
        assert interval is not None
        with transaction(write=False) as session:
            current = load_owned(session, user, appointment_id)
        raise slot_taken(current.doctor_id, current.patient_id, chosen[-1], interval) from None
    log.info(
        "appointment changed",
        extra={"appointment_id": appointment.id, "status": appointment.status},
    )
    return appointment


STAFF_ACTIONS = {
    "rescheduled": AuditAction.APPOINTMENT_RESCHEDULE,
    S.CANCELLED.value: AuditAction.APPOINTMENT_CANCEL,
    S.ARRIVED.value: AuditAction.APPOINTMENT_CHECK_IN,
    S.NO_SHOW.value: AuditAction.APPOINTMENT_NO_SHOW,
}


def _role_in(user: User, appointment: Appointment) -> Role:
    """The part the caller plays in this change: the patient, the doctor or the front desk."""
    if user.role == Role.RECEPTIONIST:
        return Role.RECEPTIONIST
    # A patient acting for another (family) changes it as the patient would.
    return Role.PATIENT if user.role == Role.PATIENT.value else Role.DOCTOR


def _action(before: str, role: Role, status: str) -> str:
    """The history's name of a status change: the doctor accepts or declines a request."""
    if before == S.REQUESTED and role is Role.DOCTOR:
        return {S.SCHEDULED.value: "accepted", S.CANCELLED.value: "declined"}.get(status, status)
    return status


def apply_transition(
    session: Session,
    appointment: Appointment,
    role: Role,
    status: str,
    now: datetime,
    message: str | None = None,
    alternatives: Sequence[tuple[datetime, datetime]] = (),
) -> Appointment:
    """Move `appointment` to `status` as `role` (compare-and-swap) and queue its emails;
    `alternatives` (free times to offer instead) go into a cancellation's patient email."""
    rule = _TRANSITIONS.get((role, status))
    if rule is None:
        raise InvalidTransition()
    if message is not None and role is not Role.DOCTOR:
        raise ValidationFailed({"cancellationMessage": "only the doctor may send a message"})
    conditions: list[ColumnElement[bool]] = [Appointment.status.in_(rule.allowed_from)]
    if rule.before_start:
        conditions.append(Appointment.start_time > now)
    if rule.after_start:
        conditions.append(Appointment.start_time <= now)
    if rule.check_in:
        early = timedelta(minutes=current_app.config["CHECK_IN_EARLY_MINUTES"])
        conditions.append(Appointment.start_time <= now + early)
    values: dict[str, object] = {"status": status, "updated_at": now}
    if status == S.CANCELLED:
        values["cancellation_message"] = (message or "").strip() or None
        values["video_room"] = None  # a cancellation retires the video room
    was_requested = appointment.status == S.REQUESTED  # (reload refreshes `appointment`)
    _compare_and_swap(session, appointment.id, conditions, **values)
    updated = reload(session, appointment.id)
    if status == S.CONFIRMED:
        emails.confirmed(session, updated)
    elif status == S.SCHEDULED:
        emails.accepted(session, updated)
    elif status == S.CANCELLED and was_requested and role is Role.DOCTOR:
        emails.declined(session, updated, message=updated.cancellation_message)
    elif status == S.CANCELLED:
        emails.cancelled(
            session, updated, message=updated.cancellation_message, alternatives=alternatives
        )
    return updated


def visit_type_of(session: Session, appointment: Appointment) -> VisitType:
    """The appointment's visit type (retired or not); the doctor's default type for a
    visit recorded without one."""
    if appointment.visit_type is not None:
        return appointment.visit_type
    return type_for_booking(session, appointment.doctor_id, None)


def _reschedule(
    session: Session,
    appointment: Appointment,
    role: Role,
    rules: SlotRules,
    interval: tuple[datetime, datetime],
    reason: str | None,
    now: datetime,
) -> Appointment:
    """Move the visit, keeping its type. A patient moves it onto a free slot of the type,
    outside its reschedule notice, inside its notice and horizon; the doctor anywhere in
    open hours. The blocked range follows the type's buffers as they are now."""
    conditions: list[ColumnElement[bool]] = [Appointment.status.in_(ACTIVE_STATUSES)]
    if role is Role.PATIENT:
        conditions.append(Appointment.start_time > now)
    if appointment.status not in ACTIVE_STATUSES or (
        role is Role.PATIENT and appointment.start_time <= now
    ):
        raise InvalidTransition()
    start, end = interval
    lock_parties(session, appointment.doctor_id, appointment.patient_id)
    if role is not Role.DOCTOR:  # a free slot of the type, as when booking
        ensure_on_slot_grid(session, appointment.doctor, rules, start, end)
    if role is Role.PATIENT:  # the front desk is not bound by the notice
        ensure_notice(visit_type_of(session, appointment), start, now)
    else:
        ensure_within_open_hours(session, appointment.doctor, start, end)
    blocked = rules.blocked(start, end)
    precheck_free(
        session,
        appointment.doctor_id,
        appointment.patient_id,
        (start, end),
        blocked,
        exclude_id=appointment.id,
    )
    values: dict[str, object] = {
        "start_time": start,
        "end_time": end,
        "blocked_start": blocked[0],
        "blocked_end": blocked[1],
        # A requested visit stays requested when moved: the doctor has not accepted it yet.
        "status": S.REQUESTED.value if appointment.status == S.REQUESTED else S.SCHEDULED.value,
        "updated_at": now,
        "times_set_at": now,
        "patient_confirmed_at": None,  # a new time: the patient has not confirmed it yet
    }
    if reason is not None and role is Role.PATIENT:
        values["reason"] = reason or None
    _compare_and_swap(session, appointment.id, conditions, **values)
    updated = reload(session, appointment.id)
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
    return reload(session, appointment.id)


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
            video_room=None,
        )
        .returning(*emails.visit_columns())
        .execution_options(synchronize_session=False)
    ).all()
    for visit in cancelled:
        emails.cancelled(session, visit, roles=(emails.PATIENT,))
    cache.bump(session, doctor_id)  # no `history.record` here: their slots are free again
    log.info(
        "doctor's appointments cancelled",
        extra={"doctor_id": doctor_id, "reason_code": reason_code, "count": len(cancelled)},
    )
    return len(cancelled)


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
