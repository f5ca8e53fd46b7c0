"""`make bench` / `make bench-quick`: seed, serve, measure, write the report.

    python -m bench.run [--quick]

For each data set (smallest first) it recreates the database `clinic360_bench`, seeds it
with `flask seed-demo`, starts gunicorn on a free loopback port (sessions in Redis DB 13),
and measures. The largest set gets every section; the smaller ones only what the
cost-growth table needs. Results: docs/BENCHMARKS.md (quick: bench/out/BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from subprocess import Popen
from typing import Any

import httpx
import psycopg
import redis

from bench import (
    bench_fhir,
    bench_patient_page,
    bench_reminders,
    bench_reports,
    bench_waitlist,
    driver,
    frontend,
    report,
    wrk,
)
from tests.live import _wait_until_healthy as wait_until_healthy
from tests.live import free_port

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("BENCH_DATABASE", "clinic360_bench")
DB_URL = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + DB_NAME  # as database_url(DB_NAME)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PASSWORD = "clinic360-demo"  # noqa: S105  (the documented demo password)
SECRET_KEY = "bench-secret-key-" + "b" * 32
POOL_DOCTORS = 300
FIRST_API_PATIENT = 2  # patient1 is the one with 200 past appointments
FIRST_SQL_PATIENT = 1000
SQL_PATIENTS_PER_CLIENT = 40


@dataclass(frozen=True)
class DataSet:
    doctors: int
    patients: int
    appointments: int


@dataclass(frozen=True)
class Profile:
    name: str
    sets: tuple[DataSet, ...]
    booking_seconds: float
    read_seconds: float
    output: Path
    image: Path


FULL = Profile(
    "full",
    (DataSet(10, 1_000, 10_000), DataSet(100, 10_000, 100_000), DataSet(1000, 100_000, 1_000_000)),
    booking_seconds=15,
    read_seconds=10,
    output=ROOT / "docs" / "BENCHMARKS.md",
    image=ROOT / "docs" / "images" / "cost-growth.png",
)
QUICK = Profile(
    "quick",
    (DataSet(10, 1_000, 10_000), DataSet(50, 5_000, 50_000)),
    booking_seconds=4,
    read_seconds=3,
    output=ROOT / "bench" / "out" / "BENCHMARKS.md",
    image=ROOT / "bench" / "out" / "cost-growth.png",
)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------- environment


def database_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def app_env(
    port: int,
    instance: Path,
    *,
    database: str = DB_URL,
    redis_url: str = REDIS_URL,
    workers: int = WORKERS,
) -> dict[str, str]:
    return {
        **os.environ,
        "FLASK_APP": "clinic360",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "SECRET_KEY": SECRET_KEY,
        "INSTANCE_PATH": str(instance),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "DOCTOR_APPROVAL": "auto",
        # Each client books for the whole run: the per-patient cap of upcoming appointments
        # (20 by default) would turn the measurement into one of its 422s.
        "MAX_FUTURE_APPOINTMENTS_PER_PATIENT": "1000000",
        # Likewise the per-doctor cap and the per-account booking rate (security review #23 F-3).
        "MAX_UPCOMING_APPOINTMENTS_PER_DOCTOR": "1000000",
        "BOOKINGS_PER_ACCOUNT_HOUR": "1000000",
        # Every simulated browser signs in from 127.0.0.1, and the read runs sign one user in
        # on 8 or 32 clients at once: the sign-in limits per address and per user and address
        # (and the guests' read limit) would measure the rate limiter, not the request path.
        "LOGIN_ATTEMPTS_PER_ADDRESS_HOUR": "1000000",
        "LOGIN_FAILURES_PER_USER_ADDRESS": "1000000",
        "ANONYMOUS_READS_PER_MINUTE": "1000000",
        # The series measurement signs a seeded doctor in, who has no second factor.
        "MFA_REQUIRED_ROLES": "admin",
    }


def recreate_database(name: str = DB_NAME) -> None:
    drop_database(name)
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str = DB_NAME) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def clear_redis(url: str = REDIS_URL) -> None:
    """Empty this run's own Redis database (never the others)."""
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(count=1000))
    if keys:
        client.delete(*keys)


def flask(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "flask"), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@contextmanager
def process_group(command: list[str], env: dict[str, str], logfile: Path) -> Iterator[Popen[bytes]]:
    """Run `command` in a session of its own; on exit stop the whole group (SIGTERM, then
    SIGKILL after 20 s), so no worker process outlives a failed run."""
    with logfile.open("ab") as sink:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=sink, stderr=sink, start_new_session=True
        )
        try:
            yield process
        finally:
            _signal_group(process, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
            _signal_group(process, signal.SIGKILL)  # stragglers of a master that already left
            process.wait()


def _signal_group(process: Popen[bytes], sig: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


@contextmanager
def server(
    env: dict[str, str], logfile: Path, app: str = "clinic360:create_app()"
) -> Iterator[str]:
    url = f"http://127.0.0.1:{env['PORT']}"
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", app]
    with process_group(command, env, logfile) as process:
        for attempt in range(4):  # 4 × 30 s: a busy machine starts workers slowly
            try:
                wait_until_healthy(url, process)
                break
            except RuntimeError:
                if attempt == 3 or process.poll() is not None:
                    raise
        yield url


def sql(query: str, *params: Any, url: str = DB_URL) -> list[tuple[Any, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else []


# --------------------------------------------------------------------------- measurements


def fetch_pool(url: str, doctor_ids: list[int], today: str, to: str) -> list[tuple[int, str, str]]:
    """Free slots (doctor, start, end) of these doctors from the API, starting > 2 h ahead."""
    pool: list[tuple[int, str, str]] = []
    queue = list(doctor_ids)

    def step(browser: driver.Browser, _index: int) -> Any:
        if not queue:
            return None
        doctor_id = queue.pop()

        async def call() -> httpx.Response:
            response = await browser.get(f"/api/doctors/{doctor_id}/slots?from={today}&to={to}")
            if response.status_code == 200:
                pool.extend((doctor_id, s["startTime"], s["endTime"]) for s in response.json())
            return response

        return call()

    driver.run(url, [f"patient{FIRST_API_PATIENT + i}" for i in range(8)], PASSWORD, step,
               seconds=120)  # fmt: skip
    soon = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    pool = [slot for slot in pool if slot[1].replace("Z", "+00:00") > soon]
    random.Random(12).shuffle(pool)
    return pool


def _minutes(instant: str) -> int:
    return int(datetime.fromisoformat(instant.replace("Z", "+00:00")).timestamp()) // 60


def patient_queues(
    pool: list[tuple[int, str, str]], owners: int
) -> list[list[tuple[int, str, str]]]:
    """Split the pool into one queue per owner, no two slots of one queue overlapping."""
    queues: list[list[tuple[int, str, str]]] = [[] for _ in range(owners)]
    busy: list[set[int]] = [set() for _ in range(owners)]
    for index, slot in enumerate(pool):
        owner = index % owners
        minutes = set(range(_minutes(slot[1]), _minutes(slot[2])))
        if busy[owner].isdisjoint(minutes):
            busy[owner].update(minutes)
            queues[owner].append(slot)
    return queues


def reset_bookings(baseline: tuple[int, int]) -> None:
    """Remove what a run booked, so every run starts from the seeded state."""
    appointment_id, outbox_id = baseline
    sql("DELETE FROM email_outbox WHERE id > %s OR appointment_id > %s", outbox_id, appointment_id)
    sql("DELETE FROM appointments WHERE id > %s", appointment_id)


def baseline() -> tuple[int, int]:
    (row,) = sql(
        "SELECT coalesce((SELECT max(id) FROM appointments), 0),"
        " coalesce((SELECT max(id) FROM email_outbox), 0)"
    )
    return int(row[0]), int(row[1])


def overlap_count(url: str = DB_URL) -> int:
    """Non-cancelled appointments overlapping the previous one of the same doctor or patient."""
    return sum(overlaps(url).values())


def overlaps(url: str = DB_URL) -> dict[str, int]:
    """Per column (doctor_id, patient_id): non-cancelled appointments that overlap the
    previous one of the same person (any overlap shows up as one with its predecessor)."""
    counts: dict[str, int] = {}
    for column in ("doctor_id", "patient_id"):
        (row,) = sql(
            "SELECT count(*) FROM (SELECT start_time, lag(end_time) OVER "  # noqa: S608
            f"(PARTITION BY {column} ORDER BY start_time) AS previous_end FROM appointments "
            "WHERE status <> 'cancelled') t WHERE previous_end > start_time",
            url=url,
        )
        counts[column] = int(row[0])
    return counts


def api_booking(
    url: str, pool: list[tuple[int, str, str]], clients: int, seconds: float
) -> dict[str, Any]:
    queues = patient_queues(pool, clients)
    users = [f"patient{FIRST_API_PATIENT + i}" for i in range(clients)]

    def step(browser: driver.Browser, index: int) -> Any:
        if not queues[index]:
            return None
        doctor_id, start, end = queues[index].pop()
        body = {
            "doctorId": doctor_id,
            "startTime": start,
            "endTime": end,
            "reason": "Bench booking",
        }
        return browser.post("/api/appointments", body)

    return booking_result(driver.run(url, users, PASSWORD, step, seconds=seconds), clients)


def booking_result(stats: driver.Stats, clients: int) -> dict[str, Any]:
    """A booking run's figures: bookings/s (201), errors (neither 201 nor 409), overlaps."""
    result = stats.summary()
    result["clients"] = clients
    result["bookings_per_second"] = round(stats.ok_per_second(201), 1)
    result["errors"] = stats.errors({201, 409})
    result["conflicts"] = stats.statuses[409]
    result["overlaps_after"] = overlap_count()
    return result


def fhir_beside_api(
    url: str,
    env: dict[str, str],
    pool: list[tuple[int, str, str]],
    doctor_ids: list[int],
    profile: Profile,
) -> dict[str, Any]:
    """A week of one doctor's slots and booking, 8 clients, through `/api` and `/fhir/R4`
    (bench/bench_fhir.py); the API's booking run is `api_booking_8`. Leaves no bookings."""
    app = bench_fhir.parse_app(
        flask(env, "oauth-client", "create", "--name", "Bench back end",
              "--grant-type", "client_credentials", "--scope", bench_fhir.SCOPE)
    )  # fmt: skip
    today = datetime.now(UTC).date()
    first, last = today.isoformat(), (today + timedelta(days=6)).isoformat()
    api_paths = [f"/api/doctors/{d}/slots?from={first}&to={last}" for d in doctor_ids]
    fhir_paths = bench_fhir.slot_paths(doctor_ids, first, (today + timedelta(days=7)).isoformat())
    clients = 8
    # Both answers go through the same read cache, under the same key (a guest's and a
    # patient's view of the same dates): fill it for every doctor first, so neither side
    # runs on the misses the other leaves behind (the FHIR run, second, would find the
    # API's answers cached). Both then measure their own layer over the cached slot engine.
    cookie = wrk.session_cookie(url, "patient8", PASSWORD)
    with httpx.Client(base_url=url, timeout=30.0, headers={"Cookie": cookie}) as http:
        for path in api_paths:
            http.get(path).raise_for_status()
    measured = {
        "api_slots": reads(
            url, "patient8", api_paths, clients=clients, seconds=profile.read_seconds
        ),
        "fhir_slots": reads(
            url,
            None,
            fhir_paths,
            clients=clients,
            seconds=profile.read_seconds,
            headers=bench_fhir.bearer_headers(url, app),
        ),
    }
    users = [f"patient{FIRST_API_PATIENT + i}" for i in range(clients)]
    ids = dict(sql("SELECT username, id FROM users WHERE username = ANY(%s)", users))
    base = baseline()
    stats = bench_fhir.booking(
        url, app, [ids[u] for u in users], patient_queues(pool, clients), profile.booking_seconds
    )
    measured["fhir_booking"] = booking_result(stats, clients)
    reset_bookings(base)
    return measured


def pgbench_booking(
    pool: list[tuple[int, str, str]], clients: int, seconds: float
) -> dict[str, Any]:
    """The same bookings as raw SQL, one transaction each, `clients` connections."""
    patients = [
        int(r[0])
        for r in sql(
            "SELECT id FROM users WHERE role = 'patient' ORDER BY id OFFSET %s LIMIT %s",
            FIRST_SQL_PATIENT,
            clients * SQL_PATIENTS_PER_CLIENT,
        )
    ]
    owners = patient_queues(pool, len(patients))
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_candidates")
        conn.execute(
            "CREATE TABLE bench_candidates (client_no int, seq bigint, doctor_id int,"
            " patient_id int, start_time timestamptz, end_time timestamptz,"
            " PRIMARY KEY (client_no, seq))"
        )
        with conn.cursor().copy("COPY bench_candidates FROM STDIN") as copy:
            for client in range(clients):
                rows = [
                    (doctor, patients[owner], start, end)
                    for owner in range(client, len(patients), clients)
                    for doctor, start, end in owners[owner]
                ]
                random.Random(client).shuffle(rows)
                for seq, (doctor, patient, start, end) in enumerate(rows, start=1):
                    copy.write_row((client, seq, doctor, patient, start, end))
        for client in range(clients):
            conn.execute(f"DROP SEQUENCE IF EXISTS bench_seq_{client}")
            conn.execute(f"CREATE SEQUENCE bench_seq_{client}")
        conn.execute("VACUUM ANALYZE bench_candidates")
    before = baseline()
    logdir = Path(tempfile.mkdtemp(prefix="pgbench-"))
    command = [
        "pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2",
        "-T", str(int(seconds)), "-f", "bench/booking.sql",
        "-l", f"--log-prefix={logdir}/tx", DB_URL,
    ]  # fmt: skip
    # Paths relative to the repository, so the recorded command holds on any machine.
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    # The rows pgbench inserted: ids above the baseline (every earlier run's rows were deleted
    # by reset_bookings). Not max(id) minus the baseline: ids the API runs consumed (rows
    # deleted, sequence not reset) would count as pgbench bookings.
    (row,) = sql("SELECT count(*) FROM appointments WHERE id > %s", before[0])
    booked = int(row[0])
    latencies = [
        int(line.split()[2]) / 1000
        for path in logdir.glob("tx*")
        for line in path.read_text().splitlines()
    ]
    shutil.rmtree(logdir, ignore_errors=True)
    tps = re.search(r"tps = ([\d.]+)", done.stdout)
    duration = re.search(r"duration: (\d+) s", done.stdout)
    seconds_run = float(duration.group(1)) if duration else seconds
    stats = driver.Stats(seconds_run, latencies)
    return {
        "clients": clients,
        "command": " ".join(command[:-2]) + " -l $DB",
        "transactions": len(latencies),
        "tps": float(tps.group(1)) if tps else 0.0,
        "bookings": booked,
        "bookings_per_second": round(booked / seconds_run, 1),
        "p50_ms": round(stats.percentile(50), 2),
        "p99_ms": round(stats.percentile(99), 2),
        "failed": done.returncode != 0,
        "stderr": done.stderr.strip()[-500:],
    }


def reads(
    url: str,
    user: str | None,
    paths: list[str],
    *,
    clients: int,
    seconds: float,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """GET the paths (shuffled, in turn) from `clients` connections with wrk (bench/wrk.py),
    signed in as `user` (None: anonymous, or `headers` alone: a bearer token)."""
    shuffled = list(paths)
    random.Random(7).shuffle(shuffled)
    if user:
        headers = {**(headers or {}), "Cookie": wrk.session_cookie(url, user, PASSWORD)}
    return wrk.run(url, shuffled, clients=clients, seconds=seconds, headers=headers)


SERIES_OCCURRENCES = 12
SERIES_DAYS_AHEAD = 200  # beyond the seeded visits: every occurrence is normally free


def series_booking(url: str, seconds: float, requests: int) -> dict[str, Any]:
    """`doctor1` books weekly series of SERIES_OCCURRENCES for patients in their care
    (POST /api/series, one client), each starting on another free slot of one week
    SERIES_DAYS_AHEAD days from now."""
    ((doctor_id,),) = sql("SELECT id FROM users WHERE username = 'doctor1'")
    patients = [
        int(row[0])
        for row in sql(
            "SELECT DISTINCT patient_id FROM appointments"
            " WHERE doctor_id = %s AND status <> 'cancelled' LIMIT 50",
            doctor_id,
        )
    ]
    first = datetime.now(UTC).date() + timedelta(days=SERIES_DAYS_AHEAD)
    week = {"from": first.isoformat(), "to": (first + timedelta(days=6)).isoformat()}
    slots = httpx.get(f"{url}/api/doctors/{doctor_id}/slots", params=week, timeout=30).json()
    starts = [slot["startTime"] for slot in slots]

    def step(browser: driver.Browser, _index: int) -> Any:
        if not starts or not patients:
            return None
        body = {
            "patientId": patients[len(starts) % len(patients)],
            "startTime": starts.pop(),
            "everyWeeks": 1,
            "count": SERIES_OCCURRENCES,
        }
        return browser.post("/api/series", body)

    stats = driver.run(url, ["doctor1"], PASSWORD, step, seconds=seconds, max_requests=requests)
    result = stats.summary()
    result["occurrences"] = SERIES_OCCURRENCES
    result["booked"] = stats.statuses[201]
    result["errors"] = stats.errors({201})
    return result


def in_range_bookings(today: str, to: str) -> float:
    (row,) = sql(
        "SELECT count(*)::float / greatest(1, (SELECT count(*) FROM users WHERE role = 'doctor'))"
        " FROM appointments WHERE status <> 'cancelled'"
        " AND start_time >= %s::date AND start_time < %s::date + 1",
        today,
        to,
    )
    return round(float(row[0]), 1)


def measure_set(profile: Profile, data: DataSet, main: bool, workdir: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"set": data.__dict__}
    port = free_port()
    env = app_env(port, workdir / "instance")
    log(f"data set {data}: database")
    recreate_database()
    clear_redis()
    flask(env, "db", "upgrade")
    started = time.perf_counter()
    seeded = flask(
        env, "seed-demo", "--doctors", str(data.doctors), "--patients", str(data.patients),
        "--appointments", str(data.appointments),
    )  # fmt: skip
    result["seed_seconds"] = round(time.perf_counter() - started, 1)
    result["seed_output"] = seeded.strip().splitlines()[0]
    log(f"seeded in {result['seed_seconds']} s")
    today = datetime.now(UTC).date()
    to62 = (today + timedelta(days=61)).isoformat()
    to7 = (today + timedelta(days=6)).isoformat()
    result["in_range_per_doctor"] = in_range_bookings(today.isoformat(), to62)
    doctor_ids = [int(r[0]) for r in sql("SELECT id FROM users WHERE role = 'doctor' ORDER BY id")]
    slot_paths = [f"/api/doctors/{d}/slots?from={today}&to={to62}" for d in doctor_ids]
    result["load_average_before"] = os.getloadavg()[0]
    with server(env, workdir / "server.log") as url:
        log("warm-up and candidate slots")
        sample = random.Random(3).sample(doctor_ids, min(POOL_DOCTORS, len(doctor_ids)))
        pool = fetch_pool(url, sample, today.isoformat(), to62)
        result["pool_slots"] = len(pool)
        base = baseline()
        log("cost growth: slot search and booking, one client")
        result["slots_single"] = reads(
            url,
            "patient2",
            slot_paths,
            clients=1,
            seconds=profile.read_seconds * 3,
        )
        result["booking_single"] = api_booking(url, pool, 1, profile.booking_seconds)
        reset_bookings(base)
        if main:
            for clients in (8, 32):
                log(f"booking through the API, {clients} clients")
                result[f"api_booking_{clients}"] = api_booking(
                    url, pool, clients, profile.booking_seconds
                )
                reset_bookings(base)
                log(f"booking as raw SQL (pgbench), {clients} clients")
                result[f"sql_booking_{clients}"] = pgbench_booking(
                    pool, clients, profile.booking_seconds
                )
                reset_bookings(base)
            sql("DROP TABLE IF EXISTS bench_candidates")
            log("the FHIR API beside the JSON API, 8 clients: a week of slots, booking")
            result["fhir"] = fhir_beside_api(url, env, pool, doctor_ids, profile)
            log("free slots of one doctor, 8 clients")
            result["slots_8"] = reads(
                url,
                "patient3",
                slot_paths,
                clients=8,
                seconds=profile.read_seconds,
            )
            log("free slots of one doctor and one visit type, one client")
            type_paths = [
                f"/api/doctors/{d}/slots?from={today}&to={to62}&visitType={t}"
                for d, t in sql(
                    "SELECT doctor_id, id FROM visit_types"
                    " WHERE name_key = 'follow-up' AND active ORDER BY doctor_id"
                )
            ]
            result["type_slots_single"] = reads(
                url, "patient7", type_paths or slot_paths, clients=1,
                seconds=profile.read_seconds * 3,
            )  # fmt: skip
            result["type_slots_single"]["types"] = len(type_paths)
            log("GET /api/user, 8 clients")
            result["user_8"] = reads(
                url, "patient6", ["/api/user"], clients=8, seconds=profile.read_seconds,
            )  # fmt: skip
            log("earliest slots across a specialization")
            specializations = [r[0] for r in sql("SELECT name FROM specializations")]
            search_paths = [
                f"/api/slots?specialization={s.replace(' ', '%20')}&from={today}&to={to7}&limit=20"
                for s in specializations
            ]
            result["earliest_single"] = reads(
                url, "patient4", search_paths, clients=1, seconds=profile.read_seconds * 3,
            )  # fmt: skip
            log("doctor list and my appointments")
            result["doctors_single"] = reads(
                url, "patient5", ["/api/doctors"], clients=1, seconds=profile.read_seconds * 3,
            )  # fmt: skip
            result["my_appointments_single"] = reads(
                url, "patient1", ["/api/appointments"], clients=1,
                seconds=profile.read_seconds * 3,
            )  # fmt: skip
            (row,) = sql(
                "SELECT count(*) FROM appointments a JOIN users u ON u.id = a.patient_id"
                " WHERE u.username = 'patient1' AND a.end_time <= now()"
            )
            result["heavy_patient_past"] = int(row[0])
            log(f"a doctor books {SERIES_OCCURRENCES}-occurrence series")
            result["series_single"] = series_booking(url, profile.read_seconds * 3, 10**6)
            log("front end")
            result["frontend"] = frontend.measure(
                ROOT / "web" / "dist", url, lighthouse=profile.name == "full"
            )
    if main:
        result["floors"] = floors(env, workdir, profile.read_seconds)
    return result


def floors(env: dict[str, str], workdir: Path, seconds: float) -> dict[str, Any]:
    """The same gunicorn set-up and driver with no application work (bench/floors.py), 8
    clients: the denominators of the read ratios, as pgbench is booking's."""
    measured: dict[str, Any] = {}
    for name, app in (("hello", "bench.floors:hello"), ("flask", "bench.floors:flask_app")):
        log(f"floor: {app}, 8 clients")
        floor_env = {**env, "PORT": str(free_port())}
        with server(floor_env, workdir / f"floor-{name}.log", app) as url:
            measured[name] = reads(
                url,
                None,
                ["/api/user"],
                clients=8,
                seconds=seconds,
            )
    return measured


def machine(database: str = DB_URL, redis_url: str = REDIS_URL) -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text()
    total_kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    (pg,) = sql("SHOW server_version", url=database)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "memory_gib": round(total_kib / 1024 / 1024, 1),
        "cpu": cpu.group(1).strip() if cpu else "unknown",
        "postgresql": pg[0],
        "redis": redis.Redis.from_url(redis_url).info()["redis_version"],
        "python": sys.version.split()[0],
        "workers": WORKERS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller data, shorter runs")
    args = parser.parse_args()
    profile = QUICK if args.quick else FULL
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="clinic360-bench-"))
    results: dict[str, Any] = {"profile": profile.name}
    try:
        recreate_database()
        results["machine"] = machine()
        results["sets"] = [
            measure_set(profile, data, data == profile.sets[-1], workdir) for data in profile.sets
        ]
        log("waitlist offer cycle for 1,000 freed slots")
        results["waitlist"] = bench_waitlist.measure(1000)
        due = 100_000 if profile.name == "full" else 10_000
        log(f"reminder scan of {due:,} due visits")
        results["reminders"] = bench_reminders.measure(due)
        log("the doctor's patient page, 10 years of history")
        results["patient_page"] = bench_patient_page.measure(10, 100, 20)
        visits = 1_000_000 if profile.name == "full" else 100_000
        log(f"reports over one year, 1,000 doctors, {visits:,} appointments")
        results["reports"] = bench_reports.measure(1000, visits)
    finally:
        drop_database()
        clear_redis()
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    profile.output.parent.mkdir(parents=True, exist_ok=True)
    profile.image.parent.mkdir(parents=True, exist_ok=True)
    (profile.output.parent / "benchmarks.json").write_text(json.dumps(results, indent=2))
    report.write(results, profile.output, profile.image)
    shutil.rmtree(workdir, ignore_errors=True)
    log(f"wrote {profile.output.relative_to(ROOT)} in {results['total_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
