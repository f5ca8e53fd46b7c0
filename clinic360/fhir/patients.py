"""`/fhir/R4/Patient`: read and search, only the patients the token reaches
(`compartment.patients_reached`), each answer in the patients' access logs naming the app."""

from __future__ import annotations

from fhir.resources.R4B.patient import Patient
from flask import Blueprint, Response, request
from sqlalchemy import func, select

from clinic360.accounts.family import Capability
from clinic360.accounts.models import Role, User
from clinic360.audit.models import AuditAction
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.fhir.compartment import audit, patients_reached
from clinic360.fhir.outcome import FHIR_JSON
from clinic360.fhir.search import date_bounds, page, reference_id, searchset
from clinic360.oauth import bearer
from clinic360.records.patients import LIKE_ESCAPE, escape_like

bp = Blueprint("fhir_patients", __name__, url_prefix="/fhir/R4")


def patient_resource(user: User) -> Patient:
    return Patient(
        id=str(user.id),
        active=True,
        name=[{"text": user.full_name}],
        telecom=[{"system": "email", "value": user.email}] if user.email else None,
        birthDate=user.date_of_birth.isoformat() if user.date_of_birth else None,
    )


@bp.get("/Patient/<int:id>")
def read_patient(id: int) -> Response:
    """One patient the token reaches; 404 (as for a missing one) otherwise."""
    access = bearer.require("Patient", "r")
    with transaction() as session:
        patient = session.scalar(
            select(User).where(
                User.id == id,
                User.role == Role.PATIENT.value,
                patients_reached(access, User.id, Capability.RECORDS),
            )
        )
        if patient is None:
            raise NotFound()
        audit(session, access, AuditAction.PATIENT_READ, [patient])
        resource = patient_resource(patient)
    return Response(resource.model_dump_json(), mimetype=FHIR_JSON)


@bp.get("/Patient")
def search_patients() -> Response:
    """By `_id`, `name` (part of the name), `birthdate` (with ge/gt/le/lt), by name then id."""
    access = bearer.require("Patient", "s")
    current = page("Patient")
    conditions = [
        User.role == Role.PATIENT.value,
        patients_reached(access, User.id, Capability.RECORDS),
    ]
    only = reference_id("_id", "Patient")
    if only is not None:
        conditions.append(User.id == only)
    name = (request.args.get("name") or "").strip()[:100]
    if name:
        pattern = f"%{escape_like(name.lower())}%"
        conditions.append(func.lower(User.full_name).like(pattern, escape=LIKE_ESCAPE))
    born = date_bounds("birthdate")
    if born.lower is not None:
        conditions.append(User.date_of_birth >= born.lower.date())
    if born.upper is not None:
        conditions.append(User.date_of_birth < born.upper.date())
    with transaction() as session:
        total = session.scalar(select(func.count(User.id)).where(*conditions)) or 0
        found = list(
            session.scalars(
                select(User)
                .where(*conditions)
                .order_by(func.lower(User.full_name), User.id)
                .limit(current.count)
                .offset(current.offset)
            )
        )
        audit(session, access, AuditAction.PATIENT_LIST, found)
        entries = [patient_resource(p) for p in found]
    bundle = searchset("Patient", entries, total, current)
    return Response(bundle.model_dump_json(), mimetype=FHIR_JSON)
