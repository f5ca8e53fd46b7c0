"""Errors of the appointments domain, each with its HTTP status and stable `code`."""

from __future__ import annotations

from typing import Any

from clinic360.core.errors import Conflict, DomainError, ValidationFailed


class SlotTaken(Conflict):
    """The interval overlaps a non-cancelled appointment of the doctor or of the patient.

    `alternatives` holds up to three nearest free slots of the doctor,
    `[{"startTime": ..., "endTime": ...}]` (UTC, `Z`).
    """

    code = "slot_taken"
    detail = "This time is no longer free. Pick one of the alternatives."

    def __init__(self, alternatives: list[dict[str, str]]) -> None:
        super().__init__()
        self.extra = {"alternatives": alternatives}


class InvalidTransition(Conflict):
    """The requested change is not allowed from the appointment's current status or time."""

    code = "invalid_transition"
    detail = "This change is not allowed for the appointment in its current state."


class InPast(DomainError):
    status = 422
    code = "in_past"
    detail = "startTime must be in the future."

    def __init__(self) -> None:
        super().__init__()
        self.extra: dict[str, Any] = {"errors": {"startTime": "must be in the future"}}


class AppointmentLimitReached(DomainError):
    """The patient already holds MAX_FUTURE_APPOINTMENTS_PER_PATIENT future appointments."""

    status = 422
    code = "appointment_limit_reached"

    def __init__(self, limit: int) -> None:
        super().__init__(f"At most {limit} upcoming appointments per patient.")


class DoctorAppointmentLimitReached(DomainError):
    """The patient already holds MAX_UPCOMING_APPOINTMENTS_PER_DOCTOR with this doctor."""

    status = 422
    code = "doctor_appointment_limit_reached"

    def __init__(self, limit: int) -> None:
        super().__init__(f"At most {limit} upcoming appointments with one doctor.")


class IdempotencyKeyReused(DomainError):
    """The `Idempotency-Key` was sent before with a different booking request."""

    status = 422
    code = "idempotency_key_reused"
    detail = "This Idempotency-Key was used for a different booking request."


class UnknownDoctor(ValidationFailed):
    """No approved doctor has this id (missing, not a doctor, or not approved look the same)."""

    def __init__(self) -> None:
        super().__init__({"doctorId": "no bookable doctor with this id"})


class CancellationWindowPassed(Conflict):
    """A patient cancels later than the visit type's cancellation notice (the doctor still
    may); `contactLine` says how to reach the clinic (CLINIC_CONTACT_LINE), `deadline` until
    when it could be done online."""

    code = "cancellation_window_passed"

    def __init__(self, hours: int, contact_line: str, deadline: str) -> None:
        super().__init__(
            f"This visit can be cancelled online until {hours} hours before it starts. "
            f"{contact_line}"
        )
        self.extra = {"contactLine": contact_line, "deadline": deadline}


class RescheduleWindowPassed(Conflict):
    """A patient moves a visit later than the type's reschedule notice (the doctor still
    may); `contactLine` and `deadline` as for `CancellationWindowPassed`."""

    code = "reschedule_window_passed"

    def __init__(self, hours: int, contact_line: str, deadline: str) -> None:
        super().__init__(
            f"This visit can be moved online until {hours} hours before it starts. {contact_line}"
        )
        self.extra = {"contactLine": contact_line, "deadline": deadline}


class LinkChanged(Conflict):
    """An email link of an older version of the appointment: it shows, never acts.

    `current` is the page's state as it is now (what GET /api/manage/{token} shows)."""

    code = "link_changed"
    detail = "This appointment has changed since this email was sent."

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__()
        self.extra = {"current": current}


class SeriesConflict(Conflict):
    """Some occurrences of a recurring series cannot be booked; nothing was booked.

    `conflicts` lists each of them, `[{"startTime", "endTime", "problem", "alternatives"}]`:
    `problem` is `slot_taken` (the doctor or patient is busy), `clinic_closed` or
    `outside_availability`
    (not one of the doctor's slots of the type on that day); `alternatives` are up to three
    nearest free slots of the same type, as in `slot_taken`.
    """

    code = "series_conflict"
    detail = "Some dates of the series are not free. Nothing was booked."

    def __init__(self, conflicts: list[dict[str, Any]]) -> None:
        super().__init__()
        self.extra = {"conflicts": conflicts}
