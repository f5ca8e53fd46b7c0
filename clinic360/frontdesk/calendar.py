"""The live calendar (issue 21): per doctor in view, opening hours, time off and the
appointments, composed from schedules (`calendar_hours`) and appointments
(`reading.calendar_blocks`). Staff see any doctors, a doctor only themself. No reasons or
clinical content; staff reads are in each shown patient's access log."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from clinic360.accounts.models import Role, User
from clinic360.appointments.reading import calendar_blocks
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.db import transaction
from clinic360.core.errors import ValidationFailed
from clinic360.frontdesk.calendar_schemas import (
    CalendarBlock,
    CalendarDoctor,
    CalendarOut,
    CalendarQuery,
    CalendarVisitType,
    Span,
)
from clinic360.schedules.calendar_hours import doctors_in_view, hours_between


def calendar(viewer: User, query: CalendarQuery) -> tuple[CalendarOut, int]:
    """The calendar of [from, to) and how many doctors matched (at most CALENDAR_MAX_DOCTORS
    are in the answer). Raises ValidationFailed for a range over CALENDAR_MAX_DAYS, NotFound
    for a doctor id the viewer may not see (as a missing one)."""
    if query.to - query.from_ > timedelta(days=current_app.config["CALENDAR_MAX_DAYS"]):
        raise ValidationFailed(
            {"to": f"at most {current_app.config['CALENDAR_MAX_DAYS']} days after 'from'"}
        )
    staff = viewer.role != Role.DOCTOR
    with transaction(write=staff) as session:
        doctors, total = doctors_in_view(
            session, viewer, query.ids, query.specialization_id,
            current_app.config["CALENDAR_MAX_DOCTORS"],
        )  # fmt: skip
        hours = hours_between(session, doctors, query.from_, query.to)
        rows = calendar_blocks(session, [d.id for d in doctors], query.from_, query.to)
        if staff:
            record_access(
                session, viewer, AuditAction.APPOINTMENTS_DAY, sorted({a.patient_id for a in rows})
            )
        by_doctor: dict[int, list[CalendarBlock]] = {}
        for a in rows:
            kind = a.visit_type
            by_doctor.setdefault(a.doctor_id, []).append(
                CalendarBlock(
                    id=a.id, start=a.start_time, end=a.end_time, status=a.status,
                    patient_id=a.patient_id, patient_name=a.patient.full_name,
                    visit_type=None if kind is None else CalendarVisitType(
                        id=kind.id, name=kind.name, colour=kind.colour),
                )
            )  # fmt: skip
        out = [
            CalendarDoctor(
                id=h.doctor.id, full_name=h.doctor.full_name,
                specialization=h.doctor.specialization, timezone=h.doctor.timezone or "UTC",
                opening=[Span(start=s, end=e) for s, e in h.opening],
                time_off=[Span(start=s, end=e) for s, e in h.time_off],
                blocks=by_doctor.get(h.doctor.id, []),
            )
            for h in hours
        ]  # fmt: skip
        return CalendarOut(doctors=out), total
