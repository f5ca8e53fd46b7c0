"""Reminder steps: `7d,24h,2h` parsed into minutes before the start, and named back.

One parser for the setting (`REMINDER_SCHEDULE`, checked at start-up) and one name per step
(`step_label`), used by the reminder scan, the outbox keys and the profile's choices.
"""

from __future__ import annotations

import re

_STEP = re.compile(r"^(\d{1,5})([mhd])$")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60}
MAX_STEPS = 10
MAX_STEP_MINUTES = 60 * 24 * 60  # 60 days
MIN_STEP_MINUTES = 5


def parse_schedule(raw: str) -> tuple[int, ...]:
    """`"7d,24h,2h"` → `(10080, 1440, 120)`: minutes before the start, longest first.

    Empty means no reminders. Raises ValueError for an unknown unit, a step under 5 minutes
    or over 60 days, a repeated step, or more than 10 steps.
    """
    parts = [part.strip().lower() for part in raw.split(",") if part.strip()]
    steps: list[int] = []
    for part in parts:
        match = _STEP.match(part)
        if match is None:
            raise ValueError(f"not a step like 7d, 24h or 30m: {part!r}")
        minutes = int(match.group(1)) * _UNIT_MINUTES[match.group(2)]
        if not MIN_STEP_MINUTES <= minutes <= MAX_STEP_MINUTES:
            raise ValueError(f"a step is 5 minutes to 60 days: {part!r}")
        if minutes in steps:
            raise ValueError(f"step given twice: {part!r}")
        steps.append(minutes)
    if len(steps) > MAX_STEPS:
        raise ValueError(f"at most {MAX_STEPS} steps")
    return tuple(sorted(steps, reverse=True))


def step_label(minutes: int) -> str:
    """The name of a step: `7d`, `2d`, `24h`, `2h`, `90m` (whole days from two days up)."""
    if minutes % (24 * 60) == 0 and minutes >= 2 * 24 * 60:
        return f"{minutes // (24 * 60)}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"
