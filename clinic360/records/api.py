"""Records and patients endpoints: validate, authorise (role), call one service, serialise.

Object-level rules (care relationship, authorship) live in `care` and `service`.
"""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.core.http import json_response
from clinic360.core.schemas import Page
from clinic360.records import patients, service
from clinic360.records.fhir import FHIR_JSON, bundle_json
from clinic360.records.record_writes import RecordCreate, RecordWritten
from clinic360.records.schemas import (
    IdPath,
    PatientList,
    PatientOut,
    PatientSearch,
    RecordAmend,
    RecordList,
    RecordVersionList,
)

records_bp = APIBlueprint("records", __name__, url_prefix="/api", abp_tags=[Tag(name="records")])
patients_bp = APIBlueprint("patients", __name__, url_prefix="/api", abp_tags=[Tag(name="patients")])

_PATIENT_READERS = (Role.PATIENT, Role.DOCTOR)


@records_bp.post("/records", responses={201: RecordWritten})
def create_record(body: RecordCreate) -> Response:
    """Write a record for a patient in the caller's care (doctor); optionally tied to one of
    their appointments with that patient (else 422)."""
    doctor = require_user(Role.DOCTOR)
    return json_response(service.create_record(doctor, body), 201)


@records_bp.get("/records/<int:id>", responses={200: RecordList})
def list_records(path: IdPath, query: Page) -> Response:
    """The records of patient `:id`, newest first: that patient, or a doctor in their care
    (others 404)."""
    user = require_user(*_PATIENT_READERS)
    records, total = service.list_records(user, path.id, query.limit, query.offset)
    return json_response(records, total=total)


@records_bp.put("/records/<int:id>", responses={200: RecordWritten})
def amend_record(path: IdPath, body: RecordAmend) -> Response:
    """Amend record `:id` (its author only; `reason` required): a new version, the old kept."""
    doctor = require_user(Role.DOCTOR)
    return json_response(service.amend_record(doctor, path.id, body))


@records_bp.get("/records/<int:id>/history", responses={200: RecordVersionList})
def record_history(path: IdPath) -> Response:
    """Every version of record `:id`, oldest first (same readers as the records list)."""
    user = require_user(*_PATIENT_READERS)
    return json_response(service.record_history(user, path.id))


@patients_bp.get("/patients", responses={200: PatientList})
def list_patients(query: PatientSearch) -> Response:
    """The caller's patients (doctor), by name; `q` searches name, email and username."""
    doctor = require_user(Role.DOCTOR)
    items, total = patients.list_patients(doctor, query.q, query.limit, query.offset)
    return json_response(items, total=total)


@patients_bp.get("/patients/<int:id>", responses={200: PatientOut})
def get_patient(path: IdPath) -> Response:
    """Patient `:id` with the appointments the caller may see: the patient, or a doctor in
    their care."""
    user = require_user(*_PATIENT_READERS)
    return json_response(patients.get_patient(user, path.id))


@patients_bp.get("/patients/<int:id>/fhir", responses={200: None})
def export_fhir(path: IdPath) -> Response:
    """Patient `:id`'s data as a FHIR R4 Bundle (`application/fhir+json`, an attachment)."""
    user = require_user(*_PATIENT_READERS)
    bundle = patients.export_fhir(user, path.id)
    response = Response(bundle_json(bundle), mimetype=FHIR_JSON)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="clinic360-patient-{path.id}.fhir.json"'
    )
    return response
