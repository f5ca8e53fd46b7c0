"""Guests browse before signing up (issue 24 item 16), on SQLite and PostgreSQL: the doctor
directory and free slots answer without a session, hold only public data, are rate-limited
per client address and never create a session; everything else still needs one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
import time_machine
from flask_openapi3 import OpenAPI

from clinic360.core.stores import SESSION_COOKIE
from tests.conftest import make_app
from tests.factories import book_free_slot, new_party, open_doctor, registration_body
from tests.helpers import ApiClient
from tests.schedules.helpers import DOCTOR_FIELDS

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # a Tuesday
CANARY = "CANARY-public-reason"
GUEST_READS = (
    "/api/doctors",
    "/api/doctors/{id}",
    "/api/doctors/{id}/slots",
    "/api/doctors/{id}/visit-types",
    "/api/slots",
)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as clock:
        yield clock


@pytest.fixture
def booked_world(app: OpenAPI, new_client: Callable[[], ApiClient]) -> dict[str, Any]:
    """An open doctor with one slot booked by a patient (with a canary reason), and a pending
    doctor with hours."""
    doctor = open_doctor(new_client(), timezone="Europe/Berlin", specialization="Cardiology")
    patient = new_party(new_client(), "patient", fullName="Petra Private")
    appointment = book_free_slot(patient, doctor, index=2, reason=CANARY)
    app.config["DOCTOR_APPROVAL"] = "required"
    pending = open_doctor(new_client(), specialization="Cardiology")
    app.config["DOCTOR_APPROVAL"] = "auto"
    return {"doctor": doctor, "patient": patient, "appointment": appointment, "pending": pending}


def _guest_paths(doctor_id: int) -> list[str]:
    return [path.format(id=doctor_id) for path in GUEST_READS]


def test_guests_read_only_public_data(app: OpenAPI, booked_world: dict[str, Any]) -> None:
    doctor, patient = booked_world["doctor"], booked_world["patient"]
    appointment = booked_world["appointment"]
    guest = app.test_client()

    listed = guest.get("/api/doctors")
    assert listed.status_code == 200, listed.get_data(as_text=True)
    assert [d["id"] for d in listed.get_json()] == [doctor.id]  # the pending doctor is absent
    assert listed.headers["X-Total-Count"] == "1"
    assert set(listed.get_json()[0]) == DOCTOR_FIELDS
    one = guest.get(f"/api/doctors/{doctor.id}").get_json()
    assert set(one) == DOCTOR_FIELDS and one["fullName"] == doctor.user["fullName"]

    slots = guest.get(f"/api/doctors/{doctor.id}/slots").get_json()
    assert slots and all(set(slot) == {"startTime", "endTime"} for slot in slots)
    # The booked time is simply absent; the patient's booking says nothing more.
    assert appointment["startTime"] not in {slot["startTime"] for slot in slots}
    assert slots == ApiClient.json_of(patient.client.get(f"/api/doctors/{doctor.id}/slots"))
    earliest = guest.get("/api/slots?limit=5").get_json()
    assert [set(slot) for slot in earliest] == [
        {"doctorId", "visitTypeId", "startTime", "endTime"}
    ] * 5
    assert {slot["doctorId"] for slot in earliest} == {doctor.id}

    # Nothing about patients anywhere: no name, username, email, reason or appointment id.
    bodies = [guest.get(path).get_data(as_text=True) for path in _guest_paths(doctor.id)]
    for secret in (CANARY, patient.user["fullName"], patient.username, "@example.org"):
        assert not any(secret in body for body in bodies), secret
    assert not any('"reason"' in body or '"patient' in body for body in bodies)

    pending = booked_world["pending"].id
    for path in _guest_paths(pending)[1:4]:
        answer = guest.get(path)
        assert answer.status_code == 404 and answer.get_json()["code"] == "not_found"


def test_everything_else_still_needs_a_session(app: OpenAPI, booked_world: dict[str, Any]) -> None:
    doctor = booked_world["doctor"]
    guest = ApiClient(app)  # with a CSRF token, so only the missing session decides
    slot = guest.get(f"/api/doctors/{doctor.id}/slots").get_json()[3]
    for method, path, body in (
        ("POST", "/api/appointments", {"doctorId": doctor.id, **slot, "reason": CANARY}),
        ("POST", "/api/schedule", {"dayOfWeek": 1, "startTime": "08:00", "endTime": "09:00"}),
        ("GET", f"/api/doctors/{doctor.id}/schedule", None),
        ("GET", "/api/appointments", None),
        ("GET", "/api/user", None),
    ):
        answer = guest.send(method, path, body)
        assert answer.status_code == 401, (method, path, answer.get_data(as_text=True))
        assert answer.get_json()["code"] == "unauthenticated"
    # Without the CSRF token a write is refused before anything else.
    raw = app.test_client().post(
        "/api/appointments", json={"doctorId": doctor.id, **slot}, headers={}
    )
    assert raw.status_code == 403 and raw.get_json()["code"] == "csrf_failed"


def test_guest_reads_are_rate_limited_per_address(
    app: OpenAPI,
    booked_world: dict[str, Any],
    frozen_clock: time_machine.Traveller,
) -> None:
    app.config["ANONYMOUS_READS_PER_MINUTE"] = len(GUEST_READS)
    doctor, patient = booked_world["doctor"], booked_world["patient"]
    guest = app.test_client()
    here = {"REMOTE_ADDR": "203.0.113.7"}
    answers = [guest.get(path, environ_base=here) for path in _guest_paths(doctor.id)]
    assert [a.status_code for a in answers] == [200] * len(GUEST_READS)
    limited = guest.get("/api/doctors", environ_base=here)
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    assert limited.get_json()["code"] == "rate_limited"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    # Another address has its own count; signed-in users are not counted at all.
    elsewhere = guest.get("/api/doctors", environ_base={"REMOTE_ADDR": "203.0.113.8"})
    assert elsewhere.status_code == 200
    for _ in range(6):
        assert patient.client.get("/api/doctors", environ_base=here).status_code == 200
    frozen_clock.shift(timedelta(seconds=61))
    assert guest.get("/api/doctors", environ_base=here).status_code == 200


def _session_files(app: OpenAPI) -> list[Path]:
    folder = Path(app.instance_path) / "sessions"
    return [path for path in folder.iterdir() if not path.name.startswith("__wz_cache")]


def test_guest_reads_create_no_session(app: OpenAPI, booked_world: dict[str, Any]) -> None:
    """Review #23 F-5: browsing anonymously writes no session file and sets no cookie."""
    before = _session_files(app)
    guest = app.test_client()
    for _ in range(10):
        for path in _guest_paths(booked_world["doctor"].id):
            answer = guest.get(path)
            assert answer.status_code == 200
            assert SESSION_COOKIE not in " ".join(answer.headers.getlist("Set-Cookie"))
    assert guest.get_cookie(SESSION_COOKIE) is None
    assert _session_files(app) == before


def test_guest_reads_create_no_session_in_redis(
    pg_database_url: str, tmp_path: Path, redis_url: str
) -> None:
    app = make_app(pg_database_url, tmp_path / "scaled", REDIS_URL=redis_url)
    store = redis.Redis.from_url(redis_url)
    prefix = app.config["SESSION_KEY_PREFIX"]
    doctor = open_doctor(ApiClient(app))
    sessions_before = set(store.scan_iter(f"{prefix}*"))
    guest = app.test_client()
    for _ in range(5):
        for path in _guest_paths(doctor.id):
            assert guest.get(path).status_code == 200
    assert guest.get_cookie(SESSION_COOKIE) is None
    assert set(store.scan_iter(f"{prefix}*")) == sessions_before


def test_a_guest_who_signs_in_books_the_time_they_picked(
    app: OpenAPI, booked_world: dict[str, Any]
) -> None:
    """The API side of "pick first, sign in last": the same browser, before and after."""
    doctor = booked_world["doctor"]
    browser = ApiClient(app)
    picked = ApiClient.json_of(browser.get(f"/api/doctors/{doctor.id}/slots"))[2]
    browser.call("POST", "/api/register", registration_body("patient"), status=201)
    created = browser.call(
        "POST", "/api/appointments", {"doctorId": doctor.id, **picked}, status=201
    )
    assert (created["startTime"], created["endTime"]) == (picked["startTime"], picked["endTime"])
    assert json.dumps(created).count(CANARY) == 0


def test_a_guest_picks_a_visit_type_and_a_time_then_books_it(
    app: OpenAPI, booked_world: dict[str, Any]
) -> None:
    """Guests see the types offered online (never `staff_only` ones) and the free slots of
    the one they pick; after registering, the same browser books that type at that time."""
    doctor = booked_world["doctor"]
    short = doctor.client.call(
        "POST", "/api/visit-types", {"name": "Follow-up", "durationMinutes": 15}, status=201
    )
    staff = doctor.client.call(
        "POST",
        "/api/visit-types",
        {"name": "Vaccination", "durationMinutes": 10, "bookableBy": "staff_only"},
        status=201,
    )
    browser = ApiClient(app)
    offered = ApiClient.json_of(browser.get(f"/api/doctors/{doctor.id}/visit-types"))
    assert short["id"] in {t["id"] for t in offered}
    assert staff["id"] not in {t["id"] for t in offered}
    hidden = browser.get(f"/api/doctors/{doctor.id}/slots?visitType={staff['id']}")
    assert hidden.status_code == 422 and hidden.get_json()["code"] == "invalid_visit_type"
    path = f"/api/doctors/{doctor.id}/slots?visitType={short['id']}"
    slots = ApiClient.json_of(browser.get(path))
    picked = slots[1]
    length = datetime.fromisoformat(picked["endTime"]) - datetime.fromisoformat(picked["startTime"])
    assert length == timedelta(minutes=15)
    browser.call("POST", "/api/register", registration_body("patient"), status=201)
    created = browser.call(
        "POST",
        "/api/appointments",
        {"doctorId": doctor.id, "visitTypeId": short["id"], "startTime": picked["startTime"]},
        status=201,
    )
    assert created["visitType"]["id"] == short["id"]
    assert (created["startTime"], created["endTime"]) == (picked["startTime"], picked["endTime"])
