"""Schedules endpoints: a doctor's entries, the doctor directory, free slots.

The directory and free slots are public (`user_or_guest`): a guest browses them before
signing in, rate-limited per client address and without a session. Writes and the
schedule entries themselves need a session.
"""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user, user_or_guest
from clinic360.accounts.models import Role
from clinic360.core.http import json_response, json_rows_response, no_content
from clinic360.schedules import availability, directory, entries
from clinic360.schedules.models import ScheduleEntry
from clinic360.schedules.schemas import (
    DoctorList,
    DoctorOut,
    DoctorPath,
    DoctorQuery,
    DoctorSlotList,
    DoctorSlotOut,
    DoctorSlotQuery,
    EntryBody,
    EntryList,
    EntryOut,
    EntryPath,
    SlotList,
    SlotSearchQuery,
    WeeklyBody,
    format_hh_mm,
)

bp = APIBlueprint("schedules", __name__, url_prefix="/api", abp_tags=[Tag(name="schedules")])


def _entry_out(entry: ScheduleEntry) -> EntryOut:
    return EntryOut(
        id=entry.id,
        doctor_id=entry.doctor_id,
        day_of_week=entry.day_of_week,
        date=entry.date,
        end_date=entry.end_date,
        start_time=format_hh_mm(entry.start_minute),
        end_time=format_hh_mm(entry.end_minute),
        is_available=entry.is_available,
    )


def _entries_out(entries: list[ScheduleEntry], status: int = 200) -> Response:
    return json_response([_entry_out(entry) for entry in entries], status, total=len(entries))


@bp.post("/schedule", responses={201: EntryOut})
def create_entry(body: EntryBody) -> Response:
    """Add a weekly or dated window to the calling doctor's schedule (patients: 403)."""
    doctor = require_user(Role.DOCTOR)
    return json_response(_entry_out(entries.create_entry(doctor, body)), 201)


@bp.post("/schedule/weekly", responses={201: EntryList})
def create_weekly_entries(body: WeeklyBody) -> Response:
    """Add the same weekly window on several weekdays at once, all of them or none.

    An open window overlapping open hours on any of those days: 409 naming the days.
    """
    doctor = require_user(Role.DOCTOR)
    return _entries_out(entries.create_weekly_entries(doctor, body), 201)


@bp.get("/schedule", responses={200: EntryList})
def own_entries() -> Response:
    """The calling doctor's schedule entries."""
    return _entries_out(entries.own_entries(require_user(Role.DOCTOR)))


@bp.put("/schedule/<int:entry_id>", responses={200: EntryOut})
def update_entry(path: EntryPath, body: EntryBody) -> Response:
    """Replace one of the caller's entries (another doctor's entry: 404)."""
    doctor = require_user(Role.DOCTOR)
    return json_response(_entry_out(entries.update_entry(doctor, path.entry_id, body)))


@bp.delete("/schedule/<int:entry_id>", responses={204: None})
def delete_entry(path: EntryPath) -> Response:
    """Delete one of the caller's entries (another doctor's entry: 404)."""
    entries.delete_entry(require_user(Role.DOCTOR), path.entry_id)
    return no_content()


@bp.get("/doctors", responses={200: DoctorList})
def list_doctors(query: DoctorQuery) -> Response:
    """Approved doctors by name, with their next available slot; X-Total-Count (public)."""
    user_or_guest()
    doctors, total = directory.list_doctors(
        query.specialization_choice, query.q, query.limit, query.offset
    )
    return json_response([DoctorOut.model_validate(d) for d in doctors], total=total)


@bp.get("/doctors/<int:doctor_id>", responses={200: DoctorOut})
def get_doctor(path: DoctorPath) -> Response:
    """One approved doctor (public)."""
    doctor = directory.get_doctor(user_or_guest(), path.doctor_id)
    return json_response(DoctorOut.model_validate(doctor))


@bp.get("/doctors/<int:doctor_id>/schedule", responses={200: EntryList})
def doctor_entries(path: DoctorPath) -> Response:
    """An approved doctor's schedule entries."""
    return _entries_out(entries.doctor_entries(require_user(), path.doctor_id))


@bp.get("/doctors/<int:doctor_id>/slots", responses={200: SlotList})
def doctor_slots(path: DoctorPath, query: DoctorSlotQuery) -> Response:
    """Free slots of a visit type for local dates `from`..`to` (both included, at most
    62 days; public)."""
    slots = availability.doctor_slots(
        user_or_guest(), path.doctor_id, query.from_, query.to, query.visit_type
    )
    # Rows straight to JSON in Rust (the shape of SlotOut): a 62-day list is ~1,000 slots.
    body = [{"startTime": s.start, "endTime": s.end} for s in slots]
    return json_rows_response(body, total=len(body))


@bp.get("/slots", responses={200: DoctorSlotList})
def earliest_slots(query: SlotSearchQuery) -> Response:
    """The earliest free slots across approved doctors (optionally of one specialization
    and/or of a visit type named `visitType`; public)."""
    user_or_guest()
    found = availability.earliest_slots(
        query.specialization_choice, query.from_, query.to, query.limit, query.visit_type or None
    )
    return json_response(
        [
            DoctorSlotOut(
                doctor_id=doctor_id, visit_type_id=type_id, start_time=s.start, end_time=s.end
            )
            for doctor_id, type_id, s in found
        ]
    )
