"""`/fhir/R4/PractitionerRole`: one role per listable doctor (its id is the doctor's), the
specialty from the specialization list. Public directory data, through `schedules.directory`."""

from __future__ import annotations

from fhir.resources.R4B.practitionerrole import PractitionerRole
from flask import Blueprint, Response, request

from clinic360.core.errors import NotFound
from clinic360.fhir.outcome import FHIR_JSON
from clinic360.fhir.search import BadSearch, page, reference_id, searchset
from clinic360.oauth import bearer
from clinic360.schedules import directory
from clinic360.schedules.directory import DoctorView

bp = Blueprint("fhir_roles", __name__, url_prefix="/fhir/R4")
SPECIALTY_SYSTEM = "urn:clinic360:specialization"


def role(doctor: DoctorView) -> PractitionerRole:
    specialty = None
    if doctor.specialization:
        coding = {"system": SPECIALTY_SYSTEM, "code": str(doctor.specialization_id),
                  "display": doctor.specialization}  # fmt: skip
        specialty = [{"coding": [coding], "text": doctor.specialization}]
    return PractitionerRole(
        id=str(doctor.id),
        active=True,
        practitioner={"reference": f"Practitioner/{doctor.id}", "display": doctor.full_name},
        specialty=specialty,
        availableTime=None,
    )


def _has(doctor: DoctorView, specialty: int | str | None) -> bool:
    if specialty is None:
        return True
    if isinstance(specialty, int):
        return doctor.specialization_id == specialty
    return (doctor.specialization or "").casefold() == specialty.casefold()


@bp.get("/PractitionerRole/<int:id>")
def read_role(id: int) -> Response:
    bearer.require("PractitionerRole", "r")
    return Response(role(directory.get_doctor(None, id)).model_dump_json(), mimetype=FHIR_JSON)


@bp.get("/PractitionerRole")
def search_roles() -> Response:
    """By `practitioner` (Practitioner/<id>) or `specialty` (the specialization's id or name,
    optionally `system|code`), in the directory's order."""
    bearer.require("PractitionerRole", "s")
    current = page("PractitionerRole")
    doctor_id = reference_id("practitioner", "Practitioner")
    raw = (request.args.get("specialty") or "").rpartition("|")[2].strip()[:100]
    specialty: int | str | None = raw or None
    if raw.isascii() and raw.isdigit():
        if len(raw) > 9:
            raise BadSearch("specialty must be a specialization id or name")
        specialty = int(raw)
    if doctor_id is not None:
        try:
            found = [directory.get_doctor(None, doctor_id)]
        except NotFound:
            found = []
        found = [d for d in found if _has(d, specialty)]
        shown, total = found[current.offset : current.offset + current.count], len(found)
    else:
        shown, total = directory.list_doctors(specialty, None, current.count, current.offset)
    bundle = searchset("PractitionerRole", [role(d) for d in shown], total, current)
    return Response(bundle.model_dump_json(), mimetype=FHIR_JSON)
