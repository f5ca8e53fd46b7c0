"""Load (AVAIL-03): 200 simulated users doing the user guide's flows, `make test-long`.

A fresh PostgreSQL database seeded with `flask seed-demo`; gunicorn with 2 × nproc sync
workers (docs/operations.md §8) and one `flask worker`; sessions, rate-limit counters and the
job queue in a Redis database of their own. 40 doctors, 120 seeded patients and 40 patients
who register during the run are driven by `bench/driver.py` for LOAD_SECONDS (default 60).

Patients list doctors, open a doctor's free slots, book one with a reason (a taken slot: its
alternatives), list their upcoming appointments, cancel or reschedule some, read their
records, and now and then log out and in again. Doctors view their day and week, confirm
scheduled appointments, open a patient, read their records and write or amend one.

Asserts: no 5xx and no transport error; no 4xx but the races the API promises (409
`slot_taken`, 409 `invalid_transition`); afterwards no overlapping non-cancelled appointments
per doctor or per patient, an outbox row for both parties of every booking, one row per 201,
intact record hashes, and no clinical text in the server's logs. The figures go to
test-artifacts/load.json; with UPDATE_BENCHMARKS=1 also to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench import report
from bench.driver import Browser, Stats
from bench.driver import run as drive
from bench.run import (
    app_env,
    clear_redis,
    database_url,
    drop_database,
    flask,
    machine,
    overlaps,
    process_group,
    recreate_database,
    server,
    sql,
)
from clinic360.core.config import PROJECT_ROOT
from clinic360.demo import DEMO_PASSWORD
from tests.live import BIN, free_port

# 200 users for LOAD_SECONDS plus seeding and two servers: minutes, bounded.
pytestmark = [pytest.mark.long, pytest.mark.timeout(1200)]

LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14")
WORKERS = 2 * (os.cpu_count() or 1)
DOCTORS, SEEDED_PATIENTS, NEW_PATIENTS = 40, 120, 40
SEED = ("--doctors", str(DOCTORS), "--patients", "400", "--appointments", "6000")
EXPECTED_PROBLEMS = {(409, "slot_taken"), (409, "invalid_transition")}
REQUIRED_OPERATIONS = (
    "POST /api/register",
    "GET /api/doctors",
    "GET /api/doctors/:id/slots",
    "POST /api/appointments",
    "GET /api/appointments",
    "GET /api/records/:id",
    "GET /api/appointments (day)",
    "GET /api/appointments (week)",
    "GET /api/patients",
)
UPCOMING_CAP = 10
"""A patient holding this many upcoming appointments cancels instead of booking more
(well under MAX_FUTURE_APPOINTMENTS_PER_PATIENT)."""
CANARY = "CANARY"
"""Every reason and every piece of clinical text written in the run carries it."""
ARTIFACT = PROJECT_ROOT / "test-artifacts" / "load.json"
SETTINGS = {
    # Every simulated user comes from 127.0.0.1: the per-address caps would stop the run.
    "LOGIN_ATTEMPTS_PER_ADDRESS_HOUR": "1000000",
    "REGISTRATIONS_PER_ADDRESS_HOUR": "1000000",
    "PASSWORD_RESETS_PER_ADDRESS_HOUR": "1000000",
    "MFA_REQUIRED_ROLES": "",
}

Action = Callable[[Browser], Awaitable[httpx.Response]]


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Tally:
    """What the simulated users saw succeed, to compare with the database afterwards."""

    created: Counter[str] = field(default_factory=Counter)


class SimulatedUser:
    """One person: a queue of next requests, refilled with another visit when it runs dry.

    Each action sends exactly one request (the driver times it) and may queue follow-ups.
    """

    def __init__(self, rng: random.Random, tally: Tally) -> None:
        self.rng = rng
        self.tally = tally
        self.todo: deque[Action] = deque()
        self.id = 0

    def plan(self) -> None:
        raise NotImplementedError

    def step(self, browser: Browser) -> Awaitable[httpx.Response]:
        if not self.todo:
            self.plan()
        return self.todo.popleft()(browser)

    def then(self, action: Action) -> None:
        """Do `action` next, before the rest of the plan."""
        self.todo.appendleft(action)

    async def who_am_i(self, browser: Browser) -> httpx.Response:
        response = await browser.get("/api/user")
        if response.status_code == 200:
            self.id = response.json()["id"]
        return response

    async def csrf(self, browser: Browser) -> httpx.Response:
        """The token of the session as it is now (it changes at login, logout, register)."""
        return await browser.refresh_csrf()

    def relogin(self, username: str) -> list[Action]:
        async def logout(browser: Browser) -> httpx.Response:
            return await browser.post("/api/logout", None)

        async def login(browser: Browser) -> httpx.Response:
            body = {"username": username, "password": DEMO_PASSWORD}
            return await browser.post("/api/login", body)

        return [logout, self.csrf, login, self.csrf]


class Patient(SimulatedUser):
    def __init__(self, rng: random.Random, tally: Tally, username: str, *, registers: bool) -> None:
        super().__init__(rng, tally)
        self.username = username
        self.upcoming: list[dict[str, Any]] = []
        self.todo.extend([self.register, self.csrf] if registers else [self.who_am_i])

    def plan(self) -> None:
        self.todo.extend([self.my_appointments, self.doctors, self.records])
        if self.rng.random() < 0.1:
            self.todo.extend(self.relogin(self.username))

    async def register(self, browser: Browser) -> httpx.Response:
        body = {
            "username": self.username,
            "password": DEMO_PASSWORD,
            "email": f"{self.username}@example.org",
            "fullName": f"Load Patient {self.username}",
            "role": "patient",
            "timezone": self.rng.choice(["Europe/Berlin", "America/New_York", "UTC"]),
        }
        response = await browser.post("/api/register", body)
        if response.status_code == 201:
            self.id = response.json()["id"]
        return response

    async def my_appointments(self, browser: Browser) -> httpx.Response:
        now = datetime.now(UTC)
        response = await browser.get(
            f"/api/appointments?from={_iso(now)}&status=scheduled,confirmed"
        )
        if response.status_code == 200:
            self.upcoming = response.json()
            changeable = [
                a for a in self.upcoming if _instant(a["startTime"]) > now + timedelta(hours=1)
            ]
            if changeable and (len(self.upcoming) >= UPCOMING_CAP or self.rng.random() < 0.3):
                chosen = self.rng.choice(changeable)
                if self.rng.random() < 0.5:
                    self.then(lambda b: self.cancel(b, chosen))
                else:
                    self.then(lambda b: self.slots(b, chosen["doctorId"], chosen))
        return response

    async def doctors(self, browser: Browser) -> httpx.Response:
        response = await browser.get("/api/doctors")
        if response.status_code == 200 and len(self.upcoming) < UPCOMING_CAP:
            doctor = self.rng.choice(response.json())
            self.then(lambda b: self.slots(b, doctor["id"], None))
        return response

    async def slots(
        self, browser: Browser, doctor_id: int, moving: dict[str, Any] | None
    ) -> httpx.Response:
        today = datetime.now(UTC).date()
        response = await browser.get(
            f"/api/doctors/{doctor_id}/slots?from={today}&to={today + timedelta(days=13)}"
        )
        if response.status_code == 200:
            soon = datetime.now(UTC) + timedelta(minutes=30)
            free = [s for s in response.json() if _instant(s["startTime"]) > soon][:8]
            if free:
                slot = self.rng.choice(free)
                if moving is None:
                    self.then(lambda b: self.book(b, doctor_id, slot, retry=True))
                else:
                    self.then(lambda b: self.reschedule(b, moving, slot))
        return response

    async def book(
        self, browser: Browser, doctor_id: int, slot: dict[str, str], *, retry: bool
    ) -> httpx.Response:
        body = {
            "doctorId": doctor_id,
            "startTime": slot["startTime"],
            "endTime": slot["endTime"],
            "reason": f"{CANARY} load test: follow-up\nsince {slot['startTime']}",
        }
        response = await browser.post("/api/appointments", body)
        if response.status_code == 201:
            self.tally.created["appointment"] += 1
            self.upcoming.append(response.json())
        elif response.status_code == 409 and retry:
            soon = _iso(datetime.now(UTC) + timedelta(minutes=30))
            alternatives = [
                a for a in response.json().get("alternatives", []) if a["startTime"] > soon
            ]
            if alternatives:  # what the web app offers next to "slot taken"
                other = self.rng.choice(alternatives)
                self.then(lambda b: self.book(b, doctor_id, other, retry=False))
        return response

    async def cancel(self, browser: Browser, appointment: dict[str, Any]) -> httpx.Response:
        response = await browser.put(
            f"/api/appointments/{appointment['id']}",
            {"status": "cancelled"},
            operation="PUT /api/appointments/:id (cancel)",
        )
        if response.status_code == 200:
            self.upcoming = [a for a in self.upcoming if a["id"] != appointment["id"]]
        return response

    async def reschedule(
        self, browser: Browser, appointment: dict[str, Any], slot: dict[str, str]
    ) -> httpx.Response:
        return await browser.put(
            f"/api/appointments/{appointment['id']}",
            {"startTime": slot["startTime"], "endTime": slot["endTime"]},
            operation="PUT /api/appointments/:id (reschedule)",
        )

    async def records(self, browser: Browser) -> httpx.Response:
        return await browser.get(f"/api/records/{self.id}")


class Doctor(SimulatedUser):
    def __init__(self, rng: random.Random, tally: Tally, username: str) -> None:
        super().__init__(rng, tally)
        self.username = username
        self.todo.append(self.who_am_i)

    def plan(self) -> None:
        self.todo.extend([self.day, self.week, self.patients])
        if self.rng.random() < 0.05:
            self.todo.extend(self.relogin(self.username))

    async def day(self, browser: Browser) -> httpx.Response:
        midnight = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return await browser.get(
            f"/api/appointments?from={_iso(midnight)}&to={_iso(midnight + timedelta(days=1))}",
            operation="GET /api/appointments (day)",
        )

    async def week(self, browser: Browser) -> httpx.Response:
        now = datetime.now(UTC)
        response = await browser.get(
            f"/api/appointments?from={_iso(now)}&to={_iso(now + timedelta(days=7))}",
            operation="GET /api/appointments (week)",
        )
        if response.status_code == 200:
            waiting = [a for a in response.json() if a["status"] == "scheduled"]
            for appointment in self.rng.sample(waiting, min(2, len(waiting))):
                self.then(lambda b, a=appointment: self.confirm(b, a["id"]))
        return response

    async def confirm(self, browser: Browser, appointment_id: int) -> httpx.Response:
        return await browser.put(
            f"/api/appointments/{appointment_id}",
            {"status": "confirmed"},
            operation="PUT /api/appointments/:id (confirm)",
        )

    async def patients(self, browser: Browser) -> httpx.Response:
        response = await browser.get("/api/patients")
        if response.status_code == 200:
            # A past visit is a care relationship nobody can cancel any more.
            seen = [p for p in response.json() if p["lastVisit"]]
            if seen:
                patient_id = self.rng.choice(seen)["id"]
                self.then(lambda b: self.patient(b, patient_id))
        return response

    async def patient(self, browser: Browser, patient_id: int) -> httpx.Response:
        response = await browser.get(f"/api/patients/{patient_id}")
        if response.status_code == 200:
            now = _iso(datetime.now(UTC))
            visits = [
                a["id"]
                for a in response.json()["appointments"]
                if a["endTime"] < now and a["status"] != "cancelled"
            ]
            visit = self.rng.choice(visits) if visits else None
            self.then(lambda b: self.records(b, patient_id, visit))
        return response

    async def records(self, browser: Browser, patient_id: int, visit: int | None) -> httpx.Response:
        response = await browser.get(f"/api/records/{patient_id}")
        if response.status_code == 200:
            mine = [r["id"] for r in response.json() if r["doctorId"] == self.id]
            if mine and self.rng.random() < 0.3:
                record_id = self.rng.choice(mine)
                self.then(lambda b: self.amend(b, record_id))
            else:
                self.then(lambda b: self.write(b, patient_id, visit))
        return response

    async def write(self, browser: Browser, patient_id: int, visit: int | None) -> httpx.Response:
        body = {
            "patientId": patient_id,
            "appointmentId": visit,
            "diagnosis": f"{CANARY} Essential hypertension",
            "prescription": f"{CANARY} Amlodipine 5 mg once daily",
            "notes": f"{CANARY} Home blood pressure log.\nReview in 4 weeks.",
        }
        response = await browser.post("/api/records", body)
        if response.status_code == 201:
            self.tally.created["record"] += 1
        return response

    async def amend(self, browser: Browser, record_id: int) -> httpx.Response:
        body = {"notes": f"{CANARY} Blood pressure controlled.", "reason": "Follow-up result"}
        response = await browser.put(
            f"/api/records/{record_id}", body, operation="PUT /api/records/:id (amend)"
        )
        if response.status_code == 200:
            self.tally.created["amendment"] += 1
        return response


@dataclass
class Deployment:
    url: str
    env: dict[str, str]
    database: str
    logs: list[Path]


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    """Seeded PostgreSQL + Redis + gunicorn + worker; torn down even when the test fails."""
    name = f"clinic360_load_{os.getpid()}"
    database = database_url(name)
    env = {
        **app_env(
            free_port(),
            tmp_path / "instance",
            database=database,
            redis_url=REDIS_URL,
            workers=WORKERS,
        ),
        **SETTINGS,
    }
    logs = [tmp_path / "server.log", tmp_path / "worker.log"]
    recreate_database(name)
    clear_redis(REDIS_URL)
    try:
        flask(env, "db", "upgrade")
        flask(env, "seed-demo", *SEED)
        with (
            process_group([str(BIN / "flask"), "worker"], env, logs[1]),
            server(env, logs[0]) as url,
        ):
            yield Deployment(url, env, database, logs)
    finally:
        drop_database(name)
        clear_redis(REDIS_URL)


def _users(tally: Tally) -> list[tuple[str | None, SimulatedUser]]:
    """(login name, or None for a newcomer who registers; simulated user) of 200 clients."""
    rng = random.Random(200)
    users: list[tuple[str | None, SimulatedUser]] = []
    for n in range(1, DOCTORS + 1):
        users.append((f"doctor{n}", Doctor(random.Random(rng.random()), tally, f"doctor{n}")))
    for n in range(2, SEEDED_PATIENTS + 2):  # patient1 is the seeder's heavy patient
        patient = Patient(random.Random(rng.random()), tally, f"patient{n}", registers=False)
        users.append((patient.username, patient))
    for n in range(1, NEW_PATIENTS + 1):
        newcomer = Patient(random.Random(rng.random()), tally, f"newcomer{n}", registers=True)
        users.append((None, newcomer))
    rng.shuffle(users)
    return users


def _baseline(database: str) -> dict[str, int]:
    (row,) = sql(
        "SELECT (SELECT coalesce(max(id), 0) FROM appointments),"
        " (SELECT coalesce(max(id), 0) FROM medical_records),"
        " (SELECT count(*) FROM record_versions WHERE version > 1)",
        url=database,
    )
    return {"appointment": row[0], "record": row[1], "amendments": row[2]}


def test_200_users_for_a_minute(deployment: Deployment) -> None:
    database = deployment.database
    tally = Tally()
    users = _users(tally)
    before = _baseline(database)
    load_before = os.getloadavg()[0]
    stats = drive(
        deployment.url,
        [login for login, _ in users],
        DEMO_PASSWORD,
        lambda browser, index: users[index][1].step(browser),
        seconds=LOAD_SECONDS,
    )
    results = _results(stats, deployment, tally, before, load_before)
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(results, indent=2))
    if os.environ.get("UPDATE_BENCHMARKS") == "1":
        report.write_load(results, PROJECT_ROOT / "docs" / "BENCHMARKS.md")
    print(json.dumps({k: results[k] for k in ("requests", "rps", "p50_ms", "p99_ms")}))

    server_errors = {s: n for s, n in stats.statuses.items() if s >= 500}
    assert server_errors == {}, results["problems"]
    assert stats.transport_errors == 0
    unexpected = [
        p for p in results["problems"] if (p["status"], p["code"]) not in EXPECTED_PROBLEMS
    ]
    assert unexpected == []
    # The flows ran (the rarer branches, such as logging in again, show in load.json).
    for operation in REQUIRED_OPERATIONS:
        assert operation in stats.operations, sorted(stats.operations)
    assert tally.created["appointment"] > 0

    after = results["database"]
    assert after["overlaps"] == {"doctor_id": 0, "patient_id": 0}
    assert after["new_appointments"] == tally.created["appointment"]
    assert after["new_records"] == tally.created["record"]
    assert after["new_amendments"] == tally.created["amendment"]
    assert after["bookings_without_outbox_rows"] == 0
    verify = flask(deployment.env, "records", "verify")
    assert ", 0 failed" in verify
    for log in deployment.logs:  # LOG-01 for the live server and worker
        assert CANARY not in log.read_text(errors="replace"), log.name


def _results(
    stats: Stats, deployment: Deployment, tally: Tally, before: dict[str, int], load: float
) -> dict[str, Any]:
    database = deployment.database
    (row,) = sql(
        "SELECT (SELECT count(*) FROM appointments WHERE id > %s),"
        " (SELECT count(*) FROM medical_records WHERE id > %s),"
        " (SELECT count(*) FROM record_versions WHERE version > 1) - %s,"
        " (SELECT count(*) FROM appointments a WHERE a.id > %s AND ("
        "   SELECT count(*) FROM email_outbox o WHERE o.appointment_id = a.id"
        "   AND o.idempotency_key IN ('appointment:' || a.id || ':booked:patient',"
        "                              'appointment:' || a.id || ':booked:doctor')) < 2)",
        before["appointment"],
        before["record"],
        before["amendments"],
        before["appointment"],
        url=database,
    )
    summary = stats.summary()
    return {
        **summary,
        "users": {"doctors": DOCTORS, "patients": SEEDED_PATIENTS, "newcomers": NEW_PATIENTS},
        "machine": {
            **machine(database, REDIS_URL),
            "workers": WORKERS,
            "load_average_before": round(load, 1),
        },
        "seed": " ".join(("flask seed-demo", *SEED)),
        "command": "UPDATE_BENCHMARKS=1 make test-long",
        "load_seconds": LOAD_SECONDS,
        "operations": stats.operation_summary(),
        "problems": [
            {"operation": op, "status": status, "code": code, "count": n}
            for (op, status, code), n in sorted(stats.problems.items())
        ],
        "created": dict(tally.created),
        "database": {
            "new_appointments": row[0],
            "new_records": row[1],
            "new_amendments": row[2],
            "bookings_without_outbox_rows": row[3],
            "overlaps": overlaps(database),
        },
    }
