"""Appointments as FHIR R4 `Appointment` resources, and what an app's `Appointment` body
asks for (a booking or a cancellation). Shapes only: no database, no rules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fhir.resources.R4B.appointment import Appointment as FhirAppointment
from pydantic import ValidationError

from clinic360.appointments.models import Appointment, AppointmentStatus
from clinic360.core.errors import DomainError, ValidationFailed
from clinic360.core.schemas import format_instant

VISIT_TYPE_SYSTEM = "urn:clinic360:visit-type"

S = AppointmentStatus
TO_FHIR = {
    S.SCHEDULED.value: "booked",
    S.CONFIRMED.value: "booked",
    S.REQUESTED.value: "pending",
    S.ARRIVED.value: "arrived",
    S.COMPLETED.value: "fulfilled",
    S.CANCELLED.value: "cancelled",
    S.NO_SHOW.value: "noshow",
}
FROM_FHIR: dict[str, list[str]] = {}
for _ours, _theirs in TO_FHIR.items():
    FROM_FHIR.setdefault(_theirs, []).append(_ours)


class MalformedBody(DomainError):
    """Not JSON, not an object, or not an Appointment resource (400)."""

    status = 400
    code = "malformed_resource"


def resource(appointment: Appointment) -> FhirAppointment:
    """What an app sees: status, times, the two participants (never the reason)."""
    return FhirAppointment(
        id=str(appointment.id),
        status=TO_FHIR[appointment.status],
        start=format_instant(appointment.start_time),
        end=format_instant(appointment.end_time),
        minutesDuration=int((appointment.end_time - appointment.start_time).total_seconds() // 60),
        serviceType=[_service_type(appointment)] if appointment.visit_type else None,
        participant=[
            {
                "actor": {
                    "reference": f"Patient/{appointment.patient_id}",
                    "display": appointment.patient.full_name,
                },
                "status": "accepted",
            },
            {
                "actor": {
                    "reference": f"Practitioner/{appointment.doctor_id}",
                    "display": appointment.doctor.full_name,
                },
                "status": "accepted",
            },
        ],
    )


def _service_type(appointment: Appointment) -> dict[str, Any]:
    """The visit type, coded as Slot and Schedule code it (`service_types.SYSTEM`)."""
    assert appointment.visit_type is not None
    name = appointment.visit_type.name
    coding = {"system": VISIT_TYPE_SYSTEM, "code": str(appointment.visit_type_id), "display": name}
    return {"coding": [coding], "text": name}


def parse_body(raw: bytes) -> FhirAppointment:
    """The request body as an Appointment: MalformedBody (400) for broken JSON or another
    resourceType, ValidationFailed (422) for an Appointment of the wrong shape."""
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise MalformedBody("The body is not JSON.") from None
    if not isinstance(data, dict):
        raise MalformedBody("The body is not a FHIR resource.")
    if data.get("resourceType") != "Appointment":
        raise MalformedBody("The body must be an Appointment resource.")
    try:
        return FhirAppointment.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
        where = ".".join(str(part) for part in first["loc"]) or "Appointment"
        message = str(first["msg"])[:200]
        raise ValidationFailed({where: message}, "Not a valid Appointment.") from None


@dataclass(frozen=True)
class Booking:
    patient_id: int
    doctor_id: int
    start: datetime
    end: datetime | None
    visit_type_id: int | None  # None: the doctor's default type


def _ref_id(reference: str | None, kind: str) -> int | None:
    if not reference or not reference.startswith(f"{kind}/"):
        return None
    value = reference.removeprefix(f"{kind}/")
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) < 10 else None


def _participant(body: FhirAppointment, kind: str) -> int:
    found = {
        _ref_id(p.actor.reference if p.actor else None, kind) for p in body.participant or []
    } - {None}
    if len(found) != 1:
        raise ValidationFailed(
            {"participant": f"name exactly one {kind}/<id> actor"}, "Missing participant."
        )
    value = found.pop()
    assert value is not None
    return value


def _instant(value: Any, field: str) -> datetime:
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if when.tzinfo is None:
        raise ValidationFailed({field: "needs a time zone"})
    return when.astimezone(UTC)


@dataclass(frozen=True)
class SlotRef:
    doctor_id: int
    visit_type_id: int | None  # None: the default type's schedule (the doctor's own id)
    start: datetime
    end: datetime


def _slot(reference: str) -> SlotRef:
    """`Slot/<doctor>-<start>-<end>` or `Slot/<doctor>-<visit type>-<start>-<end>` (the ids
    `/fhir/R4/Slot` gives: the schedule's id, start and end)."""
    parts = reference.removeprefix("Slot/").split("-")
    if (
        not reference.startswith("Slot/")
        or len(parts) not in (3, 4)
        or not all(p.isascii() and p.isdigit() and 0 < len(p) < 12 for p in parts)
    ):
        raise ValidationFailed({"slot": "must be a Slot/<id> from /fhir/R4/Slot"})
    *ids, start, end = (int(p) for p in parts)
    if any(not 0 < i < 2**31 for i in ids):
        raise ValidationFailed({"slot": "must be a Slot/<id> from /fhir/R4/Slot"})
    visit_type = ids[1] if len(ids) == 2 else None
    return SlotRef(ids[0], visit_type, datetime.fromtimestamp(start, UTC),
                   datetime.fromtimestamp(end, UTC))  # fmt: skip


def _visit_type(body: FhirAppointment) -> int | None:
    """The visit type `serviceType` codes (`urn:clinic360:visit-type|<id>`), if any; codings
    of other systems are ignored."""
    codes = {
        coding.code
        for concept in body.serviceType or []
        for coding in concept.coding or []
        if coding.system == VISIT_TYPE_SYSTEM
    }
    if not codes:
        return None
    code = codes.pop()
    if (
        codes
        or not (code and code.isascii() and code.isdigit() and 0 < len(code) < 10)
        or (int(code) == 0)
    ):
        raise ValidationFailed({"serviceType": f"name one visit type ({VISIT_TYPE_SYSTEM}|<id>)"})
    return int(code)


def booking(body: FhirAppointment) -> Booking:
    """A new booking: status `booked`, a Patient and a Practitioner participant, and either
    start (end optional) or one Slot reference of that practitioner. The visit type: the
    slot's schedule's, else `serviceType` (coded as Slot and Schedule code it), else the
    doctor's default type. ValidationFailed (422)."""
    if body.status != "booked":
        raise ValidationFailed({"status": "a new appointment has status 'booked'"})
    patient_id = _participant(body, "Patient")
    doctor_id = _participant(body, "Practitioner")
    visit_type = _visit_type(body)
    if body.slot:
        if len(body.slot) != 1 or body.start is not None:
            raise ValidationFailed({"slot": "name one slot, or start and end, not both"})
        slot = _slot(body.slot[0].reference or "")
        if slot.doctor_id != doctor_id:
            raise ValidationFailed({"slot": "the slot is not the practitioner's"})
        if slot.visit_type_id is not None:
            if visit_type not in (None, slot.visit_type_id):
                raise ValidationFailed({"serviceType": "differs from the slot's visit type"})
            visit_type = slot.visit_type_id
        return Booking(patient_id, doctor_id, slot.start, slot.end, visit_type)
    if body.start is None:
        raise ValidationFailed({"start": "send start (and end), or a slot"})
    until = _instant(body.end, "end") if body.end is not None else None
    return Booking(patient_id, doctor_id, _instant(body.start, "start"), until, visit_type)


def cancellation_reason(body: FhirAppointment) -> str:
    """An update may only cancel: status `cancelled` with a `cancelationReason`."""
    if body.status != "cancelled":
        raise ValidationFailed(
            {"status": "an update may only set status 'cancelled' (with cancelationReason)"}
        )
    reason = body.cancelationReason
    text = (reason.text or "") if reason else ""
    if not text and reason and reason.coding:
        text = reason.coding[0].display or reason.coding[0].code or ""
    if not text.strip():
        raise ValidationFailed({"cancelationReason": "say why (text or a coding)"})
    return text.strip()[:500]
