"""Time off over booked appointments: never silent.

A dated closed window (time off) that covers upcoming appointments of the doctor is
refused with 409 `time_off_hits_appointments` listing them (id, times, patient name; never
the reason), and nothing is saved. Sent again with `cancelAppointments` (all of them, or
their ids), the entry is saved and those appointments are cancelled by the doctor in the
same transaction, each patient emailed with free times of the same doctor and type to pick
instead (`schedules.busy.cancel_visits`, provided by the appointments domain). The caller
saves (flushes) the entry first, so those times are never inside the time off.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.core.schemas import format_instant
from clinic360.schedules.availability import zone_of
from clinic360.schedules.busy import BookedVisit, booked_visits, cancel_visits
from clinic360.schedules.errors import TimeOffHitsAppointments
from clinic360.schedules.schemas import EntryBody
from clinic360.schedules.wallclock import Interval, days, wall_to_utc


def _intervals(doctor: User, values: dict[str, Any]) -> list[Interval]:
    """The time off as UTC intervals, one per date of its range (on the doctor's clock)."""
    zone = zone_of(doctor)
    return [
        (
            wall_to_utc(zone, day, values["start_minute"]),
            wall_to_utc(zone, day, values["end_minute"]),
        )
        for day in days(values["date"], values["end_date"])
    ]


def covered_visits(session: Session, doctor: User, values: dict[str, Any]) -> list[BookedVisit]:
    """The doctor's upcoming appointments the dated closed window `values` covers."""
    if values["is_available"] or values["date"] is None:
        return []
    intervals = [(start, end) for start, end in _intervals(doctor, values) if start < end]
    if not intervals:
        return []
    found = booked_visits(session, doctor.id, intervals[0][0], intervals[-1][1], utcnow())
    return [
        visit
        for visit in found
        if any(visit.start < end and visit.end > start for start, end in intervals)
    ]


def settle_time_off(
    session: Session, doctor: User, values: dict[str, Any], body: EntryBody
) -> None:
    """Inside the entry's transaction (after the doctor's row lock): return when the time
    off covers no upcoming appointment; cancel those it covers when the body confirms all
    of them (`cancelAppointments`); raise `TimeOffHitsAppointments` otherwise."""
    hits = covered_visits(session, doctor, values)
    if not hits:
        return
    confirmed = body.cancel_appointments
    hit_ids = [visit.id for visit in hits]
    chosen = set(hit_ids) if confirmed is True else set(confirmed or [])
    if not set(hit_ids) <= chosen:
        raise TimeOffHitsAppointments(
            appointments=[
                {
                    "id": visit.id,
                    "startTime": format_instant(visit.start),
                    "endTime": format_instant(visit.end),
                    "patientName": visit.patient_name,
                }
                for visit in hits
            ]
        )
    cancel_visits(session, doctor.id, hit_ids, body.cancellation_message)
