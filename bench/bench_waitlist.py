"""Benchmark: one waitlist offer cycle for 1,000 freed slots on PostgreSQL (not a test).

Creates a scratch database with 100 doctors open around the clock and 300 waitlisted
patients (three on each doctor's list), records 1,000 freed slots (ten per doctor, two
days ahead, nothing booked), then times the worker's offer function
(`waitlist.offers.run_offer_cycle`) once: each slot is checked free with the slot engine
and offered to WAITLIST_OFFERS_PER_SLOT patients, one outbox email each. `make bench`
runs it (`measure`) and adds a Summary row; alone:

    .venv/bin/python -m bench.bench_waitlist [--slots 1000]
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bench.scratch import scratch_app
from clinic360.accounts.models import User
from clinic360.core.db import db
from clinic360.outbox.models import OutboxEmail
from clinic360.schedules.models import ScheduleEntry, VisitType
from clinic360.schedules.visit_types import keep_default_type
from clinic360.waitlist.models import FreedSlot, WaitlistEntry
from clinic360.waitlist.offers import run_offer_cycle

NO_LOGIN = "x"  # not a hash: these accounts never log in
SLOTS_PER_DOCTOR = 10
PATIENTS_PER_DOCTOR = 3


def _seed(slots: int) -> None:
    doctors = max(1, slots // SLOTS_PER_DOCTOR)
    session = db.session
    users = [
        User(username=f"wdoc{i}", email=f"wdoc{i}@example.org", full_name=f"Doctor {i}",
             role="doctor", timezone="UTC", approved=True, slot_minutes=30, password_hash=NO_LOGIN)
        for i in range(doctors)
    ] + [
        User(username=f"wpat{i}", email=f"wpat{i}@example.org", full_name=f"Patient {i}",
             role="patient", timezone="UTC", password_hash=NO_LOGIN)
        for i in range(doctors * PATIENTS_PER_DOCTOR)
    ]  # fmt: skip
    session.add_all(users)
    session.flush()
    day = (datetime.now(UTC) + timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    for n, doctor in enumerate(users[:doctors]):
        keep_default_type(session, doctor)
        session.add_all(
            ScheduleEntry(doctor_id=doctor.id, day_of_week=weekday, start_minute=0,
                          end_minute=1440, is_available=True)
            for weekday in range(7)
        )  # fmt: skip
        session.flush()
        default = session.scalar(
            select(VisitType.id).where(VisitType.doctor_id == doctor.id, VisitType.is_default)
        )
        for k in range(PATIENTS_PER_DOCTOR):
            patient = users[doctors + n * PATIENTS_PER_DOCTOR + k]
            session.add(
                WaitlistEntry(patient_id=patient.id, doctor_id=doctor.id, visit_type_id=default,
                              date_from=day.date(), date_to=(day + timedelta(days=7)).date(),
                              morning=True, afternoon=True, evening=True, status="waiting")
            )  # fmt: skip
        for s in range(SLOTS_PER_DOCTOR):
            start = day + timedelta(hours=8, minutes=30 * s)
            session.add(
                FreedSlot(doctor_id=doctor.id, visit_type_id=default, start_time=start,
                          end_time=start + timedelta(minutes=30), cause="cancelled", status="open")
            )  # fmt: skip
    session.commit()


def measure(slots: int = 1000) -> dict[str, Any]:
    """Seed a scratch database, time one offer cycle; seconds, slots, offers, emails."""
    with scratch_app("clinic360_bench_wl"):
        _seed(slots)
        started = time.perf_counter()
        offers = run_offer_cycle()
        seconds = time.perf_counter() - started
        emails = db.session.scalar(
            select(func.count(OutboxEmail.id)).where(OutboxEmail.kind == "waitlist_offer")
        )
    return {"slots": slots, "offers": offers, "emails": emails, "seconds": round(seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slots", type=int, default=1000)
    result = measure(parser.parse_args().slots)
    print(
        f"offer cycle: {result['slots']} freed slots → {result['offers']} offers, "
        f"{result['emails']} emails in {result['seconds']} s"
    )


if __name__ == "__main__":
    main()
