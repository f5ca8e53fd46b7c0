"""Offering freed slots to waitlisted patients: the worker's periodic cycle.

A freed slot is recorded in the transaction that freed it (`record_freed`, the
appointments hook), so none is lost; a change of a doctor's hours (new opening hours,
time off removed) records a hint (`record_schedule_change`, the schedules hook) that the
cycle expands into the earliest free times the doctor's waiting entries want
(`opened.py`). Every minute of each worker (`run_offer_cycle`, registered with
`notifications.worker.add_periodic_scan`), in one transaction that locks the open slots
it works on (`FOR UPDATE SKIP LOCKED`; SQLite serialises writers):
1. offers whose time is up become `expired`;
2. each open slot still free (the free-slot engine, with the type's notice) is offered to
   the next waiting entries that match it, in joining order, until
   WAITLIST_OFFERS_PER_SLOT offers are open; a slot no longer free, started, or with no
   one left to offer it to is closed (its open offers become `taken`).
Each offer is one email (`notify`) with a claim link (`links.py`) derived at render time.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from clinic360.accounts.contacts import sms_recipients
from clinic360.accounts.models import User
from clinic360.appointments.signals import Visit
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.schemas import format_instant
from clinic360.outbox.enqueue import NewEmail, enqueue
from clinic360.outbox.models import Channel, EmailKind
from clinic360.schedules.availability import is_free_slot, zone_of
from clinic360.schedules.models import VisitType
from clinic360.schedules.slots import Slot, SlotRules
from clinic360.waitlist.links import claim_url
from clinic360.waitlist.models import (
    EntryStatus,
    FreedSlot,
    Offer,
    OfferStatus,
    SlotStatus,
    WaitlistEntry,
    part_of_day,
)
from clinic360.waitlist.opened import HOURS, times_opened

log = logging.getLogger("clinic360.waitlist")


def record_freed(session: Session, visit: Visit, cause: str) -> None:
    """The appointments hook: `visit`'s interval is free again (in the freeing transaction)."""
    session.add(
        FreedSlot(
            doctor_id=visit.doctor_id,
            visit_type_id=visit.visit_type_id,
            start_time=visit.start,
            end_time=visit.end,
            cause=cause,
            status=SlotStatus.OPEN.value,
        )
    )


def run_offer_cycle(now: datetime | None = None) -> int:
    """Expire offers whose time is up and offer the open slots to the next patients; returns
    how many offers were made."""
    now = now or utcnow()
    made = 0
    with transaction() as session:
        session.execute(
            update(Offer)
            .where(Offer.status == OfferStatus.OFFERED.value, Offer.expires_at <= now)
            .values(status=OfferStatus.EXPIRED.value, decided_at=now)
            .execution_options(synchronize_session=False)
        )
        slots = session.scalars(
            select(FreedSlot)
            .where(FreedSlot.status == SlotStatus.OPEN.value)
            .order_by(FreedSlot.id)
            .with_for_update(skip_locked=True)
        ).all()
        pending = list(slots)
        while pending:
            slot = pending.pop(0)
            if slot.cause == HOURS:
                pending.extend(times_opened(session, slot, now))
            else:
                made += _offer_slot(session, slot, now)
    if made:
        log.info("waitlist offers made", extra={"count": made})
    return made


def _close(session: Session, slot: FreedSlot, now: datetime) -> int:
    slot.status, slot.closed_at = SlotStatus.CLOSED.value, now
    _end_open_offers(session, slot.id, now)
    return 0


def _end_open_offers(session: Session, slot_id: int, now: datetime) -> None:
    session.execute(
        update(Offer)
        .where(Offer.slot_id == slot_id, Offer.status == OfferStatus.OFFERED.value)
        .values(status=OfferStatus.TAKEN.value, decided_at=now)
        .execution_options(synchronize_session=False)
    )


def _visit_type(session: Session, slot: FreedSlot) -> VisitType | None:
    if slot.visit_type_id is not None:
        found = session.get(VisitType, slot.visit_type_id)
        return found if found is not None and found.active else None
    return session.scalar(
        select(VisitType).where(
            VisitType.doctor_id == slot.doctor_id, VisitType.is_default.is_(True), VisitType.active
        )
    )


def _offer_slot(session: Session, slot: FreedSlot, now: datetime) -> int:
    doctor = session.get(User, slot.doctor_id)
    visit_type = _visit_type(session, slot)
    if slot.start_time <= now or doctor is None or not doctor.is_active_doctor or not visit_type:
        return _close(session, slot, now)
    if visit_type.bookable_by == "staff_only":
        return _close(session, slot, now)
    wanted = Slot(slot.start_time, slot.end_time)
    if not is_free_slot(session, doctor, SlotRules.of(visit_type), wanted):
        return _close(session, slot, now)  # booked meanwhile, hours closed, or inside notice
    earlier = session.execute(
        select(Offer.entry_id, Offer.status, Offer.patient_id).where(Offer.slot_id == slot.id)
    ).all()
    offered = {entry_id: status for entry_id, status, _ in earlier}
    room = current_app.config["WAITLIST_OFFERS_PER_SLOT"] - sum(
        1 for status in offered.values() if status == OfferStatus.OFFERED.value
    )
    if room <= 0:
        return 0
    local = slot.start_time.astimezone(zone_of(doctor))
    needs = [WaitlistEntry.doctor_id == doctor.id]
    if doctor.specialization_id is not None:
        needs.append(WaitlistEntry.specialization_id == doctor.specialization_id)
    candidates = session.scalars(
        select(WaitlistEntry)
        .where(
            WaitlistEntry.status == EntryStatus.WAITING.value,
            or_(*needs),
            WaitlistEntry.date_from <= local.date(),
            WaitlistEntry.date_to >= local.date(),
            getattr(WaitlistEntry, part_of_day(local.hour)).is_(True),
        )
        .order_by(WaitlistEntry.id)
    ).all()
    patients = {patient_id for _, _, patient_id in earlier}
    chosen: list[WaitlistEntry] = []
    for entry in candidates:
        if len(chosen) == room:
            break
        same_type = entry.visit_type_id == visit_type.id or (
            entry.visit_type_id is None and visit_type.is_default
        )
        if entry.id in offered or entry.patient_id in patients or not same_type:
            continue
        patients.add(entry.patient_id)
        chosen.append(entry)
    if not chosen:
        if len(offered) == 0 or room == current_app.config["WAITLIST_OFFERS_PER_SLOT"]:
            return _close(session, slot, now)  # no one (left) to offer it to
        return 0
    expires = now + timedelta(minutes=current_app.config["WAITLIST_OFFER_MINUTES"])
    offers = [
        Offer(
            slot_id=slot.id,
            entry_id=entry.id,
            patient_id=entry.patient_id,
            status=OfferStatus.OFFERED.value,
            offered_at=now,
            expires_at=expires,
        )
        for entry in chosen
    ]
    session.add_all(offers)
    session.flush()  # one INSERT … RETURNING for the ids the emails name
    texted = sms_recipients(session, {offer.patient_id for offer in offers})  # one query
    for offer in offers:
        notify(session, offer, slot, by_sms=offer.patient_id in texted)
    return len(offers)


def notify(session: Session, offer: Offer, slot: FreedSlot, *, by_sms: bool) -> None:
    """Tell the patient of `offer`: one email with the time, the doctor and the claim link
    (derived when the email is rendered; no PHI in the payload), and, `by_sms` (the patient
    opted in to text messages), the same offer by SMS (clinic, time and link only)."""
    email = NewEmail(
        kind=EmailKind.WAITLIST_OFFER,
        recipient_id=offer.patient_id,
        idempotency_key=f"waitlist-offer:{offer.id}",
        params={
            "offerId": str(offer.id),
            "doctorId": str(slot.doctor_id),
            "start": format_instant(slot.start_time),
            "end": format_instant(slot.end_time),
        },
    )
    enqueue(session, email)
    if by_sms:
        key = f"{email.idempotency_key}:sms"
        enqueue(session, replace(email, idempotency_key=key, channel=Channel.SMS))


def claim_offers_of(session: Session, visit: Visit) -> None:
    """After any booking (in its transaction): the patient's open offer of exactly this
    time is claimed; its slot is filled and the slot's other open offers are taken."""
    now = utcnow()
    mine = session.execute(
        select(Offer.id, Offer.slot_id)
        .join(FreedSlot, FreedSlot.id == Offer.slot_id)
        .where(
            Offer.patient_id == visit.patient_id,
            Offer.status == OfferStatus.OFFERED.value,
            FreedSlot.doctor_id == visit.doctor_id,
            FreedSlot.start_time == visit.start,
            FreedSlot.status == SlotStatus.OPEN.value,
        )
    ).all()
    for offer_id, slot_id in mine:
        session.execute(
            update(Offer)
            .where(Offer.id == offer_id)
            .values(status=OfferStatus.CLAIMED.value, decided_at=now)
            .execution_options(synchronize_session=False)
        )
        _end_open_offers(session, slot_id, now)
        session.execute(
            update(FreedSlot)
            .where(FreedSlot.id == slot_id)
            .values(status=SlotStatus.FILLED.value, closed_at=now)
            .execution_options(synchronize_session=False)
        )


def claim_link(session: Session, offer_id: int, now: datetime) -> str | None:
    """The relay's question when rendering an offer email: its claim link while the offer
    is open, else None (the email is skipped)."""
    offer = session.get(Offer, offer_id)
    if offer is None or offer.status != OfferStatus.OFFERED.value or offer.expires_at <= now:
        return None
    return claim_url(offer.id, offer.patient_id)
