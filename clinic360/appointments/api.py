"""Appointments endpoints: list, read, book, change, and the calendar feed."""

from __future__ import annotations

from flask import Response, current_app
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.appointments import ics, service
from clinic360.appointments.schemas import (
    AppointmentCreate,
    AppointmentList,
    AppointmentOut,
    AppointmentPath,
    AppointmentQuery,
    AppointmentUpdate,
)
from clinic360.core.http import json_response

bp = APIBlueprint("appointments", __name__, url_prefix="/api", abp_tags=[Tag(name="appointments")])


@bp.get("/appointments", responses={200: AppointmentList})
def list_appointments(query: AppointmentQuery) -> Response:
    """The caller's appointments (as patient or doctor) by start time; total in X-Total-Count."""
    rows, total = service.list_for(require_user(), query)
    return json_response([AppointmentOut.model_validate(row) for row in rows], total=total)


@bp.get("/appointments/<int:id>", responses={200: AppointmentOut})
def get_appointment(path: AppointmentPath) -> Response:
    """One appointment of the caller; 404 for anyone else's, same as for a missing one."""
    appointment = service.get_for(require_user(), path.id)
    return json_response(AppointmentOut.model_validate(appointment))


@bp.post("/appointments", responses={201: AppointmentOut})
def book_appointment(body: AppointmentCreate) -> Response:
    """Book a free slot (patients only); 409 `slot_taken` carries `alternatives`."""
    appointment = service.book(require_user(Role.PATIENT), body)
    return json_response(AppointmentOut.model_validate(appointment), 201)


@bp.put("/appointments/<int:id>", responses={200: AppointmentOut})
def change_appointment(path: AppointmentPath, body: AppointmentUpdate) -> Response:
    """Change the status (transition table in API.md) or reschedule with new times."""
    appointment = service.change(require_user(Role.PATIENT, Role.DOCTOR), path.id, body)
    return json_response(AppointmentOut.model_validate(appointment))


@bp.get("/appointments.ics", responses={200: None})
def calendar_feed() -> Response:
    """iCalendar feed of the caller's upcoming appointments (no reason text)."""
    user = require_user()
    body = ics.feed(
        user,
        service.upcoming_for(user),
        public_url=current_app.config["PUBLIC_URL"],
        clinic_name=current_app.config["CLINIC_NAME"],
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="appointments.ics"'
    return response
