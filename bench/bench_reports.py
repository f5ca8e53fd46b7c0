"""Benchmark: the reports (issue #21) over one year of a 1,000-doctor clinic with 1,000,000
appointments, on PostgreSQL (not a test).

Seeds a scratch database in SQL (doctors open Monday to Friday 08:00–18:00 with a closed lunch
hour, a week of time off each, ten clinic closures, two visit types per doctor, 100,000
patients, a `booked` history row per appointment and a `cancelled` one per cancellation),
then times the whole report (`reports.service.report`: every grouping, the open hours and the
days) for the last 365 days, `--runs` times after one warm-up. `make bench` runs `measure`
and adds a Summary row; alone:

    .venv/bin/python -m bench.bench_reports [--doctors 1000] [--appointments 1000000] [--explain]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, text

from bench.scratch import scratch_app
from clinic360.accounts.models import User
from clinic360.core.db import db
from clinic360.reports import service
from clinic360.reports.schemas import ReportQuery

NO_LOGIN = "x"  # not a hash: these accounts never log in
PATIENTS = 100_000
CLOSURES = 10


def _seed(doctors: int, appointments: int) -> tuple[int, datetime]:
    """Everything, in SQL; the admin's id and the first day of the year."""
    session = db.session
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    first = today - timedelta(days=365)
    per_doctor = max(1, appointments // doctors)
    patients = min(PATIENTS, appointments)
    params = {"doctors": doctors, "patients": patients, "per": per_doctor, "first": first,
              "pw": NO_LOGIN}  # fmt: skip
    for statement in (
        """INSERT INTO users (username, email, email_key, full_name, role, timezone, approved,
             password_hash, slot_minutes, session_epoch, created_at, updated_at)
           SELECT 'rdoc' || n, 'rdoc' || n || '@example.org', 'rdoc' || n || '@example.org',
             'Doctor ' || n, 'doctor', 'UTC', true, :pw, 30, 0, now(), now()
           FROM generate_series(1, :doctors) AS n""",
        """INSERT INTO users (username, email, email_key, full_name, role, timezone, approved,
             password_hash, session_epoch, created_at, updated_at)
           SELECT 'rpat' || n, 'rpat' || n || '@example.org', 'rpat' || n || '@example.org',
             'Patient ' || n, 'patient', 'UTC', true, :pw, 0, now(), now()
           FROM generate_series(1, :patients) AS n""",
        """INSERT INTO users (username, email, email_key, full_name, role, timezone, approved,
             password_hash, session_epoch, created_at, updated_at)
           VALUES ('radmin', 'radmin@example.org', 'radmin@example.org', 'Admin', 'admin',
             'UTC', true, :pw, 0, now(), now())""",
        """INSERT INTO schedule_entries (doctor_id, day_of_week, start_minute, end_minute,
             is_available, created_at, updated_at)
           SELECT u.id, d, s, e, o, now(), now() FROM users u
           CROSS JOIN generate_series(1, 5) AS d
           CROSS JOIN (VALUES (480, 1080, true), (720, 780, false)) AS w(s, e, o)
           WHERE u.role = 'doctor'""",
        """INSERT INTO schedule_entries (doctor_id, date, end_date, start_minute, end_minute,
             is_available, created_at, updated_at)
           SELECT id, CAST(:first AS date) + (id % 300), CAST(:first AS date) + (id % 300) + 6,
             0, 1440, false, now(), now()
           FROM users WHERE role = 'doctor'""",
        """INSERT INTO clinic_closures (date, name, source, created_at)
           SELECT CAST(:first AS date) + n * 30 + 3, 'Closed ' || n, 'manual', now()
           FROM generate_series(1, 10) AS n""",
        """INSERT INTO visit_types (doctor_id, name, name_key, duration_minutes,
             slot_grid_minutes, buffer_before_minutes, buffer_after_minutes, min_notice_minutes,
             horizon_days, cancel_notice_hours, reschedule_notice_hours, bookable_by, channel,
             colour, is_default, active, created_at, updated_at)
           SELECT u.id, t.name, lower(t.name), 30, 30, 0, 0, 0, 90, t.notice, 0, 'anyone',
             'in_person', '#2563eb', t.is_default, true, now(), now()
           FROM users u CROSS JOIN (VALUES ('Consultation', 0, true), ('Follow-up', 24, false))
             AS t(name, notice, is_default)
           WHERE u.role = 'doctor'""",
        """WITH d AS (
             SELECT id, row_number() OVER (ORDER BY id) - 1 AS dk FROM users WHERE role = 'doctor'
           ), p AS (
             SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE role = 'patient'
           ), t AS (
             SELECT doctor_id, id, row_number() OVER (PARTITION BY doctor_id ORDER BY id) - 1
               AS tk FROM visit_types
           ), v AS (
             SELECT d.id AS doctor_id, d.dk, k,
               :first + (k * 365 / :per) * interval '1 day' + (8 + k % 10) * interval '1 hour'
                 AS start_time
             FROM d CROSS JOIN generate_series(0, :per - 1) AS k
           )
           INSERT INTO appointments (patient_id, doctor_id, visit_type_id, start_time, end_time,
             blocked_start, blocked_end, status, sequence, times_set_at, created_at, updated_at)
           SELECT p.id, v.doctor_id, t.id,
             v.start_time, v.start_time + interval '30 minutes',
             v.start_time, v.start_time + interval '30 minutes',
             CASE WHEN v.k % 10 = 0 THEN 'cancelled' WHEN v.k % 25 = 1 THEN 'no_show'
                  ELSE 'completed' END,
             0, v.start_time - (v.k % 40) * interval '1 day',
             v.start_time - (v.k % 40) * interval '1 day',
             v.start_time - (v.k % 40) * interval '1 day'
           FROM v JOIN p ON p.n = (v.k * 1000 + v.dk) % :patients
           JOIN t ON t.doctor_id = v.doctor_id AND t.tk = v.k % 2""",
        """INSERT INTO appointment_events (appointment_id, actor_id, action, via, sequence, at)
           SELECT id, patient_id, 'booked', 'app', 0, created_at FROM appointments""",
        """INSERT INTO appointment_events (appointment_id, actor_id, action, via, sequence, at)
           SELECT id, patient_id, 'cancelled', 'app', 1,
             start_time - (id % 48) * interval '1 hour'
           FROM appointments WHERE status = 'cancelled'""",
        "ANALYZE",
    ):
        session.execute(text(statement), params)
        session.commit()
    admin_id = session.scalar(text("SELECT id FROM users WHERE username = 'radmin'"))
    return int(admin_id or 0), first


def _time(admin: User, query: ReportQuery, runs: int) -> list[float]:
    service.report(admin, query)  # warm-up: caches, plans
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        service.report(admin, query)
        times.append(time.perf_counter() - started)
    return times


def _explain(admin: User, query: ReportQuery) -> list[str]:
    """EXPLAIN ANALYZE of every statement one report runs."""
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        service.report(admin, query)
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    plans = []
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in seen:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    finally:
        raw.close()
    return plans


def measure(
    doctors: int = 1000, appointments: int = 1_000_000, runs: int = 20, explain: bool = False
) -> dict[str, Any]:
    """Seed a scratch database, time the year's report; p50/p99 ms and the sizes."""
    # Seeding a million rows takes longer than the app's statement timeout.
    with scratch_app("clinic360_bench_rep"):
        started = time.perf_counter()
        admin_id, first = _seed(doctors, appointments)
        seeded = time.perf_counter() - started
        admin = db.session.get(User, admin_id)
        assert admin is not None
        db.session.expunge(admin)
        last = (first + timedelta(days=364)).date()
        query = ReportQuery.model_validate({"from": first.date(), "to": last})
        times = sorted(_time(admin, query, runs))
        count = db.session.scalar(text("SELECT count(*) FROM appointments"))
        result: dict[str, Any] = {
            "doctors": doctors,
            "appointments": int(count or 0),
            "days": 365,
            "runs": runs,
            "seed_seconds": round(seeded, 1),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 1),
        }
        if explain:
            result["plans"] = _explain(admin, query)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--doctors", type=int, default=1000)
    parser.add_argument("--appointments", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    result = measure(args.doctors, args.appointments, args.runs, args.explain)
    for plan in result.pop("plans", []):
        print(plan, end="\n\n")
    print(
        f"report over {result['days']} days, {result['doctors']:,} doctors, "
        f"{result['appointments']:,} appointments (seeded in {result['seed_seconds']} s): "
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms over {result['runs']} runs"
    )


if __name__ == "__main__":
    main()
