"""Races against a real server: gunicorn with 4 worker processes on 127.0.0.1 (CONC-01, CONC-02).

Each backend gets one server per module: PostgreSQL (the test session's database) with the
friendly pre-check, PostgreSQL with the pre-check switched off (the exclusion constraints
alone must hold), and SQLite (the check inside BEGIN IMMEDIATE). A 30 ms sleep between the
check and the insert widens the race window. Fifty logged-in patients, each with its own
cookies and CSRF token, wait at a barrier and fire together.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from flask_openapi3 import OpenAPI

from clinic360.accounts.models import User
from clinic360.accounts.passwords import hash_password
from clinic360.core.config import PROJECT_ROOT
from clinic360.core.db import db
from clinic360.schedules.visit_types import keep_default_type
from tests.appointments.helpers import overlapping_pairs, sql
from tests.conftest import TEST_SECRET_KEY, _truncate_all, make_app
from tests.factories import DEFAULT_PASSWORD, Party, at, iso, open_hours, slot_body
from tests.helpers import LiveClient
from tests.live import BIN, _wait_until_healthy, free_port

pytestmark = pytest.mark.slow

PATIENTS = 50
DOCTORS = 7
ROUNDS = 5
DOCTOR_SLOT_MINUTES = (30, 30, 10, 30, 30, 30, 30)
"""Patients book slots of the doctor's grid only: each test's doctor has the length it books."""
FAST_HASHING = {"ARGON2_TIME_COST": "1", "ARGON2_MEMORY_KIB": "8192"}


Remote = Party[LiveClient]
"""One browser against the live server: its own cookies and CSRF token."""


def _remote(url: str, user_id: int, username: str) -> Remote:
    return Party(LiveClient(url, timeout=60), {"id": user_id, "username": username})


def _log_in(remote: Remote) -> None:
    remote.client.log_in(remote.username, DEFAULT_PASSWORD)


def _second_tab(remote: Remote) -> Remote:
    """The same session in another connection (a second tab of the same browser)."""
    return Party(remote.client.second_tab(), remote.user)


@dataclass
class RaceServer:
    name: str
    url: str
    app: OpenAPI  # same database, for the SQL invariants
    patients: list[Remote] = field(default_factory=list)
    doctors: list[Remote] = field(default_factory=list)


def race(
    clients: list[Remote],
    method: str,
    path_for: Callable[[int], str],
    body_for: Callable[[int], Any],
) -> list[httpx.Response]:
    """Send one request per client, all released together by a barrier (SECURITY.md §6.4)."""
    barrier = threading.Barrier(len(clients))
    responses: list[httpx.Response | None] = [None] * len(clients)

    def run(i: int) -> None:
        barrier.wait()
        responses[i] = clients[i].client.send(method, path_for(i), body_for(i))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r is not None for r in responses)
    return [r for r in responses if r is not None]


def codes(responses: list[httpx.Response]) -> Counter[tuple[int, str | None]]:
    return Counter(
        (r.status_code, r.json().get("code") if r.status_code >= 400 else None) for r in responses
    )


def _create_users(app: OpenAPI) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Patients and doctors straight into the database (registration is not under test)."""
    with app.app_context():
        password_hash = hash_password(DEFAULT_PASSWORD)
        users = [
            User(
                username=f"{role}{i}",
                email=f"{role}{i}@example.org",
                full_name=f"{role.title()} {i}",
                role=role,
                timezone="UTC",
                specialization="Cardiology" if role == "doctor" else None,
                approved=True,
                password_hash=password_hash,
                slot_minutes=DOCTOR_SLOT_MINUTES[i] if role == "doctor" else None,
            )
            for role, count in (("patient", PATIENTS), ("doctor", DOCTORS))
            for i in range(count)
        ]
        db.session.add_all(users)
        db.session.flush()
        for user in users:  # what registration does: each doctor's default visit type
            if user.role == "doctor":
                keep_default_type(db.session, user)
        db.session.commit()
        made = [(u.id, u.username, u.role) for u in users]
        db.session.remove()
    pick = lambda role: [(i, name) for i, name, r in made if r == role]  # noqa: E731
    return pick("patient"), pick("doctor")


def _wait_patiently(url: str, process: subprocess.Popen[bytes], rounds: int = 4) -> None:
    """`_wait_until_healthy` allows 30 s; four workers booting on a busy 2-core box take longer."""
    for attempt in range(rounds):
        try:
            _wait_until_healthy(f"{url}/api/health", process)
            return
        except RuntimeError:
            if process.poll() is not None or attempt == rounds - 1:
                raise


def _start(tmp: Path, database_url: str, name: str, **settings: str) -> Iterator[RaceServer]:
    app = make_app(database_url, tmp / "test-app", **FAST_HASHING)
    if database_url.startswith("postgresql"):
        _truncate_all(app)
    patients, doctors = _create_users(app)
    port = free_port()
    env = {
        **os.environ,
        "FLASK_APP": "clinic360",
        "INSTANCE_PATH": str(tmp / "instance"),
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "SECRET_KEY": TEST_SECRET_KEY,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "WEB_CONCURRENCY": "4",
        "DOCTOR_APPROVAL": "auto",
        "MFA_REQUIRED_ROLES": "",  # the doctors log in with a password only
        "LOG_LEVEL": "WARNING",
        "TEST_FAULT_SLEEP_MS": "30",  # tests/faults.py, via tests/faults_gunicorn.py
        # Random winners may win several rounds with one doctor: the cap is not under test.
        "MAX_UPCOMING_APPOINTMENTS_PER_DOCTOR": "100",
        **FAST_HASHING,
        **settings,
    }
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "tests/faults_gunicorn.py", "clinic360:create_app()"],
        env=env,
        cwd=PROJECT_ROOT,
    )
    server = RaceServer(name=name, url=f"http://127.0.0.1:{port}", app=app)
    try:
        _wait_patiently(server.url, process)
        server.patients = [_remote(server.url, i, n) for i, n in patients]
        server.doctors = [_remote(server.url, i, n) for i, n in doctors]
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(_log_in, server.patients + server.doctors))
            list(pool.map(partial(open_hours, start="00:00", end="24:00"), server.doctors))
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        for remote in server.patients + server.doctors:
            remote.client.close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="module", params=["postgresql", "postgresql-constraint-only", "sqlite"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RaceServer]:
    tmp = tmp_path_factory.mktemp(f"race-{request.param}")
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copy(template, tmp / "race.db")
        yield from _start(tmp, f"sqlite:///{tmp / 'race.db'}", request.param)
    else:
        url: str = request.getfixturevalue("pg_database_url")
        skip = "true" if request.param == "postgresql-constraint-only" else "false"
        yield from _start(tmp, url, request.param, TEST_FAULT_SKIP_PRECHECK=skip)


def _body(doctor: Remote, start: datetime, minutes: int = 30) -> dict[str, Any]:
    return slot_body(doctor, start, minutes, reason="race")


def _booking_emails(server: RaceServer, appointment_id: int) -> list[Any]:
    return sql(
        server.app,
        "SELECT recipient_id FROM email_outbox WHERE kind = 'appointment_booked' "
        "AND appointment_id = :i ORDER BY recipient_id",
        i=appointment_id,
    )


BUFFERED_TYPE = {
    "name": "Buffered",
    "durationMinutes": 30,
    "slotGridMinutes": 15,
    "bufferBeforeMinutes": 15,
    "bufferAfterMinutes": 15,
}
"""Starts 0, 15, 30 and 45 minutes past an hour: every two of their blocked ranges overlap."""


@pytest.mark.parametrize("buffers", [False, True], ids=["plain", "buffers"])
def test_fifty_patients_race_for_one_slot(server: RaceServer, buffers: bool) -> None:
    """Fifty patients book one slot; with buffers, four different starts whose blocked
    ranges all overlap: one winner either way, never two overlapping blocked ranges."""
    doctor = server.doctors[3 if buffers else 0]
    extra: dict[str, Any] = {}
    if buffers:
        created = doctor.client.send("POST", "/api/visit-types", BUFFERED_TYPE)
        assert created.status_code == 201, created.text
        extra["visitTypeId"] = created.json()["id"]
    for round_ in range(ROUNDS):
        start = at(8 + round_, offset=9 if buffers else 2)
        starts = [
            start + timedelta(minutes=15 * (i % 4 if buffers else 0)) for i in range(PATIENTS)
        ]
        responses = race(
            server.patients,
            "POST",
            lambda i: "/api/appointments",
            lambda i, starts=starts: {**_body(doctor, starts[i]), **extra},
        )
        assert codes(responses) == {(201, None): 1, (409, "slot_taken"): PATIENTS - 1}, (
            server.name,
            round_,
        )
        for i, response in enumerate(responses):
            if response.status_code == 409:
                alternatives = response.json()["alternatives"]
                assert len(alternatives) <= 3
                assert all(a["startTime"] != iso(starts[i]) for a in alternatives)
        [winner] = [r.json() for r in responses if r.status_code == 201]
        assert [r[0] for r in _booking_emails(server, winner["id"])] == sorted(
            [winner["patientId"], doctor.id]
        )
    assert overlapping_pairs(server.app) == []
    rows = sql(server.app, "SELECT count(*) FROM appointments WHERE doctor_id = :d", d=doctor.id)
    assert rows == [(ROUNDS,)]
    if buffers:
        widths = sql(
            server.app,
            "SELECT start_time, blocked_start, end_time, blocked_end FROM appointments"
            " WHERE doctor_id = :d",
            d=doctor.id,
        )
        quarter = timedelta(minutes=15)
        for row in widths:
            s, bs, e, be = (datetime.fromisoformat(str(value)) for value in row)
            assert (s - bs, be - e) == (quarter, quarter)


def test_fifty_reschedules_into_one_slot(server: RaceServer) -> None:
    doctor = server.doctors[1]
    mine: list[int] = []
    for n, patient in enumerate(server.patients):
        created = patient.client.send("POST", "/api/appointments",
                                  _body(doctor, at(0, 30 * n, offset=8)))  # fmt: skip
        assert created.status_code == 201, created.text
        mine.append(created.json()["id"])
    target = at(20, offset=3)
    responses = race(
        server.patients,
        "PUT",
        lambda i: f"/api/appointments/{mine[i]}",
        lambda i: {"startTime": iso(target), "endTime": iso(target + timedelta(minutes=30))},
    )
    assert codes(responses) == {(200, None): 1, (409, "slot_taken"): PATIENTS - 1}, server.name
    assert overlapping_pairs(server.app) == []
    moved = sql(
        server.app,
        "SELECT count(*) FROM email_outbox WHERE kind = 'appointment_rescheduled'",
    )
    assert moved == [(2,)]


def test_one_patient_books_several_doctors_at_once(server: RaceServer) -> None:
    """Ten patients each fire five bookings (five doctors, the same time) — all fifty at once."""
    patients = server.patients[:10]
    doctors = [server.doctors[i] for i in (1, 3, 4, 5, 6)]  # 30-minute slots
    clients = [p for p in patients for _ in doctors]
    starts = {p.id: at(9 + n // 2, 30 * (n % 2), offset=4) for n, p in enumerate(patients)}
    responses = race(
        clients,
        "POST",
        lambda i: "/api/appointments",
        lambda i: _body(doctors[i % len(doctors)], starts[clients[i].id]),
    )
    assert codes(responses) == {(201, None): 10, (409, "slot_taken"): 40}, server.name
    per_patient = Counter(r.json()["patientId"] for r in responses if r.status_code == 201)
    assert set(per_patient.values()) == {1} and len(per_patient) == 10
    assert overlapping_pairs(server.app) == []


def test_partial_overlaps_never_both_win(server: RaceServer) -> None:
    """Fifty moves to intervals of 10–60 minutes at random minutes inside 09:00–11:00
    (CONC-02). Patients book only grid slots, so the off-grid intervals come from the doctor,
    who may reschedule to any time inside open hours."""
    doctor = server.doctors[2]
    ids = []
    for n, patient in enumerate(server.patients):
        created = patient.client.send(
            "POST", "/api/appointments", _body(doctor, at(0, 10 * n, offset=7), 10)
        )
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    rng = random.Random(f"{server.name}-overlaps")
    base = at(9, offset=5)
    intervals = [
        (base + timedelta(minutes=rng.randrange(0, 110)), rng.choice([10, 15, 29, 30, 31, 60]))
        for _ in server.patients
    ]
    tabs = [_second_tab(doctor) for _ in server.patients]
    responses = race(
        tabs,
        "PUT",
        lambda i: f"/api/appointments/{ids[i]}",
        lambda i: {
            "startTime": iso(intervals[i][0]),
            "endTime": iso(intervals[i][0] + timedelta(minutes=intervals[i][1])),
        },
    )
    outcome = codes(responses)
    # Fifty moves by one doctor at once queue on the doctor's row (`lock_parties`): no
    # deadlock, no 503, never two overlapping winners.
    assert set(outcome) <= {(200, None), (409, "slot_taken")}, outcome
    won = sorted(
        (r.json()["startTime"], r.json()["endTime"]) for r in responses if r.status_code == 200
    )
    assert won and all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(won))
    assert overlapping_pairs(server.app) == []
    for tab in tabs:
        tab.client.close()


def test_conflicting_status_changes_have_one_legal_outcome(server: RaceServer) -> None:
    """CONC-03: confirm vs cancel, cancel vs cancel, cancel vs reschedule, all at once."""
    doctor = server.doctors[2]
    patients = server.patients[20:44]
    ids = []
    for n, patient in enumerate(patients):
        created = patient.client.send(
            "POST", "/api/appointments", _body(doctor, at(9, 10 * n, offset=6), 10)
        )
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    cancel = {"status": "cancelled"}
    first, second, bodies = [], [], []
    for n, patient in enumerate(patients):
        kind = n % 3
        first.append(patient)
        second.append(_second_tab(doctor) if kind == 0 else _second_tab(patient))
        move = {
            "startTime": iso(at(18, 10 * n, offset=6)),
            "endTime": iso(at(18, 10 * n + 10, offset=6)),
        }
        bodies.append((cancel, [{"status": "confirmed"}, cancel, move][kind]))
    clients = first + second
    half = len(patients)
    responses = race(
        clients,
        "PUT",
        lambda i: f"/api/appointments/{ids[i % half]}",
        lambda i: bodies[i % half][i // half],
    )
    assert all(r.status_code in (200, 409) for r in responses)
    assert all(r.json()["code"] == "invalid_transition" for r in responses if r.status_code == 409)
    for n, appointment_id in enumerate(ids):
        cancelled, other = responses[n], responses[n + half]
        assert cancelled.status_code == 200 or (n % 3 == 1 and other.status_code == 200)
        if n % 3 == 1:
            assert sorted([cancelled.status_code, other.status_code]) == [200, 409]
        emails = Counter(
            kind
            for (kind,) in sql(
                server.app,
                "SELECT kind FROM email_outbox WHERE appointment_id = :i",
                i=appointment_id,
            )
        )
        assert emails["appointment_cancelled"] == 2
        second_kind = ("appointment_confirmed", None, "appointment_rescheduled")[n % 3]
        if second_kind:
            expected = {"appointment_confirmed": 1, "appointment_rescheduled": 2}[second_kind]
            assert emails[second_kind] == (expected if other.status_code == 200 else 0)
    statuses = sql(
        server.app,
        "SELECT DISTINCT status FROM appointments WHERE id BETWEEN :a AND :b",
        a=min(ids),
        b=max(ids),
    )
    assert statuses == [("cancelled",)]
