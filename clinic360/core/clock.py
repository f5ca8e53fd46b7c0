"""The one place the app reads the clock (tests move it with time-machine)."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
