"""Visit types: a doctor's kinds of visit and the booking rules that come with each.

Doctors manage their own types, admins anyone's. Each doctor has one default type (made at
registration by `keep_default_type`, the accounts hook; its length follows the doctor's
`slotMinutes`), used when a booking or a slot query names no type; it is never retired or
deleted. A type appointments use is retired, never deleted: the database's foreign key
refuses the delete (409 `visit_type_in_use`). The patient-side rules of a type (who may
book it, notice, horizon) live here, one function each; appointments calls them. The
cancellation and reschedule windows are read here (`change_notice`) and decided by
`appointments.policy`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, Subquery, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic360.accounts.doctors import set_slot_minutes
from clinic360.accounts.models import DEFAULT_SLOT_MINUTES, Role, User
from clinic360.core.db import db, transaction
from clinic360.core.errors import NotFound
from clinic360.schedules.directory import visible_doctor, visible_to
from clinic360.schedules.errors import (
    InvalidVisitType,
    NoticeTooShort,
    OutsideBookingWindow,
    VisitTypeInUse,
    VisitTypeLimitReached,
    VisitTypeNotBookable,
)
from clinic360.schedules.models import MAX_HORIZON_DAYS, VisitType, name_key
from clinic360.schedules.visit_type_schemas import VisitTypeBody

DEFAULT_NAME = "Consultation"


def _horizon_cap() -> int:
    return min(int(current_app.config["BOOKING_HORIZON_DAYS"]), MAX_HORIZON_DAYS)


# ------------------------------------------------------------------- the default type


def keep_default_type(session: Session, doctor: User) -> None:
    """The accounts hook (`on_doctor_saved`): give the doctor their default type, or make
    its length and grid follow `slot_minutes` when that changed."""
    minutes = doctor.slot_minutes or DEFAULT_SLOT_MINUTES
    default = session.scalar(
        select(VisitType).where(VisitType.doctor_id == doctor.id, VisitType.is_default)
    )
    if default is None:
        session.add(
            VisitType(
                doctor_id=doctor.id,
                name=DEFAULT_NAME,
                duration_minutes=minutes,
                slot_grid_minutes=minutes,
                horizon_days=max(1, _horizon_cap()),
                is_default=True,
                active=True,
            )
        )
    elif default.duration_minutes != minutes:
        default.duration_minutes = default.slot_grid_minutes = minutes


def type_for_booking(session: Session, doctor_id: int, visit_type_id: int | None) -> VisitType:
    """The doctor's active type `visit_type_id`, or their default type when None.

    Raises `InvalidVisitType` (`visitTypeId`) for anything else: another doctor's type, a
    retired or missing one, a doctor without a default type.
    """
    found = session.scalar(select(VisitType).where(bookable_type(doctor_id, visit_type_id)))
    if found is None:
        raise invalid_type()
    return found


def bookable_type(doctor_id: Any, visit_type_id: int | None) -> ColumnElement[bool]:
    """The condition `type_for_booking` selects by: the doctor's (`doctor_id`: an id or a
    column) active type `visit_type_id`, or their default type when None."""
    condition = (
        VisitType.is_default.is_(True) if visit_type_id is None else VisitType.id == visit_type_id
    )
    return and_(VisitType.doctor_id == doctor_id, VisitType.active, condition)


def invalid_type() -> InvalidVisitType:
    return InvalidVisitType({"visitTypeId": "not an active visit type of this doctor"})


def effective_type_id(session: Session, doctor_id: int, visit_type_id: int | None) -> int | None:
    """The type a booked visit is of: `visit_type_id`, or the doctor's default type for a
    visit recorded without one (None when the doctor has none)."""
    if visit_type_id is not None:
        return visit_type_id
    found: int | None = session.scalar(
        select(VisitType.id).where(VisitType.doctor_id == doctor_id, VisitType.is_default)
    )
    return found


def managed_type(session: Session, actor: User, visit_type_id: int) -> VisitType:
    """One type `actor` manages (a doctor's own, any for admins), its doctor row-locked so
    that writes to the type serialise. Raises `NotFound` for anything else."""
    visit_type = _owned(session, actor, visit_type_id)
    _doctor_for(session, actor, visit_type.doctor_id)
    return visit_type


# ----------------------------------------------------------------- patient-side rules


def ensure_patient_may_book(visit_type: VisitType, *, existing_patient: bool) -> None:
    """`VisitTypeNotBookable` unless patients may book this type online: `anyone`, or
    `existing_patients` and the patient already has a visit with the doctor."""
    if visit_type.bookable_by == "anyone":
        return
    if visit_type.bookable_by == "existing_patients" and existing_patient:
        return
    raise VisitTypeNotBookable()


def ensure_notice(visit_type: VisitType, start: datetime, now: datetime) -> None:
    """A patient's new visit starts at least the type's minimum notice after `now`
    (`NoticeTooShort`) and at most its horizon after it (`OutsideBookingWindow`)."""
    if start < now + timedelta(minutes=visit_type.min_notice_minutes):
        raise NoticeTooShort(visit_type.min_notice_minutes)
    if start > now + timedelta(days=visit_type.horizon_days):
        raise OutsideBookingWindow(visit_type.horizon_days)


@dataclass(frozen=True)
class ChangeNotice:
    """How long before a visit patients may still cancel or move it online (hours)."""

    cancel_hours: int
    reschedule_hours: int


def change_notice(session: Session, doctor_id: int, visit_type_id: int | None) -> ChangeNotice:
    """The notice windows of a booked visit's type (retired or not); of the doctor's default
    type for a visit recorded without one; none when the doctor has no type at all.
    `appointments.policy` decides with it: the one rule for every path."""
    condition = (
        VisitType.is_default.is_(True) if visit_type_id is None else VisitType.id == visit_type_id
    )
    row = session.execute(
        select(VisitType.cancel_notice_hours, VisitType.reschedule_notice_hours).where(
            VisitType.doctor_id == doctor_id, condition
        )
    ).first()
    return ChangeNotice(0, 0) if row is None else ChangeNotice(row[0], row[1])


# ------------------------------------------------------------------------- management


def _doctor_for(session: Session, actor: User, doctor_id: int | None) -> User:
    """Whose types `actor` manages, row-locked (serialises the count and the names).

    A doctor: themself (naming another doctor → `NotFound`). An admin: `doctor_id`, which
    must be a doctor (`NotFound`) and is required (`InvalidVisitType`).
    """
    if actor.role == Role.DOCTOR.value:
        if doctor_id not in (None, actor.id):
            raise NotFound()
        doctor_id = actor.id
    elif doctor_id is None:
        raise InvalidVisitType({"doctorId": "is required for administrators"})
    doctor = session.scalar(
        select(User)
        .where(User.id == doctor_id, User.role == Role.DOCTOR.value)
        .with_for_update(key_share=True)
    )
    if doctor is None:
        raise NotFound()
    return doctor


def _owned(session: Session, actor: User, visit_type_id: int) -> VisitType:
    """One type `actor` may manage (the doctor's own; any for admins), else `NotFound`."""
    statement = select(VisitType).where(VisitType.id == visit_type_id)
    if actor.role != Role.ADMIN.value:
        statement = statement.where(VisitType.doctor_id == actor.id)
    found = session.scalar(statement)
    if found is None:
        raise NotFound()
    return found


_ORDER = (VisitType.is_default.desc(), VisitType.active.desc(), VisitType.name_key, VisitType.id)
"""Default first, then active types by name, retired ones last."""


def list_managed(actor: User, doctor_id: int | None) -> list[VisitType]:
    """Every type (active and retired) of the doctor `actor` manages, default first."""
    with transaction(write=False) as session:
        doctor = _doctor_for(session, actor, doctor_id)
        return list(
            session.scalars(
                select(VisitType).where(VisitType.doctor_id == doctor.id).order_by(*_ORDER)
            )
        )


def _offered() -> ColumnElement[bool]:
    """The types patients may book online: active, not `staff_only`."""
    return and_(VisitType.active, VisitType.bookable_by != "staff_only")


def list_offered(viewer: User | None, doctor_id: int) -> list[VisitType]:
    """A visible doctor's active types patients may book online (not `staff_only`), for
    `viewer` (None: a guest)."""
    with transaction(write=False) as session:
        doctor = visible_doctor(session, viewer, doctor_id)
        return list(
            session.scalars(
                select(VisitType)
                .where(VisitType.doctor_id == doctor.id, _offered())
                .order_by(*_ORDER)
            )
        )


def offered_calendar(doctor_id: int) -> tuple[str, list[tuple[int, str, bool]]]:
    """A doctor guests may see: their clock ("UTC" when unset) and `list_offered`'s types
    as (id, name, is_default); NotFound otherwise. One query, in the request's read
    transaction, left open (as loading the current user leaves it): FHIR's Slot search
    continues it into `availability.doctor_slots`, which ends it."""
    rows = db.session.execute(
        select(User.timezone, VisitType.id, VisitType.name, VisitType.is_default)
        .select_from(User)
        .outerjoin(VisitType, and_(VisitType.doctor_id == User.id, _offered()))
        .where(User.id == doctor_id, visible_to(None))
        .order_by(*_ORDER)
    ).all()
    if not rows:
        raise NotFound()
    types = [(row.id, row.name, bool(row.is_default)) for row in rows if row.id is not None]
    return rows[0].timezone or "UTC", types


def _values(body: VisitTypeBody) -> dict[str, object]:
    cap = _horizon_cap()
    if body.horizon_days is not None and body.horizon_days > cap:
        raise InvalidVisitType({"horizonDays": f"must be at most {cap} (BOOKING_HORIZON_DAYS)"})
    return {
        "name": body.name,
        "description": (body.description or "").strip() or None,
        "duration_minutes": body.duration_minutes,
        "slot_grid_minutes": body.slot_grid_minutes or body.duration_minutes,
        "buffer_before_minutes": body.buffer_before_minutes,
        "buffer_after_minutes": body.buffer_after_minutes,
        "min_notice_minutes": body.min_notice_minutes,
        "horizon_days": body.horizon_days or max(1, cap),
        "cancel_notice_hours": body.cancel_notice_hours,
        "reschedule_notice_hours": body.reschedule_notice_hours,
        "bookable_by": body.bookable_by,
        "channel": body.channel,
        "colour": body.colour,
        "active": body.active,
    }


def _ensure_name_free(
    session: Session, doctor_id: int, name: str, exclude_id: int | None = None
) -> None:
    """Names are unique among a doctor's active types, ignoring case."""
    statement = select(VisitType.id).where(
        VisitType.doctor_id == doctor_id, VisitType.active, VisitType.name_key == name_key(name)
    )
    if exclude_id is not None:
        statement = statement.where(VisitType.id != exclude_id)
    if session.scalar(statement.limit(1)) is not None:
        raise InvalidVisitType({"name": "another active visit type has this name"})


def create(actor: User, body: VisitTypeBody) -> VisitType:
    """A new type for the doctor (admins: `doctorId`). Raises `NotFound`, `InvalidVisitType`
    (name taken, horizon too far, admin without doctorId), `VisitTypeLimitReached`."""
    with transaction() as session:
        doctor = _doctor_for(session, actor, body.doctor_id)
        limit: int = current_app.config["MAX_VISIT_TYPES_PER_DOCTOR"]
        count = session.scalar(select(func.count()).where(VisitType.doctor_id == doctor.id))
        if (count or 0) >= limit:
            raise VisitTypeLimitReached(limit)
        values = _values(body)
        if body.active:
            _ensure_name_free(session, doctor.id, body.name)
        visit_type = VisitType(doctor_id=doctor.id, is_default=False, **values)
        session.add(visit_type)
        session.flush()
        return visit_type


def update(actor: User, visit_type_id: int, body: VisitTypeBody) -> VisitType:
    """Replace a type's fields. Booked appointments keep their times and blocked ranges.

    The default type cannot be retired; its length is the doctor's `slotMinutes` too.
    Raises `NotFound`, `InvalidVisitType`.
    """
    with transaction() as session:
        visit_type = _owned(session, actor, visit_type_id)
        _doctor_for(session, actor, visit_type.doctor_id)  # the row lock
        values = _values(body)
        if visit_type.is_default and not body.active:
            raise InvalidVisitType({"active": "the default visit type cannot be retired"})
        if body.active:
            _ensure_name_free(session, visit_type.doctor_id, body.name, visit_type.id)
        if visit_type.is_default and body.duration_minutes != visit_type.duration_minutes:
            set_slot_minutes(session, visit_type.doctor_id, body.duration_minutes)
        for field, value in values.items():
            setattr(visit_type, field, value)
        session.flush()
        return visit_type


def delete(actor: User, visit_type_id: int) -> None:
    """Delete a type no appointment uses. Raises `NotFound`, `InvalidVisitType` (the
    default type), `VisitTypeInUse` (appointments name it: retire it instead)."""
    try:
        with transaction() as session:
            visit_type = _owned(session, actor, visit_type_id)
            if visit_type.is_default:
                raise InvalidVisitType({"visitTypeId": "the default visit type stays"})
            session.delete(visit_type)
            session.flush()  # the appointments' foreign key decides
    except IntegrityError:
        raise VisitTypeInUse() from None


def cancel_notices() -> Subquery:
    """Every visit type's cancellation notice (`id`, `cancel_notice_hours`), as a subquery
    other domains join in their own aggregates (the reports' late cancellations)."""
    return select(VisitType.id, VisitType.cancel_notice_hours).subquery("cancel_notices")


def names_of(session: Session, visit_type_ids: Iterable[int]) -> dict[int, str]:
    """The names of these visit types (retired ones too; one read)."""
    ids = list(set(visit_type_ids))
    if not ids:
        return {}
    rows = session.execute(select(VisitType.id, VisitType.name).where(VisitType.id.in_(ids)))
    return {int(type_id): name for type_id, name in rows}
