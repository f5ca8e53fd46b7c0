"""Managing an appointment through the link in its emails, without logging in.

The link (`links.py`) names one version of one appointment. Every call is counted per
client address first (MANAGE_LINK_REQUESTS_PER_ADDRESS_HOUR), known link or not. A token
that is not genuine, and a link whose visit has started, are `NotFound` alike. A link of an
older version (any change since bumps `sequence`) answers `LinkChanged` with the current
state and never acts. Cancelling and moving go through the signed-in patient's path
(`transitions.change`, so the booking checks and the database decide), bound to the link's
version and recorded in the history as the patient's, `via` the email link. Whether the
patient may still cancel or move it online is `policy` (the signed-in path's rule too).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clinic360.appointments import booking, history, links, policy, transitions, video
from clinic360.appointments.errors import InvalidTransition, LinkChanged
from clinic360.appointments.manage_schemas import ManageStateOut
from clinic360.appointments.models import ACTIVE_STATUSES, Appointment
from clinic360.appointments.reading import with_parties
from clinic360.appointments.schemas import AppointmentUpdate
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.core.ratelimit import check
from clinic360.schedules.slots import Slot, SlotRules

log = logging.getLogger("clinic360.appointments")

HOUR = timedelta(hours=1)
ALTERNATIVES = 8
VIDEO_PLACE = "Video visit"


@dataclass(frozen=True)
class ManageState:
    """What the link page shows (serialised by `ManageStateOut`)."""

    appointment: Appointment
    place: str
    video_link: str | None
    may_cancel: bool
    may_reschedule: bool
    cancel_deadline: datetime
    reschedule_deadline: datetime
    contact_line: str

    @property
    def may_change(self) -> bool:
        return self.may_cancel or self.may_reschedule

    @property
    def change_deadline(self) -> datetime:
        return max(self.cancel_deadline, self.reschedule_deadline)


def _state(session: Session, appointment: Appointment, now: datetime) -> ManageState:
    active = appointment.status in ACTIVE_STATUSES
    cancel_by = policy.patient_change_deadline(session, appointment, "cancel")
    move_by = policy.patient_change_deadline(session, appointment, "reschedule")
    return ManageState(
        appointment=appointment,
        place=_place(appointment),
        video_link=video.link_of(appointment),
        may_cancel=active and now < cancel_by,
        may_reschedule=active and now < move_by,
        cancel_deadline=cancel_by,
        reschedule_deadline=move_by,
        contact_line=policy.contact_line(),
    )


def _place(appointment: Appointment) -> str:
    """Where it happens: a video visit; the doctor's address for one in person (when they
    gave one), the clinic otherwise."""
    channel = appointment.visit_type.channel if appointment.visit_type else None
    if channel == "video":
        return VIDEO_PLACE
    return appointment.doctor.address or current_app.config["CLINIC_NAME"]


def _changed(session: Session, appointment: Appointment, now: datetime) -> LinkChanged:
    current = ManageStateOut.model_validate(_state(session, appointment, now))
    return LinkChanged(current.model_dump(mode="json", by_alias=True))


def _count(address: str) -> datetime:
    """Count the request of `address` (before any lookup; RateLimited beyond the setting);
    returns now."""
    check(
        "manage-link-address",
        address,
        limit=current_app.config["MANAGE_LINK_REQUESTS_PER_ADDRESS_HOUR"],
        window=HOUR,
    )
    return utcnow()


def _resolve(session: Session, token: str, now: datetime) -> Appointment:
    """The appointment of a genuine, unexpired link of its current version.

    Raises NotFound (not genuine, no such appointment, visit started) and LinkChanged (an
    older version)."""
    parsed = links.parse(token)
    if parsed is None:
        raise NotFound()
    appointment_id, sequence = parsed
    appointment = session.scalar(
        with_parties(select(Appointment))
        .where(Appointment.id == appointment_id)
        .execution_options(populate_existing=True)
    )
    if appointment is None or appointment.start_time <= now:
        raise NotFound()
    if appointment.sequence != sequence:
        raise _changed(session, appointment, now)
    return appointment


def count_link_request(address: str) -> datetime:
    """Count a request of `address` on a manage link (raises RateLimited); returns now."""
    return _count(address)


def appointment_of_link(session: Session, token: str, now: datetime) -> Appointment:
    """The appointment of a genuine link of its current version (raises as `_resolve`)."""
    return _resolve(session, token, now)


def view(token: str, address: str) -> ManageState:
    """The appointment of the link. Raises RateLimited, NotFound, LinkChanged."""
    now = _count(address)
    with transaction(write=False) as session:
        return _state(session, _resolve(session, token, now), now)


def confirm_attendance(token: str, address: str) -> ManageState:
    """The patient confirms they will come (again: no change). The appointment keeps its
    version (the link stays valid); the agenda shows it. Raises RateLimited, NotFound,
    LinkChanged, InvalidTransition (cancelled or finished)."""
    now = _count(address)
    with transaction() as session:
        appointment = _resolve(session, token, now)
        if appointment.status not in ACTIVE_STATUSES:
            raise InvalidTransition()
        if appointment.patient_confirmed_at is None:
            confirmed = session.execute(
                update(Appointment)
                .where(
                    Appointment.id == appointment.id,
                    Appointment.sequence == appointment.sequence,
                    Appointment.status.in_(ACTIVE_STATUSES),
                )
                .values(patient_confirmed_at=now)
                .execution_options(synchronize_session=False)
            )
            if confirmed.rowcount != 1:  # type: ignore[attr-defined]
                raise InvalidTransition()  # changed meanwhile; the next look shows how
            history.record(
                session, appointment, appointment.patient_id, "attendance_confirmed",
                via=history.EMAIL_LINK,
            )  # fmt: skip
            session.refresh(appointment)
        state = _state(session, appointment, now)
    _logged(appointment, "attendance_confirmed")
    return state


def cancel(token: str, reason: str, address: str) -> ManageState:
    """Cancel as the patient; `reason` (their words, required) goes to the history only.
    Raises RateLimited, NotFound, LinkChanged, ValidationFailed, CancellationWindowPassed,
    InvalidTransition."""
    if not reason.strip():
        raise ValidationFailed({"reason": "tell the clinic why you cancel"})
    data = AppointmentUpdate(status="cancelled")
    return _act(token, address, data, "cancel", "cancelled", reason)


def reschedule(token: str, start: datetime, end: datetime, address: str) -> ManageState:
    """Move to a free slot of the same doctor, as the patient moving it when signed in.
    Raises RateLimited, NotFound, LinkChanged, RescheduleWindowPassed and the booking
    errors (`SlotTaken` with alternatives, `NotASlot`, `InPast`, …)."""
    data = AppointmentUpdate(start_time=start, end_time=end)
    return _act(token, address, data, "reschedule", "rescheduled", None)


def alternatives(token: str, address: str) -> list[Slot]:
    """Free times of the same doctor to move to, nearest to the current time first.
    Raises RateLimited, NotFound, LinkChanged, RescheduleWindowPassed."""
    now = _count(address)
    with transaction(write=False) as session:
        appointment = _resolve(session, token, now)
        if appointment.status not in ACTIVE_STATUSES:
            raise InvalidTransition()
        policy.ensure_patient_may(session, appointment, "reschedule", now)
        rules = SlotRules.of(transitions.visit_type_of(session, appointment))
        return booking.free_times(
            session,
            appointment.doctor,
            appointment.patient_id,
            rules,
            appointment.start_time,
            limit=ALTERNATIVES,
        )


def _act(
    token: str,
    address: str,
    data: AppointmentUpdate,
    change: policy.Change,
    action: str,
    note: str | None,
) -> ManageState:
    now = _count(address)
    with transaction(write=False) as session:
        appointment = _resolve(session, token, now)
        if appointment.status in ACTIVE_STATUSES:
            policy.ensure_patient_may(session, appointment, change, now)
        patient = appointment.patient  # the link acts as them, on their own appointment
        sequence = appointment.sequence
        appointment_id = appointment.id
    try:
        transitions.change(
            patient,
            appointment_id,
            data,
            expected_sequence=sequence,
            via=history.EMAIL_LINK,
            note=note,
        )
    except transitions.StaleVersion:
        with transaction(write=False) as session:
            raise _changed(session, _reload(session, appointment_id), utcnow()) from None
    with transaction(write=False) as session:
        updated = _reload(session, appointment_id)
        state = _state(session, updated, utcnow())
    _logged(updated, action)
    return state


def _reload(session: Session, appointment_id: int) -> Appointment:
    found = session.scalar(
        with_parties(select(Appointment)).where(Appointment.id == appointment_id)
    )
    if found is None:
        raise NotFound()
    return found


def _logged(appointment: Appointment, action: str) -> None:
    log.info(
        "appointment changed through its email link",
        extra={"appointment_id": appointment.id, "action": action, "by": "patient"},
    )
