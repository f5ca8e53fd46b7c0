"""Benchmark: reminders due for 100,000 appointments queued by one scan (not a test).

Seeds a scratch PostgreSQL database (bench/scratch.py) with 100,000 patients and one doctor
per 24 of them, each doctor's 24 visits 15 minutes apart inside the window of the 24-hour
step (18–24 h ahead, booked a day ago), then times the worker's periodic task
`appointments.reminders.schedule_reminders` once: the due rows read per step, the opt-outs
and SMS opt-ins, and one outbox row per reminder (patient and doctor: 200,000), written
with the outbox's unique keys. Issue #18's target: under a minute. `make bench` runs it
(`measure`) and adds a Summary row; alone:

    .venv/bin/python -m bench.bench_reminders [--appointments 100000]
"""

from __future__ import annotations

import argparse
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select, text

from bench.scratch import scratch_app
from clinic360.accounts.models import User, email_key
from clinic360.appointments.reminders import schedule_reminders
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.outbox.models import OutboxEmail

VISITS_PER_DOCTOR = 24  # 15 minutes apart: 6 hours, the width of one step's window
NO_LOGIN = "x"  # not a hash: these accounts never log in


def _users(role: str, count: int) -> list[dict[str, Any]]:
    return [
        {"username": f"r{role[0]}{i}", "email": f"r{role[0]}{i}@example.org",
         "email_key": email_key(f"r{role[0]}{i}@example.org"), "full_name": f"{role} {i}",
         "role": role, "timezone": "UTC", "approved": True, "password_hash": NO_LOGIN,
         "slot_minutes": 15 if role == "doctor" else None}
        for i in range(count)
    ]  # fmt: skip


def _seed(appointments: int) -> Any:
    """The users and the due appointments; the scan's `now`."""
    doctors = -(-appointments // VISITS_PER_DOCTOR)
    session = db.session
    session.execute(insert(User), _users("doctor", doctors) + _users("patient", appointments))
    now = utcnow()
    session.execute(
        text(
            """
            WITH d AS (
              SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE role = 'doctor'
            ), p AS (
              SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE role = 'patient'
            ), v AS (
              SELECT p.id AS patient_id, d.id AS doctor_id,
                     :base + (p.n % :per) * interval '15 minutes' AS start_time
              FROM p JOIN d ON d.k = p.n / :per
            )
            INSERT INTO appointments (patient_id, doctor_id, start_time, end_time, blocked_start,
              blocked_end, status, sequence, times_set_at, created_at, updated_at)
            SELECT patient_id, doctor_id, start_time, start_time + interval '15 minutes',
              start_time, start_time + interval '15 minutes', 'scheduled', 0,
              :booked, :booked, :booked
            FROM v
            """
        ),
        {"base": now + timedelta(hours=18, minutes=5), "per": VISITS_PER_DOCTOR,
         "booked": now - timedelta(days=1)},
    )  # fmt: skip
    session.commit()
    return now


def measure(appointments: int = 100_000) -> dict[str, Any]:
    """Seed a scratch database, time one reminder scan; seconds, appointments, rows queued."""
    with scratch_app("clinic360_bench_rem", REMINDER_SCHEDULE="7d,24h,2h"):
        now = _seed(appointments)
        started = time.perf_counter()
        queued = schedule_reminders(now)
        seconds = time.perf_counter() - started
        rows = db.session.scalar(select(func.count(OutboxEmail.id)))
        again = schedule_reminders(now)  # a second worker's scan queues nothing more
    return {"appointments": appointments, "queued": queued, "rows": rows, "again": again,
            "seconds": round(seconds, 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--appointments", type=int, default=100_000)
    result = measure(parser.parse_args().appointments)
    print(
        f"reminders: {result['appointments']} due appointments -> {result['queued']} queued "
        f"({result['rows']} outbox rows, {result['again']} on a second scan) "
        f"in {result['seconds']} s"
    )


if __name__ == "__main__":
    main()
