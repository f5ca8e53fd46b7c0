"""Front-desk endpoints (receptionists only): patients, bookings, the day's appointments."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.accounts.staff_schemas import (
    PatientCard,
    PatientCardList,
    PatientPath,
    PatientSearchQuery,
    WalkInBody,
)
from clinic360.appointments.schemas import (
    AppointmentList,
    AppointmentOut,
    AppointmentPath,
    AppointmentUpdate,
    BookingHeaders,
)
from clinic360.core.http import json_response, no_content
from clinic360.core.schemas import Page
from clinic360.frontdesk import service
from clinic360.frontdesk.schemas import DayQuery, DeskBookingBody

bp = APIBlueprint(
    "frontdesk", __name__, url_prefix="/api/frontdesk", abp_tags=[Tag(name="front desk")]
)


@bp.get("/patients", responses={200: PatientCardList})
def search_patients(query: PatientSearchQuery) -> Response:
    """Find patients by name, email, date of birth or mobile number (`q`), by name; total in
    X-Total-Count. Each patient shown is in their access log."""
    found, total = service.search(require_user(Role.RECEPTIONIST), query.q, query.limit,
                                  query.offset)  # fmt: skip
    return json_response(found, total=total)


@bp.post("/patients", responses={201: PatientCard})
def register_patient(body: WalkInBody) -> Response:
    """Register a walk-in or phone patient without a password; they are emailed an
    invitation to claim the account. 409 `possible_duplicate` (with `duplicates`) when
    patients with the same name and date of birth exist, unless `confirmDuplicate`."""
    return json_response(service.register_walk_in(require_user(Role.RECEPTIONIST), body), 201)


@bp.get("/patients/<int:id>", responses={200: PatientCard})
def get_patient(path: PatientPath) -> Response:
    """One patient's card (contact details only); 404 for any id that is not a patient."""
    return json_response(service.show(require_user(Role.RECEPTIONIST), path.id))


@bp.post("/patients/<int:id>/invitation", responses={204: None})
def resend_invitation(path: PatientPath) -> Response:
    """Email a new invitation (older links stop working); 422 once the account is claimed."""
    service.reinvite(require_user(Role.RECEPTIONIST), path.id)
    return no_content()


@bp.get("/patients/<int:id>/appointments", responses={200: AppointmentList})
def patient_appointments(path: PatientPath, query: Page) -> Response:
    """One patient's appointments, newest first (no reasons)."""
    rows, total = service.of_patient(require_user(Role.RECEPTIONIST), path.id, query)
    return json_response(rows, total=total)


@bp.post("/appointments", responses={201: AppointmentOut})
def book(body: DeskBookingBody, header: BookingHeaders) -> Response:
    """Book a slot for a patient with any doctor, through the normal booking service: the
    slot grid, overlaps (409 `slot_taken` with alternatives) and the caps hold; the type's
    patient rules (minimum notice, who may book it) do not. The patient is emailed."""
    desk = require_user(Role.RECEPTIONIST)
    return json_response(service.book(desk, body, header.idempotency_key), 201)


@bp.put("/appointments/<int:id>", responses={200: AppointmentOut})
def change(path: AppointmentPath, body: AppointmentUpdate) -> Response:
    """Move (`startTime`/`endTime`, a free slot of the type, no notice window), cancel,
    check in (`arrived`, from CHECK_IN_EARLY_MINUTES before the start) or mark a no-show
    (once started) any appointment. The patient is emailed as usual."""
    return json_response(service.change(require_user(Role.RECEPTIONIST), path.id, body))


@bp.get("/appointments", responses={200: AppointmentList})
def day(query: DayQuery) -> Response:
    """Appointments starting in [from, to) (at most 7 days), every doctor or `doctorId`'s,
    by doctor and time; total in X-Total-Count. No reasons, no video links."""
    rows, total = service.day(require_user(Role.RECEPTIONIST), query)
    return json_response(rows, total=total)
