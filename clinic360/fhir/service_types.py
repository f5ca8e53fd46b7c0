"""Visit types as the Slot's `service-type`: the search parameter (`?service-type=<id>` or
`<system>|<id>`, the id of one of the doctor's visit types, as the web app's
`/api/doctors/:id/slots?visitType=<id>`) and the `serviceType` each Slot carries (the type
the slot is of: the requested one, else the doctor's default type). Only the types patients
may book online are offered (`visit_types.list_offered`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.codeableconcept import CodeableConcept
from flask import request

from clinic360.fhir.appointment_shape import VISIT_TYPE_SYSTEM
from clinic360.fhir.search import BadSearch
from clinic360.schedules import visit_types

SYSTEM = VISIT_TYPE_SYSTEM
PARAMETER = "service-type"
NO_MATCH = 0
"""A `service-type` of another code system: no visit type has id 0, so nothing matches."""


@dataclass(frozen=True)
class ServiceType:
    id: int
    name: str
    is_default: bool

    def concept(self) -> CodeableConcept:
        return CodeableConcept(**self.concept_json())

    def concept_json(self) -> dict[str, Any]:
        """The type as a CodeableConcept in its JSON form (for `resources.slots`)."""
        return {"coding": [{"system": SYSTEM, "code": str(self.id), "display": self.name}]}


def requested() -> int | None:
    """The visit type id `service-type` names; None when absent; BadSearch when malformed."""
    raw = request.args.get(PARAMETER)
    if raw is None:
        return None
    system, bar, code = raw.rpartition("|")
    if not code.isascii() or not code.isdigit() or not 0 < len(code) < 10:
        raise BadSearch(f"{PARAMETER} must be a visit type id ({SYSTEM}|<id>)")
    if bar and system not in ("", SYSTEM):
        return NO_MATCH
    return int(code)


def offered(doctor_id: int) -> dict[int, ServiceType]:
    """The doctor's visit types patients may book online, by id."""
    return {
        found.id: ServiceType(found.id, found.name, bool(found.is_default))
        for found in visit_types.list_offered(None, doctor_id)
    }


def calendar(doctor_id: int) -> tuple[str, dict[int, ServiceType]]:
    """The doctor's clock and `offered` types; NotFound when guests may not see the doctor.
    In the request's open read transaction (`visit_types.offered_calendar`)."""
    zone, found = visit_types.offered_calendar(doctor_id)
    return zone, {ident: ServiceType(ident, name, default) for ident, name, default in found}


def chosen(types: dict[int, ServiceType], wanted: int | None) -> ServiceType | None:
    """The type the slots are of: `wanted`, or the default type (None when not offered)."""
    if wanted is not None:
        return types.get(wanted)
    return next((t for t in types.values() if t.is_default), None)
