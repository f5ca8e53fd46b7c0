"""Errors of the schedules domain (status and code live on each class)."""

from clinic360.core.errors import DomainError, ValidationFailed


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


class WeeklyOverlap(DomainError):
    """Open hours for several weekdays overlap open hours the doctor already has; `extra`
    names the days (`daysOfWeek`, 0 = Sunday). Nothing was written."""

    status = 409
    code = "schedule_overlap"
    detail = "These hours overlap opening hours you already have."


class DatedRangeReversed(ValidationFailed):
    """`endDate` before `date`."""

    code = "date_range_reversed"


class DatedRangeTooLong(ValidationFailed):
    """A dated entry covering more dates than SCHEDULE_MAX_RANGE_DAYS."""

    code = "date_range_too_long"


class TimeOffInPast(ValidationFailed):
    """Time off whose last date is before the doctor's today (today itself is allowed)."""

    code = "time_off_in_past"


class ExtraHoursInPast(ValidationFailed):
    """Extra hours whose last date is before the doctor's today (today itself is allowed)."""

    code = "extra_hours_in_past"
