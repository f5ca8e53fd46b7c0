"""Reading a recurring series and cancelling its future occurrences.

Only the series' doctor (while approved) and its patient see or cancel it; anyone else
gets 404, the same as for a missing series. Cancelling one occurrence is the ordinary
PUT /api/appointments/{id}.
"""

from __future__ import annotations

import logging

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.appointments import emails, history, policy
from clinic360.appointments.models import (
    ACTIVE_STATUSES,
    Appointment,
    AppointmentSeries,
    AppointmentStatus,
)
from clinic360.appointments.reading import with_parties
from clinic360.appointments.reasons import present
from clinic360.appointments.series import out
from clinic360.appointments.series_schemas import SeriesCancelled, SeriesOut
from clinic360.core.clock import utcnow
from clinic360.core.db import run_in_transaction, transaction
from clinic360.core.errors import NotFound
from clinic360.outbox.models import EmailKind

log = logging.getLogger("clinic360.appointments")


def _party(user: User) -> list[ColumnElement[bool]]:
    if user.role == Role.PATIENT:
        return [AppointmentSeries.patient_id == user.id]
    if user.is_active_doctor:
        return [AppointmentSeries.doctor_id == user.id]
    return [AppointmentSeries.id.is_(None)]


def _owned(session: Session, user: User, series_id: int) -> AppointmentSeries:
    series = session.scalar(
        select(AppointmentSeries).where(AppointmentSeries.id == series_id, *_party(user))
    )
    if series is None:
        raise NotFound()
    return series


def _occurrences(session: Session, series_id: int) -> list[Appointment]:
    return list(
        session.scalars(
            with_parties(select(Appointment))
            .where(Appointment.series_id == series_id)
            .order_by(Appointment.start_time)
            .execution_options(populate_existing=True)
        ).unique()
    )


def show(user: User, series_id: int) -> SeriesOut:
    """The series with every occurrence, for its doctor or patient; `NotFound` otherwise."""
    with transaction(write=user.role == Role.DOCTOR) as session:
        series = _owned(session, user, series_id)
        return out(series, present(session, user, _occurrences(session, series_id)))


def cancel_future(user: User, series_id: int) -> SeriesCancelled:
    """Cancel every upcoming (scheduled or confirmed) occurrence of the series; one email
    to the patient and one to the doctor list the cancelled dates.

    A patient cannot cancel online inside a visit type's cancellation notice: those
    occurrences stay booked (the doctor can cancel them). Nothing left to cancel → the
    series as it is, `cancelled` empty."""
    now = utcnow()

    def work(session: Session) -> SeriesCancelled:
        series = _owned(session, user, series_id)
        upcoming = [
            appointment
            for appointment in _occurrences(session, series_id)
            if appointment.status in ACTIVE_STATUSES and appointment.start_time > now
        ]
        if user.role == Role.PATIENT:
            # The one change-window rule (policy.py): visits inside the type's
            # cancellation notice stay booked; the doctor can still cancel them.
            upcoming = [a for a in upcoming if policy.patient_may(session, a, "cancel", now)]
        ids = [appointment.id for appointment in upcoming]
        if ids:
            session.execute(
                update(Appointment)
                .where(Appointment.id.in_(ids), Appointment.status.in_(ACTIVE_STATUSES))
                .values(
                    status=AppointmentStatus.CANCELLED.value,
                    sequence=Appointment.sequence + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        occurrences = _occurrences(session, series_id)
        cancelled = [a for a in occurrences if a.id in ids]
        for role in emails.BOTH:
            emails.series(session, EmailKind.SERIES_CANCELLED, series.id, cancelled, role)
        for appointment in cancelled:
            history.record(session, appointment, user.id, "cancelled")
        shown = out(series, present(session, user, occurrences))
        return SeriesCancelled(**dict(shown), cancelled=[a.start_time for a in cancelled])

    result = run_in_transaction(work)
    log.info("series cancelled", extra={"series_id": series_id, "count": len(result.cancelled)})
    return result
