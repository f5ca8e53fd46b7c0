"""A doctor books for a patient in their care: one visit, or a recurring series.

The doctor books with themselves only, for a patient in their care (`queries.in_care_of`:
a patient with a non-cancelled visit with them); anyone else's id answers 404, the same
as a missing one, so no doctor can probe patient ids or email strangers. A patient new to
the doctor books their first visit themselves. The visit type's patient rules (who may
book it online, minimum notice, its horizon) and the patient's caps do not bind the
doctor; the slot grid, open hours, BOOKING_HORIZON_DAYS and the overlap rules do.

A series is `count` visits `everyWeeks` weeks apart at the first one's wall-clock time in
the doctor's zone (`wallclock.wall_to_utc`: 09:00 stays 09:00 across daylight saving).
Every occurrence is checked, then all are inserted, in one transaction: either all are
booked or none is and the answer (`SeriesConflict`) lists each refused date with its
nearest alternatives (`booking.alternatives`, as for `slot_taken`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.appointments import emails, history
from clinic360.appointments.booking import (
    Overlap,
    alternatives,
    checked_interval,
    lock_parties,
    place,
    precheck_all_free,
    precheck_free,
    run,
    slot_taken,
)
from clinic360.appointments.errors import SeriesConflict
from clinic360.appointments.models import AppointmentSeries
from clinic360.appointments.queries import has_care_relationship
from clinic360.appointments.reasons import present
from clinic360.appointments.schemas import AppointmentOut
from clinic360.appointments.series_schemas import DoctorBookingCreate, SeriesCreate, SeriesOut
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import Forbidden, NotFound, ValidationFailed
from clinic360.core.schemas import format_instant
from clinic360.outbox.models import EmailKind
from clinic360.schedules.availability import ensure_on_slot_grid, off_slot_grid, zone_of
from clinic360.schedules.busy import Interval
from clinic360.schedules.closures import closed_visits
from clinic360.schedules.models import VisitType
from clinic360.schedules.slots import SlotRules
from clinic360.schedules.visit_types import type_for_booking
from clinic360.schedules.wallclock import local_date, wall_to_utc

log = logging.getLogger("clinic360.appointments")

Problem = tuple[Interval, str]


class _Refused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems


def _doctor(session: Session, actor: User) -> User:
    """The acting doctor's row in this session; `Forbidden` unless approved and active."""
    doctor = session.scalar(select(User).where(User.id == actor.id, User.is_active_doctor))
    if doctor is None:
        raise Forbidden()
    return doctor


def _patient_in_care(session: Session, doctor: User, patient_id: int) -> User:
    """The patient, when in the doctor's care; `NotFound` otherwise (as for a missing id)."""
    patient = session.get(User, patient_id)
    if (
        patient is None
        or patient.role != Role.PATIENT.value
        or not has_care_relationship(session, doctor.id, patient_id)
    ):
        raise NotFound()
    return patient


def doctor_rules(visit_type: VisitType) -> SlotRules:
    """The type's slot rules without the patient's notice and horizon (the doctor's
    alternatives may be sooner or later than a patient could book)."""
    return SlotRules.of(visit_type)._replace(min_notice_minutes=0, horizon_days=None)


def book_for_patient(actor: User, data: DoctorBookingCreate) -> AppointmentOut:
    """The doctor books one visit with themselves for a patient in their care; the patient
    gets the usual booking email. Raises `Forbidden`, `NotFound`, `InPast`,
    `ValidationFailed`, `InvalidVisitType`, `OutsideAvailability`, `NotASlot`,
    `SlotTaken` (with alternatives)."""
    start, _ = checked_interval(data.start_time, None)
    chosen: list[SlotRules] = []

    def work(session: Session) -> AppointmentOut:
        lock_parties(session, actor.id, data.patient_id)
        doctor = _doctor(session, actor)
        patient = _patient_in_care(session, doctor, data.patient_id)
        visit_type = type_for_booking(session, doctor.id, data.visit_type_id)
        rules = doctor_rules(visit_type)
        chosen.append(rules)
        end = start + timedelta(minutes=rules.duration_minutes)
        ensure_on_slot_grid(session, doctor, rules, start, end)
        appointment = place(session, doctor, patient, visit_type, (start, end))
        emails.booked(session, appointment, (emails.PATIENT,))
        history.record(session, appointment, doctor.id, "booked")
        return present(session, doctor, [appointment])[0]

    try:
        booked = run(work)
    except Overlap:
        rules = chosen[-1]
        end = start + timedelta(minutes=rules.duration_minutes)
        raise slot_taken(actor.id, data.patient_id, rules, (start, end)) from None
    log.info("appointment booked by doctor", extra={"appointment_id": booked.id})
    return booked


def occurrence_times(
    zone_doctor: User, first: datetime, every_weeks: int, count: int, minutes: int
) -> list[Interval]:
    """`count` visits of `minutes`, `every_weeks` weeks apart, each at the first one's
    wall-clock time on the doctor's clock (DST-correct)."""
    zone = zone_of(zone_doctor)
    day = local_date(zone, first)
    local = first.astimezone(zone)
    minute = local.hour * 60 + local.minute
    starts = [
        wall_to_utc(zone, day + timedelta(weeks=every_weeks * n), minute) for n in range(count)
    ]
    return [(start, start + timedelta(minutes=minutes)) for start in starts]


def _checked_counts(data: SeriesCreate) -> None:
    config = current_app.config
    errors: dict[str, str] = {}
    if data.count > config["SERIES_MAX_OCCURRENCES"]:
        errors["count"] = f"must be at most {config['SERIES_MAX_OCCURRENCES']}"
    if data.every_weeks > config["SERIES_MAX_INTERVAL_WEEKS"]:
        errors["everyWeeks"] = f"must be at most {config['SERIES_MAX_INTERVAL_WEEKS']}"
    days = (data.count - 1) * data.every_weeks * 7
    if not errors and data.start_time + timedelta(days=days) > utcnow() + timedelta(
        days=config["SERIES_HORIZON_DAYS"]
    ):
        errors["count"] = (
            f"the last occurrence must start within {config['SERIES_HORIZON_DAYS']} days"
        )
    if errors:
        raise ValidationFailed(errors)


def problems(
    session: Session, doctor: User, patient_id: int, rules: SlotRules, visits: list[Interval]
) -> list[Problem]:
    """The occurrences that cannot be booked, each with why (`clinic_closed`,
    `outside_availability`, `slot_taken`), by start. Three queries when all are free (the
    clinic's closures, the doctor's hours, one overlap check of them all); one more per
    occurrence only when some is taken."""
    closed = set(closed_visits(session, zone_of(doctor), visits))
    off_grid = set(off_slot_grid(session, doctor, rules, visits)) - closed
    found: list[Problem] = [(visit, "clinic_closed") for visit in visits if visit in closed]
    found += [(visit, "outside_availability") for visit in visits if visit in off_grid]
    on_grid = [visit for visit in visits if visit not in off_grid and visit not in closed]
    pairs = [(visit, rules.blocked(*visit)) for visit in on_grid]
    try:
        precheck_all_free(session, doctor.id, patient_id, pairs)
    except Overlap:
        for visit, blocked in pairs:
            try:
                precheck_free(session, doctor.id, patient_id, visit, blocked, None)
            except Overlap:
                found.append((visit, "slot_taken"))
    return sorted(found)


def book_series(actor: User, data: SeriesCreate) -> SeriesOut:
    """Book every occurrence of a series, or none (`SeriesConflict`); one email to the
    patient lists every date, its invitation holds every event. Raises as
    `book_for_patient`, and `ValidationFailed` beyond SERIES_MAX_OCCURRENCES,
    SERIES_MAX_INTERVAL_WEEKS or SERIES_HORIZON_DAYS."""
    start, _ = checked_interval(data.start_time, None)
    _checked_counts(data)
    chosen: list[tuple[SlotRules, list[Interval]]] = []

    def work(session: Session) -> SeriesOut:
        lock_parties(session, actor.id, data.patient_id)
        doctor = _doctor(session, actor)
        patient = _patient_in_care(session, doctor, data.patient_id)
        visit_type = type_for_booking(session, doctor.id, data.visit_type_id)
        rules = doctor_rules(visit_type)
        visits = occurrence_times(
            doctor, start, data.every_weeks, data.count, rules.duration_minutes
        )
        chosen.append((rules, visits))
        refused = problems(session, doctor, patient.id, rules, visits)
        if refused:
            raise _Refused(refused)
        series = AppointmentSeries(
            doctor_id=doctor.id,
            patient_id=patient.id,
            visit_type_id=visit_type.id,
            every_weeks=data.every_weeks,
        )
        session.add(series)
        session.flush()
        booked = [
            place(session, doctor, patient, visit_type, visit, series_id=series.id, prechecked=True)
            for visit in visits
        ]
        session.flush()  # one multi-row INSERT of every occurrence
        emails.series(session, EmailKind.SERIES_BOOKED, series.id, booked, emails.PATIENT)
        for appointment in booked:
            history.record(session, appointment, doctor.id, "booked")
        return out(series, present(session, doctor, booked))

    try:
        booked = run(work)
    except _Refused as refused:
        raise _conflict(actor.id, data.patient_id, chosen[-1][0], refused.problems) from None
    except Overlap:  # PostgreSQL: a concurrent booking won between pre-check and insert
        rules, visits = chosen[-1]
        with transaction(write=False) as session:
            doctor = _doctor(session, actor)
            found = problems(session, doctor, data.patient_id, rules, visits)
        raise _conflict(actor.id, data.patient_id, rules, found) from None
    log.info("series booked", extra={"series_id": booked.id, "count": len(booked.occurrences)})
    return booked


def _conflict(
    doctor_id: int, patient_id: int, rules: SlotRules, found: list[Problem]
) -> SeriesConflict:
    with transaction(write=False) as session:
        doctor = session.get(User, doctor_id)
        assert doctor is not None
        return SeriesConflict(
            [
                {
                    "startTime": format_instant(start),
                    "endTime": format_instant(end),
                    "problem": why,
                    "alternatives": alternatives(session, doctor, patient_id, rules, start),
                }
                for (start, end), why in found
            ]
        )


def out(series: AppointmentSeries, occurrences: list[AppointmentOut]) -> SeriesOut:
    return SeriesOut(
        id=series.id,
        doctor_id=series.doctor_id,
        patient_id=series.patient_id,
        visit_type_id=series.visit_type_id,
        every_weeks=series.every_weeks,
        created_at=series.created_at,
        occurrences=occurrences,
    )
