"""Errors of the reports domain."""

from clinic360.core.errors import ValidationFailed


class InvalidReportRange(ValidationFailed):
    """`to` before `from`, or a range longer than REPORTS_MAX_RANGE_DAYS (both ends
    counted); `errors` names the field."""

    code = "invalid_report_range"
