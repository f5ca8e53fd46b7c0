"""`/fhir/R4/Appointment`: read, search, book (POST) and cancel (PUT with status
`cancelled`). Bookings and cancellations go through the services behind `/api`
(`appointments.booking.book`, `appointments.transitions.change`), so every rule of the web app
holds; reads reach only what `compartment` allows and land in the access logs naming the app."""

from __future__ import annotations

from flask import Blueprint, Response, request
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, may_act_for
from clinic360.accounts.models import Role, User
from clinic360.appointments import booking, history, transitions
from clinic360.appointments.errors import SlotTaken
from clinic360.appointments.models import Appointment
from clinic360.appointments.reading import load_owned, reload, with_parties
from clinic360.appointments.schemas import AppointmentCreate, AppointmentUpdate
from clinic360.audit.models import AuditAction
from clinic360.core.db import transaction
from clinic360.core.errors import Conflict, Forbidden, NotFound
from clinic360.core.security import csrf
from clinic360.fhir import appointment_shape as shape
from clinic360.fhir.compartment import appointments_reached, audit
from clinic360.fhir.outcome import FHIR_JSON
from clinic360.fhir.search import BadSearch, date_bounds, origin, page, reference_id, searchset
from clinic360.oauth import bearer
from clinic360.oauth.bearer import Access

bp = Blueprint("fhir_appointments", __name__, url_prefix="/fhir/R4")
# A bearer token in a header, never a cookie, authorises these writes: no CSRF to defend.
csrf.exempt(bp)


class Taken(Conflict):
    code = "slot_taken"


def _answer(appointment: Appointment, status: int = 200) -> Response:
    body = shape.resource(appointment).model_dump_json()
    return Response(body, status=status, mimetype=FHIR_JSON)


def _reached(session: Session, access: Access, id: int) -> Appointment:
    found = session.scalar(
        with_parties(select(Appointment)).where(Appointment.id == id, appointments_reached(access))
    )
    if found is None:
        raise NotFound()
    return found


@bp.get("/Appointment/<int:id>")
def read_appointment(id: int) -> Response:
    """One appointment the token reaches; 404 (as for a missing one) otherwise."""
    access = bearer.require("Appointment", "r")
    with transaction() as session:
        appointment = _reached(session, access, id)
        audit(session, access, AuditAction.APPOINTMENT_READ, [appointment.patient], id)
        return _answer(appointment)


def _participant_filter() -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    patient = reference_id("patient", "Patient")
    if patient is not None:
        conditions.append(Appointment.patient_id == patient)
    doctor = reference_id("practitioner", "Practitioner")
    if doctor is not None:
        conditions.append(Appointment.doctor_id == doctor)
    actor = request.args.get("actor")
    if actor is not None:
        kind, _, value = actor.rpartition("/")
        if kind not in ("", "Patient", "Practitioner") or not (
            value.isascii() and value.isdigit() and 0 < len(value) < 10
        ):
            raise BadSearch("actor must be Patient/<id>, Practitioner/<id> or <id>")
        number = int(value)
        conditions.append(
            Appointment.patient_id == number
            if kind == "Patient"
            else Appointment.doctor_id == number
            if kind == "Practitioner"
            else or_(Appointment.patient_id == number, Appointment.doctor_id == number)
        )
    return conditions


@bp.get("/Appointment")
def search_appointments() -> Response:
    """By `patient`, `practitioner`, `actor`, `date` (ge/gt/le/lt on the start), `status`
    (FHIR codes, comma separated); by start then id (stable paging)."""
    access = bearer.require("Appointment", "s")
    current = page("Appointment")
    conditions = [appointments_reached(access), *_participant_filter()]
    when = date_bounds("date")
    if when.lower is not None:
        conditions.append(Appointment.start_time >= when.lower)
    if when.upper is not None:
        conditions.append(Appointment.start_time < when.upper)
    status = request.args.get("status")
    if status is not None:
        codes = [part.strip() for part in status.split(",") if part.strip()]
        if not codes or any(code not in shape.FROM_FHIR for code in codes):
            raise BadSearch(f"status must be among {', '.join(sorted(shape.FROM_FHIR))}")
        conditions.append(
            Appointment.status.in_([ours for code in codes for ours in shape.FROM_FHIR[code]])
        )
    with transaction() as session:
        total = session.scalar(select(func.count(Appointment.id)).where(*conditions)) or 0
        found = list(
            session.scalars(
                with_parties(select(Appointment))
                .where(*conditions)
                .order_by(Appointment.start_time, Appointment.id)
                .limit(current.count)
                .offset(current.offset)
            ).unique()
        )
        audit(session, access, AuditAction.APPOINTMENTS_LIST, [a.patient for a in found])
        entries = [shape.resource(a) for a in found]
    bundle = searchset("Appointment", entries, total, current)
    return Response(bundle.model_dump_json(), mimetype=FHIR_JSON)


def _booker(access: Access, patient_id: int) -> User:
    """Who books: the signed-in patient (for themselves or a patient they act for, else
    403), or for a system token the patient named. Doctors book through `/api`."""
    with transaction(write=False) as session:
        if access.user is None:
            patient = session.get(User, patient_id)
            if patient is None or patient.role != Role.PATIENT.value:
                raise NotFound()
            return patient
        if access.user.role != Role.PATIENT.value or not may_act_for(
            session, access.user, patient_id, Capability.APPOINTMENTS
        ):
            raise Forbidden("This token may not book for that patient.")
        return access.user


@bp.post("/Appointment")
def create_appointment() -> Response:
    """Book through `booking.book`: 201 with Location, 409 (alternatives in diagnostics)."""
    access = bearer.require("Appointment", "c")
    wanted = shape.booking(shape.parse_body(request.get_data()))
    booker = _booker(access, wanted.patient_id)
    data = AppointmentCreate.model_validate(
        {
            "doctorId": wanted.doctor_id,
            "patientId": wanted.patient_id,
            "visitTypeId": wanted.visit_type_id,
            "startTime": wanted.start,
            "endTime": wanted.end,
        }
    )
    try:
        appointment = booking.book(booker, data)
    except SlotTaken as exc:
        times = ", ".join(
            f"{alt['startTime']}/{alt['endTime']}" for alt in exc.extra.get("alternatives", [])
        )
        raise Taken(f"{SlotTaken.detail} Free nearby: {times or 'none'}.") from None
    response = _answer(appointment, 201)
    response.headers["Location"] = f"{origin()}/fhir/R4/Appointment/{appointment.id}"
    return response


@bp.put("/Appointment/<int:id>")
def update_appointment(id: int) -> Response:
    """Cancel (status `cancelled` with `cancelationReason`) through `transitions.change`,
    as the web app's cancel: the same roles, windows and transitions."""
    access = bearer.require("Appointment", "u")
    body = shape.parse_body(request.get_data())
    if body.id is not None and body.id != str(id):
        raise shape.MalformedBody("The resource id differs from the URL's.")
    reason = shape.cancellation_reason(body)
    with transaction(write=False) as session:
        appointment = _reached(session, access, id)
        actor = access.user or appointment.patient
        if access.user is not None:
            load_owned(session, access.user, id)  # the web app's own reach check
    update = AppointmentUpdate.model_validate({"status": "cancelled"})
    transitions.change(actor, id, update, via=history.APP, note=reason)
    with transaction(write=False) as session:
        return _answer(reload(session, id))
