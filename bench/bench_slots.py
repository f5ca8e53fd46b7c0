"""Benchmark: free slots and the doctor list at 1,000 doctors on PostgreSQL (not a test).

Creates a scratch database, bulk-loads 1,000 approved doctors with weekly hours (Mon–Fri
09:00–12:00 and 13:00–17:00, 30-minute slots) and, per doctor, an appointment in every
other slot from 30 days ago to 62 days ahead; then times requests through the Flask test
client and prints a markdown table. The scratch database is dropped at the end.

    .venv/bin/python -m bench.bench_slots [--doctors 1000] [--runs 200]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from flask_migrate import upgrade

from clinic360 import create_app
from clinic360.core.db import db

ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "correct horse battery staple"  # noqa: S105  (a throwaway benchmark account)
WINDOWS = [(540, 720), (780, 1020)]  # 09:00–12:00, 13:00–17:00
WEEKDAYS = [1, 2, 3, 4, 5]


def _copy(
    conn: psycopg.Connection, table: str, columns: str, rows: list[tuple[object, ...]]
) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    with conn.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def seed(url: str, doctors: int) -> int:
    """Bulk-insert the data set; returns the number of appointments."""
    now = datetime.now(UTC)
    created = now.isoformat()
    users = []
    for i in range(doctors):
        users.append(
            (
                i + 1,
                f"doc{i}",
                f"doc{i}@example.org",
                f"Doctor {i:04d}",
                "doctor",
                "Europe/Berlin",
                1 if i % 4 else 2,  # specialization_id: Cardiology, Dermatology
                "true",
                30,
                "x",
                created,
                created,
            )
        )
    for i in range(doctors):
        users.append(
            (
                doctors + i + 1,
                f"pat{i}",
                f"pat{i}@example.org",
                f"Patient {i}",
                "patient",
                "UTC",
                None,
                "true",
                None,
                "x",
                created,
                created,
            )
        )
    entries = [
        (doctor, day, start, end, "true", created, created)
        for doctor in range(1, doctors + 1)
        for day in WEEKDAYS
        for start, end in WINDOWS
    ]
    appointments = []
    first = date.today() - timedelta(days=30)
    for offset in range(92):
        day = first + timedelta(days=offset)
        if (day.weekday() + 1) % 7 not in WEEKDAYS:
            continue
        for start, end in WINDOWS:
            for minute in range(start, end, 60):  # every other 30-minute slot
                # Berlin is UTC+1 in winter, +2 in summer; a fixed +1 is close enough here.
                begins = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(
                    minutes=minute - 60
                )
                for doctor in range(1, doctors + 1):
                    appointments.append(
                        (
                            doctor,
                            doctors + doctor,
                            begins.isoformat(),
                            (begins + timedelta(minutes=30)).isoformat(),
                            "scheduled",
                            0,
                            created,
                            created,
                        )
                    )
    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        conn.execute(
            "INSERT INTO specializations (id, name, name_key, active, created_at, updated_at) "
            "VALUES (1, 'Cardiology', 'cardiology', true, now(), now()), "
            "(2, 'Dermatology', 'dermatology', true, now(), now())"
        )
        conn.execute("SELECT setval('specializations_id_seq', 2)")
        _copy(
            conn,
            "users",
            "id, username, email, full_name, role, timezone, specialization_id, "
            "approved, slot_minutes, password_hash, created_at, updated_at",
            users,
        )
        conn.execute("SELECT setval('users_id_seq', %s)", (2 * doctors,))
        _copy(
            conn,
            "schedule_entries",
            "doctor_id, day_of_week, start_minute, end_minute, "
            "is_available, created_at, updated_at",
            entries,
        )
        _copy(
            conn,
            "appointments",
            "doctor_id, patient_id, start_time, end_time, status, sequence, created_at, updated_at",
            appointments,
        )
        conn.execute("ANALYZE")
    return len(appointments)


def timings(call: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--doctors", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    name = f"clinic360_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = "postgresql+psycopg://" + ADMIN_URL.split("://", 1)[1].rsplit("/", 1)[0] + f"/{name}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            app = create_app(
                {
                    "DATABASE_URL": url,
                    "REDIS_URL": "",
                    "LOG_LEVEL": "WARNING",
                    "SECRET_KEY": "bench-" + "x" * 40,
                },
                instance_path=Path(folder),
            )
            with app.app_context():
                upgrade()
            started = time.perf_counter()
            count = seed(url, args.doctors)
            print(
                f"seeded {args.doctors} doctors, {count} appointments "
                f"in {time.perf_counter() - started:.1f} s"
            )
            run(app, args.runs)
            with app.app_context():
                db.engine.dispose()
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(app: object, runs: int) -> None:
    client = app.test_client()  # type: ignore[attr-defined]
    csrf = client.get("/api/csrf").get_json()["csrfToken"]
    response = client.post(
        "/api/register",
        json={
            "username": "benchpatient",
            "password": PASSWORD,
            "email": "b@example.org",
            "fullName": "Bench Patient",
            "role": "patient",
        },
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    today = date.today()
    to = today + timedelta(days=61)

    def get(path: str) -> Callable[[], object]:
        def call() -> object:
            result = client.get(path)
            assert result.status_code == 200, result.get_data(as_text=True)
            return result

        return call

    cases = [
        ("free slots, one doctor, 62 days", f"/api/doctors/500/slots?from={today}&to={to}"),
        ("GET /api/doctors (100 per page, nextAvailable)", "/api/doctors"),
        ("GET /api/doctors?limit=500", "/api/doctors?limit=500"),
        ("GET /api/doctors?q=0042", "/api/doctors?q=0042"),
        (
            "GET /api/slots?specialization=cardiology&limit=20 (750 doctors, 7 days)",
            "/api/slots?specialization=cardiology&limit=20",
        ),
    ]
    print("\n| request | runs | p50 ms | p99 ms |\n| --- | --- | --- | --- |")
    for label, path in cases:
        n = runs if "limit=500" not in path and "/api/slots" not in path else max(20, runs // 10)
        get(path)()  # warm up
        p50, p99 = timings(get(path), n)
        print(f"| {label} | {n} | {p50:.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
