"""Who may read the reports: THE rule (one function; the API asks nothing else)."""

from __future__ import annotations

from clinic360.accounts.models import User

READERS = frozenset({"admin", "manager"})
"""Roles that read reports. Compared as strings: `Role` values are `StrEnum`s, so a role
added to the enum later (the manager) matches by its value."""


def may_read_reports(user: User) -> bool:
    """Admins and managers read the reports; nobody else (patients, doctors, front desk)."""
    return str(getattr(user.role, "value", user.role)) in READERS
