"""A patient's waiting-list entries: join, list, leave; and leaving by booking.

Each public function owns one transaction. An entry names a doctor (and a visit type:
given, else the doctor's default type at joining) or a specialization (any of its doctors,
their default types). Its `id` is the joining order the worker offers slots in.

A guardian or a proxy with `appointments` (`accounts.family`) joins, lists and leaves for the
patient they act for; each of those is in that patient's access log ("X on behalf of Y").
Offers then go to that patient (emails about an unclaimed dependent reach the guardian).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, acted_for, ensure_may_act_for
from clinic360.accounts.models import Specialization, User
from clinic360.appointments.signals import Visit
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.schedules.models import VisitType
from clinic360.schedules.visit_types import type_for_booking
from clinic360.waitlist.errors import WaitlistLimitReached
from clinic360.waitlist.models import PARTS, EntryStatus, OfferStatus, WaitlistEntry
from clinic360.waitlist.offers import claim_offers_of
from clinic360.waitlist.schemas import WaitlistEntryOut, WaitlistJoin

log = logging.getLogger("clinic360.waitlist")
W = EntryStatus


def _out(session: Session, entry: WaitlistEntry) -> WaitlistEntryOut:
    doctor = session.get(User, entry.doctor_id) if entry.doctor_id else None
    specialization = (
        session.get(Specialization, entry.specialization_id) if entry.specialization_id else None
    )
    visit_type = session.get(VisitType, entry.visit_type_id) if entry.visit_type_id else None
    return WaitlistEntryOut(
        id=entry.id,
        doctor_id=entry.doctor_id,
        doctor_name=doctor.full_name if doctor else None,
        specialization_id=entry.specialization_id,
        specialization=specialization.name if specialization else None,
        visit_type_id=entry.visit_type_id,
        visit_type=visit_type.name if visit_type else None,
        date_from=entry.date_from,
        date_to=entry.date_to,
        parts=entry.parts,
        status=entry.status,
        created_at=entry.created_at,
    )


def _for(session: Session, user: User, patient_id: int | None, action: AuditAction) -> User:
    """The patient `user` acts for (themselves by default); acting for someone else is in
    that patient's access log. Raises the family errors (`ensure_may_act_for`)."""
    if patient_id is None or patient_id == user.id:
        return user
    patient = ensure_may_act_for(session, user, patient_id, Capability.APPOINTMENTS)
    record_access(session, user, action, [patient.id])
    return patient


def join(user: User, body: WaitlistJoin) -> WaitlistEntryOut:
    """Add an entry for `user` or (`patientId`) a patient they act for; returns it.

    Raises `ValidationFailed` (unknown or unlisted doctor or specialization, dates in the
    past or beyond WAITLIST_MAX_RANGE_DAYS), `InvalidVisitType`, `WaitlistLimitReached`,
    the family errors.
    """
    today = utcnow().date() - timedelta(days=1)  # the earliest "today" of any zone
    longest: int = current_app.config["WAITLIST_MAX_RANGE_DAYS"]
    if body.date_to < body.date_from:
        raise ValidationFailed({"dateTo": "must not be before dateFrom"})
    if body.date_to < today:
        raise ValidationFailed({"dateTo": "must not be in the past"})
    if (body.date_to - body.date_from).days + 1 > longest:
        raise ValidationFailed({"dateTo": f"the range may cover at most {longest} days"})
    limit: int = current_app.config["WAITLIST_MAX_ENTRIES_PER_PATIENT"]
    with transaction() as session:
        patient = _for(session, user, body.patient_id, AuditAction.WAITLIST_JOIN)
        # The patient's row lock makes the count exact under concurrent joins.
        session.execute(select(User.id).where(User.id == patient.id).with_for_update())
        waiting = session.scalar(
            select(func.count(WaitlistEntry.id)).where(
                WaitlistEntry.patient_id == patient.id, WaitlistEntry.status == W.WAITING.value
            )
        )
        if (waiting or 0) >= limit:
            raise WaitlistLimitReached(limit)
        visit_type_id = None
        if body.doctor_id is not None:
            doctor = session.scalar(
                select(User).where(User.id == body.doctor_id, User.is_active_doctor)
            )
            if doctor is None:
                raise ValidationFailed({"doctorId": "not a doctor patients can book"})
            visit_type = type_for_booking(session, doctor.id, body.visit_type_id)
            if visit_type.bookable_by == "staff_only":
                raise ValidationFailed({"visitTypeId": "not offered online"})
            visit_type_id = visit_type.id
        elif session.get(Specialization, body.specialization_id) is None:
            raise ValidationFailed({"specializationId": "unknown specialization"})
        entry = WaitlistEntry(
            patient_id=patient.id,
            doctor_id=body.doctor_id,
            specialization_id=body.specialization_id,
            visit_type_id=visit_type_id,
            date_from=body.date_from,
            date_to=body.date_to,
            **{part: part in body.parts for part in PARTS},
            status=W.WAITING.value,
        )
        session.add(entry)
        session.flush()
        out = _out(session, entry)
    log.info("waitlist joined", extra={"entry_id": out.id})
    return out


def list_own(user: User, patient_id: int | None = None) -> list[WaitlistEntryOut]:
    """The patient's waiting entries (or those of a patient they act for), in joining order.
    Raises the family errors."""
    acting = patient_id is not None and patient_id != user.id
    with transaction(write=acting) as session:
        patient = _for(session, user, patient_id, AuditAction.WAITLIST_LIST)
        entries = session.scalars(
            select(WaitlistEntry)
            .where(WaitlistEntry.patient_id == patient.id, WaitlistEntry.status == W.WAITING.value)
            .order_by(WaitlistEntry.id)
        ).all()
        return [_out(session, entry) for entry in entries]


def leave(user: User, entry_id: int) -> None:
    """The patient leaves one entry, theirs or of a patient they act for with `appointments`
    (its open offers end too). `NotFound` for anyone else's entry, a missing one, or one no
    longer waiting, alike."""
    from clinic360.waitlist.models import Offer

    now = utcnow()
    with transaction() as session:
        patient_id = session.scalar(
            select(WaitlistEntry.patient_id).where(
                WaitlistEntry.id == entry_id,
                WaitlistEntry.patient_id.in_(acted_for(user.id, Capability.APPOINTMENTS)),
            )
        )
        if patient_id is None:
            raise NotFound()
        left = session.execute(
            update(WaitlistEntry)
            .where(
                WaitlistEntry.id == entry_id,
                WaitlistEntry.patient_id == patient_id,
                WaitlistEntry.status == W.WAITING.value,
            )
            .values(status=W.LEFT.value, closed_at=now)
            .execution_options(synchronize_session=False)
        )
        if left.rowcount != 1:  # type: ignore[attr-defined]
            raise NotFound()
        if patient_id != user.id:
            record_access(session, user, AuditAction.WAITLIST_LEAVE, [patient_id], entry_id)
        session.execute(
            update(Offer)
            .where(Offer.entry_id == entry_id, Offer.status == OfferStatus.OFFERED.value)
            .values(status=OfferStatus.EXPIRED.value, decided_at=now)
            .execution_options(synchronize_session=False)
        )
    log.info("waitlist left", extra={"entry_id": entry_id})


def fulfil_for_booking(session: Session, visit: Visit) -> None:
    """The appointments hook after any booking, in its transaction: the patient's entries
    for that need leave the list (this doctor with this type or with none named, or the
    doctor's specialization), and an offer of exactly this time is claimed."""
    doctor = session.get(User, visit.doctor_id)
    needs = [
        and_(
            WaitlistEntry.doctor_id == visit.doctor_id,
            or_(
                WaitlistEntry.visit_type_id.is_(None),
                WaitlistEntry.visit_type_id == visit.visit_type_id,
            ),
        )
    ]
    if doctor is not None and doctor.specialization_id is not None:
        needs.append(WaitlistEntry.specialization_id == doctor.specialization_id)
    session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.patient_id == visit.patient_id,
            WaitlistEntry.status == W.WAITING.value,
            or_(*needs),
        )
        .values(status=W.FULFILLED.value, closed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    claim_offers_of(session, visit)
