"""Errors of the audit domain."""

from clinic360.core.errors import ServiceUnavailable


class AuditUnavailable(ServiceUnavailable):
    """The access-log row could not be written, so the access itself is refused (fail closed)."""

    code = "audit_unavailable"
    detail = "The request could not be recorded in the access log. Try again shortly."
