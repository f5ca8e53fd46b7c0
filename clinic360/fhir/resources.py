"""Clinic360 objects as FHIR R4 resources (fhir.resources.R4B models, so a resource of the
wrong shape cannot be built). Only what the public directory shows: never an email.

Schedules: one per doctor and visit type patients may book online. The doctor's default
type's schedule keeps the doctor's id (`12`, the ids handed out before visit types); each
other type's is `<doctor>-<type>` (`12-34`). A slot's id is its schedule's id, its start and
its end (epoch seconds), so a Slot reference alone says which visit type a booking is of."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.schedule import Schedule

from clinic360.fhir.service_types import ServiceType
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


def schedule_id(doctor_id: int, service: ServiceType | None) -> str:
    """`<doctor>` for the default type (or none offered), `<doctor>-<type>` for another."""
    if service is None or service.is_default:
        return str(doctor_id)
    return f"{doctor_id}-{service.id}"


def schedule(doctor: DoctorView, service: ServiceType | None) -> Schedule:
    """The doctor's bookable calendar of one visit type (`service`; None: the doctor offers
    no default type online, so the calendar has no slots)."""
    kind = f"{service.name} visits" if service else "No visits bookable online"
    return Schedule(
        id=schedule_id(doctor.id, service),
        active=True,
        serviceType=[service.concept()] if service else None,
        actor=[{"reference": f"Practitioner/{doctor.id}", "display": doctor.full_name}],
        comment=f"{kind}; times on the clock of {doctor.timezone}",
    )


def slot_id(doctor_id: int, service: ServiceType, slot: FreeSlot) -> str:
    """Stable while the slot is free: the schedule's id, start and end (epoch seconds)."""
    start, end = int(slot.start.timestamp()), int(slot.end.timestamp())
    return f"{schedule_id(doctor_id, service)}-{start}-{end}"


def slots(doctor_id: int, service: ServiceType, free: list[FreeSlot]) -> list[dict[str, Any]]:
    """Free Slots in their JSON form, not `fhir.resources` models: a slot search answers up
    to FHIR_MAX_COUNT of them (`search.searchset_json`, which writes the slot engine's UTC
    datetimes as `2026-12-01T08:00:00Z`)."""
    schedule = {"reference": f"Schedule/{schedule_id(doctor_id, service)}"}
    service_type = [service.concept_json()]
    return [
        {
            "resourceType": "Slot",
            "id": slot_id(doctor_id, service, slot),
            "schedule": schedule,
            "serviceType": service_type,
            "status": "free",
            "start": slot.start,
            "end": slot.end,
        }
        for slot in free
    ]
