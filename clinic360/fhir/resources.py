"""Clinic360 objects as FHIR R4 resources (fhir.resources.R4B models, so a resource of the
wrong shape cannot be built). Only what the public directory shows: never an email."""

from __future__ import annotations

from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.schedule import Schedule
from fhir.resources.R4B.slot import Slot

from clinic360.core.schemas import format_instant
from clinic360.schedules.directory import DoctorView
from clinic360.schedules.slots import Slot as FreeSlot


def practitioner(doctor: DoctorView) -> Practitioner:
    qualification = [{"code": {"text": doctor.specialization}}] if doctor.specialization else None
    return Practitioner(
        id=str(doctor.id),
        active=True,
        name=[{"text": doctor.full_name}],
        qualification=qualification,
        address=[{"text": doctor.address}] if doctor.address else None,
    )


def schedule(doctor: DoctorView) -> Schedule:
    """A doctor's bookable calendar: one per doctor (its id is the doctor's)."""
    return Schedule(
        id=str(doctor.id),
        active=True,
        actor=[{"reference": f"Practitioner/{doctor.id}", "display": doctor.full_name}],
        comment=f"Times on the clock of {doctor.timezone}",
    )


def slot_id(doctor_id: int, slot: FreeSlot) -> str:
    """Stable while the slot is free: doctor, start and end (epoch seconds)."""
    return f"{doctor_id}-{int(slot.start.timestamp())}-{int(slot.end.timestamp())}"


def slot(doctor_id: int, free: FreeSlot) -> Slot:
    return Slot(
        id=slot_id(doctor_id, free),
        schedule={"reference": f"Schedule/{doctor_id}"},
        status="free",
        start=format_instant(free.start),
        end=format_instant(free.end),
    )
