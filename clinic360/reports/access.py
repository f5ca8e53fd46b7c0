"""Who may read the reports: THE rule (one function; the API asks nothing else)."""

from __future__ import annotations

from clinic360.accounts.models import Role, User

READERS = frozenset({Role.ADMIN, Role.MANAGER})
"""Roles that read reports (counts and hours, never clinical content)."""


def may_read_reports(user: User) -> bool:
    """Admins and managers read the reports; nobody else (patients, doctors, front desk)."""
    return user.role in READERS
