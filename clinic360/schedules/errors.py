"""Errors of the schedules domain (status and code live on each class)."""

from clinic360.core.errors import DomainError


class OutsideAvailability(DomainError):
    """The requested interval is not entirely inside the doctor's open time."""

    status = 422
    code = "outside_availability"
    detail = "The requested time is outside the doctor's opening hours."


class NotASlot(DomainError):
    """The requested interval is not one of the doctor's slots (their grid and slot length)."""

    status = 422
    code = "not_a_slot"
    detail = "Pick one of the doctor's offered times: the requested time is not one of their slots."
