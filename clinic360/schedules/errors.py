"""Errors of the schedules domain (status and code live on each class)."""

from clinic360.core.errors import Conflict, DomainError, ValidationFailed


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


class InvalidVisitType(ValidationFailed):
    """A visit type that cannot be used or saved: not one of the doctor's active types, a
    name another active type has, retiring the default type. `errors` names the field."""

    code = "invalid_visit_type"


class VisitTypeInUse(Conflict):
    """Deleting a type that appointments name: retire it instead (`active: false`)."""

    code = "visit_type_in_use"
    detail = "Appointments use this visit type: retire it instead of deleting it."


class VisitTypeLimitReached(DomainError):
    """The doctor already has MAX_VISIT_TYPES_PER_DOCTOR types (retired ones count)."""

    status = 422
    code = "visit_type_limit_reached"

    def __init__(self, limit: int) -> None:
        super().__init__(f"At most {limit} visit types per doctor.")


class VisitTypeNotBookable(DomainError):
    """Patients may not book this type online (staff only, or existing patients only)."""

    status = 403
    code = "visit_type_not_bookable"
    detail = "This visit type cannot be booked online by you. Contact the clinic."


class NoticeTooShort(DomainError):
    """The visit starts sooner than the type's minimum notice."""

    status = 422
    code = "notice_too_short"

    def __init__(self, minutes: int) -> None:
        super().__init__(f"This visit must be booked at least {minutes} minutes ahead.")


class OutsideBookingWindow(DomainError):
    """The visit starts later than the type's booking horizon."""

    status = 422
    code = "outside_booking_window"

    def __init__(self, days: int) -> None:
        super().__init__(f"This visit can be booked at most {days} days ahead.")


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


class ClinicClosed(DomainError):
    """The requested time falls on a clinic closure date (on the doctor's clock)."""

    status = 422
    code = "clinic_closed"
    detail = "The clinic is closed on that date."


class ClosureExists(Conflict):
    """The date is already a clinic closure."""

    code = "closure_exists"
    detail = "That date is already a clinic closure."


class ClosureLimitReached(DomainError):
    """A year would hold more closure dates than CLOSURES_MAX_PER_YEAR. Nothing was added."""

    status = 422
    code = "closure_limit_reached"

    def __init__(self, limit: int, year: int) -> None:
        super().__init__(f"At most {limit} closure dates in {year}; nothing was added.")


class UnknownCountry(ValidationFailed):
    """A country code the `holidays` package does not know."""

    code = "unknown_country"


class UnknownRegion(ValidationFailed):
    """A region (subdivision) code the country does not have."""

    code = "unknown_region"


class TimeOffHitsAppointments(Conflict):
    """Time off would cover booked appointments; `extra["appointments"]` lists them (id,
    times, patient name: never the reason). Nothing was saved; the doctor may send the
    same request with `cancelAppointments` to cancel them along with saving it."""

    code = "time_off_hits_appointments"
    detail = (
        "This time off covers booked appointments. Cancel them with it "
        "(cancelAppointments) or choose other times; nothing was saved."
    )
