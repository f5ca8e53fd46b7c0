"""Claiming an offer through its link, without logging in.

Every call is counted per client address first (WAITLIST_CLAIMS_PER_ADDRESS_HOUR), known
link or not. A token that is not genuine, an expired offer and an offer the patient left
are `NotFound` alike. The claim books through the normal booking path
(`appointments.booking.book`) for the offer's patient, so the database decides between
racing claimers; its hook (`entries.fulfil_for_booking`) marks the offer claimed, fills
the slot and ends the other offers in the booking's transaction. A later claimer gets
`OfferTaken` and stays on the list.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from clinic360.accounts.models import User
from clinic360.appointments.booking import book
from clinic360.appointments.errors import InPast, SlotTaken
from clinic360.appointments.models import Appointment
from clinic360.appointments.schemas import AppointmentCreate
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.core.ratelimit import check
from clinic360.waitlist import links
from clinic360.waitlist.errors import OfferTaken
from clinic360.waitlist.models import FreedSlot, Offer, OfferStatus, SlotStatus

log = logging.getLogger("clinic360.waitlist")


@dataclass(frozen=True)
class ClaimState:
    """What the claim page shows (serialised by `ClaimOut`)."""

    status: str
    start_time: datetime
    end_time: datetime
    doctor_name: str
    timezone: str
    expires_at: datetime
    appointment_id: int | None = None


@dataclass(frozen=True)
class _Found:
    offer: Offer
    slot: FreedSlot
    doctor: User


def _count(address: str) -> datetime:
    check(
        "waitlist-claim-address",
        address,
        limit=current_app.config["WAITLIST_CLAIMS_PER_ADDRESS_HOUR"],
        window=timedelta(hours=1),
    )
    return utcnow()


def _resolve(token: str, now: datetime) -> _Found:
    parsed = links.parse(token)
    if parsed is None:
        raise NotFound()
    with transaction(write=False) as session:
        offer = session.get(Offer, parsed[0])
        if offer is None or not links.genuine(offer.id, offer.patient_id, parsed[1]):
            raise NotFound()
        if offer.status == OfferStatus.EXPIRED.value or (
            offer.status == OfferStatus.OFFERED.value and offer.expires_at <= now
        ):
            raise NotFound()
        slot = session.get(FreedSlot, offer.slot_id)
        doctor = session.get(User, slot.doctor_id) if slot else None
        if slot is None or doctor is None:
            raise NotFound()
        return _Found(offer, slot, doctor)


def _state(found: _Found, status: str, appointment_id: int | None = None) -> ClaimState:
    return ClaimState(
        status=status,
        start_time=found.slot.start_time,
        end_time=found.slot.end_time,
        doctor_name=found.doctor.full_name,
        timezone=found.doctor.timezone,
        expires_at=found.offer.expires_at,
        appointment_id=appointment_id,
    )


def _status(found: _Found) -> str:
    if found.offer.status == OfferStatus.CLAIMED.value:
        return "claimed"
    if found.offer.status == OfferStatus.TAKEN.value or found.slot.status != SlotStatus.OPEN.value:
        return "taken"
    return "open"


def _booked_id(found: _Found) -> int | None:
    with transaction(write=False) as session:
        return session.scalar(
            select(Appointment.id).where(
                Appointment.patient_id == found.offer.patient_id,
                Appointment.doctor_id == found.slot.doctor_id,
                Appointment.start_time == found.slot.start_time,
            )
        )


def view(token: str, address: str) -> ClaimState:
    """The offer of a claim link: when, with whom, and whether it is still open.
    Raises `NotFound` (unknown, altered, expired), `RateLimited`."""
    found = _resolve(token, _count(address))
    status = _status(found)
    return _state(found, status, _booked_id(found) if status == "claimed" else None)


def claim(token: str, address: str) -> ClaimState:
    """Book the offered time for the offer's patient; returns the claimed state.

    Raises `NotFound`, `RateLimited`, `OfferTaken` (someone was quicker, or the time was
    booked otherwise: the patient stays on the list), and the booking errors that are the
    patient's own (`AppointmentLimitReached`, …).
    """
    found = _resolve(token, _count(address))
    status = _status(found)
    if status == "claimed":
        return _state(found, status, _booked_id(found))
    if status == "taken":
        raise OfferTaken()
    with transaction(write=False) as session:
        patient = session.get(User, found.offer.patient_id)
    assert patient is not None  # users are never deleted
    data = AppointmentCreate(
        doctor_id=found.slot.doctor_id,
        visit_type_id=found.slot.visit_type_id,
        start_time=found.slot.start_time,
        end_time=found.slot.end_time,
    )
    try:
        appointment = book(patient, data)
    except (SlotTaken, InPast):
        _taken(found.offer.id)
        raise OfferTaken() from None
    log.info("waitlist offer claimed", extra={"offer_id": found.offer.id})
    return _state(found, "claimed", appointment.id)


def _taken(offer_id: int) -> None:
    with transaction() as session:
        session.execute(
            update(Offer)
            .where(Offer.id == offer_id, Offer.status == OfferStatus.OFFERED.value)
            .values(status=OfferStatus.TAKEN.value, decided_at=utcnow())
            .execution_options(synchronize_session=False)
        )
