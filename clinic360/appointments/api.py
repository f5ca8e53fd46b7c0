"""Appointments endpoints: list, read, book, change, and the calendar feed."""

from __future__ import annotations

from flask import Response, current_app
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role, User
from clinic360.accounts.throttle import client_address
from clinic360.appointments import (
    attendance,
    booking,
    feeds,
    ics,
    reading,
    series,
    series_manage,
    transitions,
    video,
)
from clinic360.appointments.models import Appointment
from clinic360.appointments.schemas import (
    AppointmentCreate,
    AppointmentList,
    AppointmentOut,
    AppointmentPath,
    AppointmentQuery,
    AppointmentUpdate,
    BookingHeaders,
    CalendarLinkOut,
    CalendarLinkStatus,
    CalendarTokenPath,
    MyAttendanceOut,
    PatientRef,
)
from clinic360.appointments.series_schemas import (
    DoctorBookingCreate,
    SeriesCancelled,
    SeriesCreate,
    SeriesOut,
    SeriesPath,
)
from clinic360.core.http import json_response, no_content

bp = APIBlueprint("appointments", __name__, url_prefix="/api", abp_tags=[Tag(name="appointments")])


@bp.get("/appointments", responses={200: AppointmentList})
def list_appointments(query: AppointmentQuery) -> Response:
    """The caller's appointments (as patient or doctor) by start time; total in X-Total-Count."""
    appointments, total = reading.list_for(require_user(), query)
    return json_response(appointments, total=total)


@bp.get("/appointments/<int:id>", responses={200: AppointmentOut})
def get_appointment(path: AppointmentPath) -> Response:
    """One appointment of the caller; 404 for anyone else's, same as for a missing one."""
    return json_response(reading.show_for(require_user(), path.id))


@bp.get("/appointments/<int:id>.ics", responses={200: None})
def appointment_calendar(path: AppointmentPath) -> Response:
    """One appointment of the caller as an iCalendar file ("Add to calendar"); 404 for
    anyone else's, same as GET /api/appointments/{id}. No reason text."""
    user = require_user()
    appointment = reading.get_for(user, path.id)
    return _calendar_response(user, [appointment], f"appointment-{appointment.id}.ics")


@bp.post("/appointments", responses={201: AppointmentOut})
def book_appointment(body: AppointmentCreate, header: BookingHeaders) -> Response:
    """Book a free slot (patients only) for the caller or, with `patientId`, a patient they
    act for (family access); 409 `slot_taken` carries `alternatives`.

    A repeat with the same `Idempotency-Key` and body returns the first booking (201)."""
    user = require_user(Role.PATIENT)
    appointment = booking.book(user, body, header.idempotency_key)
    booker = (
        PatientRef(id=user.id, full_name=user.full_name)
        if appointment.patient_id != user.id
        else None
    )
    out = AppointmentOut.model_validate(appointment).model_copy(
        update={"video_link": video.link_of(appointment), "booked_by": booker}
    )
    return json_response(out, 201)


@bp.post("/doctor/appointments", responses={201: AppointmentOut})
def book_for_patient(body: DoctorBookingCreate) -> Response:
    """A doctor books a visit with themselves for a patient in their care (404 for any other
    patient id); the type's patient rules do not apply. 409 `slot_taken` with alternatives."""
    return json_response(series.book_for_patient(require_user(Role.DOCTOR), body), 201)


@bp.post("/series", responses={201: SeriesOut})
def book_series(body: SeriesCreate) -> Response:
    """A doctor books a recurring series for a patient in their care: all occurrences or
    none (409 `series_conflict` lists each refused date with its alternatives)."""
    return json_response(series.book_series(require_user(Role.DOCTOR), body), 201)


@bp.get("/series/<int:id>", responses={200: SeriesOut})
def get_series(path: SeriesPath) -> Response:
    """A series with its occurrences, for its doctor and patient; 404 for anyone else."""
    return json_response(series_manage.show(require_user(), path.id))


@bp.post("/series/<int:id>/cancel", responses={200: SeriesCancelled})
def cancel_series(path: SeriesPath) -> Response:
    """Cancel every upcoming occurrence of the series (its doctor or patient; 404 for
    anyone else); one email lists the cancelled dates."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    return json_response(series_manage.cancel_future(user, path.id))


@bp.get("/attendance", responses={200: MyAttendanceOut})
def my_attendance() -> Response:
    """The patient's own attendance record (no-shows, late cancellations) and what it
    means for their next online booking under NO_SHOW_POLICY (patients only)."""
    return json_response(attendance.my_record(require_user(Role.PATIENT).id))


@bp.put("/appointments/<int:id>", responses={200: AppointmentOut})
def change_appointment(path: AppointmentPath, body: AppointmentUpdate) -> Response:
    """Change the status (transition table in API.md) or reschedule with new times."""
    return json_response(transitions.change(require_user(Role.PATIENT, Role.DOCTOR), path.id, body))


@bp.get("/appointments.ics", responses={200: None})
def calendar_feed() -> Response:
    """iCalendar feed of the caller's upcoming appointments (no reason text)."""
    user = require_user()
    return _calendar_response(user, reading.upcoming_for(user))


@bp.get("/calendar/<token>.ics", responses={200: None}, security=[])
def subscribed_calendar_feed(path: CalendarTokenPath) -> Response:
    """The feed of /api/appointments.ics for the owner of a subscription link (no session).

    For calendar apps. An unknown or revoked link → 404; rate-limited per client address.
    """
    user = feeds.owner_of(path.token, client_address())
    response = _calendar_response(user, reading.upcoming_for(user))
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _calendar_response(
    user: User, appointments: list[Appointment], filename: str = "appointments.ics"
) -> Response:
    body = ics.feed(
        user,
        appointments,
        public_url=current_app.config["PUBLIC_URL"],
        clinic_name=current_app.config["CLINIC_NAME"],
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/calendar-feed", responses={200: CalendarLinkStatus})
def calendar_link_status() -> Response:
    """Whether the caller has a working calendar subscription link, and since when."""
    created_at = feeds.active_since(require_user())
    return json_response(CalendarLinkStatus(active=created_at is not None, created_at=created_at))


@bp.post("/calendar-feed", responses={201: CalendarLinkOut})
def create_calendar_link() -> Response:
    """Create the caller's calendar subscription link, replacing (and ending) any older one.

    The answer is the only time the link is shown: only a hash of it is stored.
    """
    link = feeds.issue(require_user())
    return json_response(CalendarLinkOut(url=link.url, created_at=link.created_at), 201)


@bp.delete("/calendar-feed", responses={204: None})
def revoke_calendar_link() -> Response:
    """Turn the caller's calendar subscription link off (204 also when there is none)."""
    feeds.revoke(require_user())
    return no_content()
