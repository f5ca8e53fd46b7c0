"""`/fhir/R4`: discovery (no login), Practitioner and the patient's AuditEvents, each behind a
bearer token whose SMART scopes cover the interaction (Schedule and Slot: `schedules.py`).
Handlers call the same services as `/api` (the doctor directory), so FHIR never computes
anything its own way."""

from __future__ import annotations

import json

from fhir.resources.R4B.resource import Resource
from flask import Blueprint, Response, request

from clinic360.core.errors import NotFound
from clinic360.fhir import audit_events, capability, resources
from clinic360.fhir.outcome import FHIR_JSON
from clinic360.fhir.search import origin, page, reference_id, searchset
from clinic360.oauth import bearer
from clinic360.schedules import directory

bp = Blueprint("fhir", __name__, url_prefix="/fhir/R4")
SOFTWARE_VERSION = "1.0.0"


def _fhir(resource: Resource, status: int = 200) -> Response:
    return Response(resource.model_dump_json(), status=status, mimetype=FHIR_JSON)


@bp.get("/metadata")
def metadata() -> Response:
    """The CapabilityStatement (public)."""
    return _fhir(capability.capability_statement(origin(), SOFTWARE_VERSION))


@bp.get("/.well-known/smart-configuration")
def smart_configuration() -> Response:
    """SMART App Launch 2.0 discovery (public)."""
    return Response(
        json.dumps(capability.smart_configuration(origin())), mimetype="application/json"
    )


@bp.get("/.well-known/openid-configuration")
def openid_configuration() -> Response:
    """OpenID Connect discovery for the issuer `/fhir/R4` (public)."""
    return Response(
        json.dumps(capability.openid_configuration(origin())), mimetype="application/json"
    )


@bp.get("/Practitioner/<int:id>")
def read_practitioner(id: int) -> Response:
    bearer.require("Practitioner", "r")
    return _fhir(resources.practitioner(directory.get_doctor(None, id)))


@bp.get("/Practitioner")
def search_practitioners() -> Response:
    """By `name` (part of the name) or `_id`, in the directory's order."""
    bearer.require("Practitioner", "s")
    current = page("Practitioner")
    only = reference_id("_id", "Practitioner")
    if only is not None:
        try:
            found = [directory.get_doctor(None, only)]
        except NotFound:
            found = []
        shown = found[current.offset : current.offset + current.count]
        total = len(found)
    else:
        name = (request.args.get("name") or "").strip()[:100] or None
        shown, total = directory.list_doctors(None, name, current.count, current.offset)
    entries = [resources.practitioner(doctor) for doctor in shown]
    return _fhir(searchset("Practitioner", entries, total, current))


@bp.get("/AuditEvent")
def search_audit_events() -> Response:
    """The patient's own access log (a patient's token only: `audit_events.py`)."""
    found, total, current = audit_events.search()
    return _fhir(searchset("AuditEvent", found, total, current))
