"""Errors of the waitlist domain, each with its HTTP status and stable `code`."""

from __future__ import annotations

from clinic360.core.errors import Conflict, DomainError


class OfferTaken(Conflict):
    """Another waitlisted patient claimed the offered time first (or it was booked
    otherwise); the patient stays on the list."""

    code = "offer_taken"
    detail = "Someone was quicker: this time is no longer free. You stay on the waiting list."


class WaitlistLimitReached(DomainError):
    """The patient already has WAITLIST_MAX_ENTRIES_PER_PATIENT entries waiting."""

    status = 422
    code = "waitlist_limit_reached"

    def __init__(self, limit: int) -> None:
        super().__init__(f"At most {limit} waiting-list entries at once.")
