"""`/fhir/R4`: discovery (no login) and the first resources, each behind a bearer token whose
SMART scopes cover the interaction. Handlers call the same services as `/api` (the doctor
directory, the slot engine), so FHIR never computes anything its own way."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from fhir.resources.R4B.resource import Resource
from flask import Blueprint, Response, request

from clinic360.core.clock import utcnow
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.fhir import audit_events, capability, resources, service_types
from clinic360.fhir.outcome import FHIR_JSON
from clinic360.fhir.search import BadSearch, date_bounds, origin, page, reference_id, searchset
from clinic360.oauth import bearer
from clinic360.schedules import availability, directory
from clinic360.schedules.slots import local_date

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
    current = page()
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


@bp.get("/Schedule/<int:id>")
def read_schedule(id: int) -> Response:
    bearer.require("Schedule", "r")
    return _fhir(resources.schedule(directory.get_doctor(None, id)))


@bp.get("/Schedule")
def search_schedules() -> Response:
    """By `actor` (Practitioner/<id>) or `_id`; one schedule per doctor."""
    bearer.require("Schedule", "s")
    current = page()
    doctor_id = reference_id("actor", "Practitioner") or reference_id("_id", "Schedule")
    if doctor_id is None:
        raise BadSearch("name the schedule's actor (Practitioner/<id>) or _id")
    try:
        found = [resources.schedule(directory.get_doctor(None, doctor_id))]
    except NotFound:
        found = []
    shown = found[current.offset : current.offset + current.count]
    return _fhir(searchset("Schedule", shown, len(found), current))


@bp.get("/Slot")
def search_slots() -> Response:
    """Free slots of one schedule (`schedule`, required), within `start` bounds, of one visit
    type (`service-type`, default: the doctor's default type), computed by the slot engine
    behind `/api/doctors/:id/slots`."""
    bearer.require("Slot", "s")
    current = page()
    doctor_id = reference_id("schedule", "Schedule")
    if doctor_id is None:
        raise BadSearch("schedule is required (Schedule/<id>)")
    bounds = date_bounds("start")
    status = request.args.get("status")
    wanted = service_types.requested()
    try:
        doctor = directory.get_doctor(None, doctor_id)
    except NotFound:
        doctor = None
    service = service_types.chosen(service_types.offered(doctor_id), wanted) if doctor else None
    if doctor is None or status not in (None, "free") or service is None:
        return _fhir(searchset("Slot", [], 0, current))
    zone = ZoneInfo(doctor.timezone or "UTC")
    today = local_date(zone, utcnow())
    first = max(today, local_date(zone, bounds.lower)) if bounds.lower else today
    if bounds.upper is not None:
        last = local_date(zone, bounds.upper - timedelta(microseconds=1))
    else:
        last = first + timedelta(days=availability.DEFAULT_RANGE_DAYS - 1)
    if last < first:
        return _fhir(searchset("Slot", [], 0, current))
    try:
        free = availability.doctor_slots(None, doctor_id, first, last, service.id)
    except ValidationFailed as exc:
        raise BadSearch(f"start: the range may cover at most {availability.MAX_RANGE_DAYS} "
                        "days") from exc  # fmt: skip
    matching = [s for s in free if bounds.holds(s.start)]
    shown = matching[current.offset : current.offset + current.count]
    entries = [resources.slot(doctor_id, s) for s in shown]
    for entry in entries:
        entry.serviceType = [service.concept()]
    return _fhir(searchset("Slot", entries, len(matching), current))


@bp.get("/AuditEvent")
def search_audit_events() -> Response:
    """The patient's own access log (a patient's token only: `audit_events.py`)."""
    current = page()
    found, total = audit_events.search(current)
    return _fhir(searchset("AuditEvent", found, total, current))
