"""The read caches (issue 16, "Ways there" 2), on SQLite and PostgreSQL: what the doctor
directory and free slots answer through the cache is always what they answer without it,
whatever was written in between; a booking removes its slot from the very next answer,
also in another app instance sharing Redis; time passing alone is followed too."""

from __future__ import annotations

import pickle
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
import time_machine
from flask_openapi3 import OpenAPI

from tests.conftest import make_app
from tests.factories import admin_party, new_party, open_doctor
from tests.helpers import ApiClient

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # a Tuesday
FOLLOW_UP = {"name": "Follow-up", "durationMinutes": 15, "colour": "#0F766E", "channel": "video"}
READS = (
    "/api/doctors",
    "/api/doctors?limit=1&offset=1",
    "/api/doctors/{a}/slots",
    "/api/doctors/{b}/slots?from=2026-12-02&to=2026-12-20",
    "/api/doctors/{a}/slots?visitType={t}",
)


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _answers(app: OpenAPI, reader: ApiClient, paths: list[str]) -> list[Any]:
    return [reader.call("GET", path) for path in paths]


def _compare(app: OpenAPI, reader: ApiClient, paths: list[str]) -> None:
    """Cached answers (a miss, then a hit) equal the uncached ones."""
    app.config["READ_CACHE_ENABLED"] = True
    first = _answers(app, reader, paths)
    again = _answers(app, reader, paths)
    app.config["READ_CACHE_ENABLED"] = False
    uncached = _answers(app, reader, paths)
    app.config["READ_CACHE_ENABLED"] = True
    assert first == uncached
    assert again == uncached


def _free(reader: ApiClient, doctor_id: int) -> list[dict[str, str]]:
    slots: list[dict[str, str]] = reader.call("GET", f"/api/doctors/{doctor_id}/slots")
    return slots


def test_cached_answers_equal_uncached_after_random_writes(
    app: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    rng = random.Random(16)
    doctor_a = open_doctor(new_client(), start="09:00", end="12:00", timezone="Europe/Berlin")
    doctor_b = open_doctor(new_client(), start="08:00", end="10:00")
    patient = new_party(new_client(), "patient")
    admin = admin_party(app)
    follow_up = doctor_a.client.call(
        "POST",
        "/api/visit-types",
        {**FOLLOW_UP, "durationMinutes": 15},
        status=201,
    )
    paths = [p.format(a=doctor_a.id, b=doctor_b.id, t=follow_up["id"]) for p in READS]
    booked: list[int] = []
    closures: list[int] = []
    entries: list[tuple[Any, int]] = []

    def book() -> None:
        doctor = rng.choice([doctor_a, doctor_b])
        slots = _free(patient.client, doctor.id)
        if slots:
            slot = rng.choice(slots[:20])
            body = {"doctorId": doctor.id, **slot}
            response = patient.client.post("/api/appointments", json=body)
            if response.status_code == 201:
                booked.append(response.get_json()["id"])

    def cancel() -> None:
        if booked:
            appointment_id = booked.pop(rng.randrange(len(booked)))
            path, body = f"/api/appointments/{appointment_id}", {"status": "cancelled"}
            # 409: time off cancelled it already, or it has started
            assert patient.client.send("PUT", path, body).status_code in {200, 409}

    def time_off() -> None:
        doctor = rng.choice([doctor_a, doctor_b])
        body = {
            "date": (NOW + timedelta(days=rng.randint(1, 10))).date().isoformat(),
            "startTime": "00:00",
            "endTime": "23:59",
            "isAvailable": False,
            "cancelAppointments": True,
        }
        response = doctor.client.post("/api/schedule", json=body)
        if response.status_code == 201:
            entries.append((doctor, response.get_json()["id"]))

    def reopen() -> None:
        if entries:
            doctor, entry_id = entries.pop(rng.randrange(len(entries)))
            doctor.client.call("DELETE", f"/api/schedule/{entry_id}", status=204)

    def closure() -> None:
        if closures and rng.random() < 0.5:
            admin.client.call("DELETE", f"/api/admin/closures/{closures.pop()}", status=204)
            return
        day = (NOW + timedelta(days=rng.randint(0, 8))).date().isoformat()
        response = admin.client.post("/api/admin/closures", json={"date": day, "name": "Off"})
        if response.status_code == 201:
            closures.append(response.get_json()["id"])

    def retype() -> None:
        minutes = rng.choice([15, 20, 30])
        body = {**FOLLOW_UP, "durationMinutes": minutes}
        doctor_a.client.call("PUT", f"/api/visit-types/{follow_up['id']}", body)

    def profile() -> None:
        doctor_b.client.call("PUT", "/api/user", {"fullName": rng.choice(["Zed", "Aaron"])})

    def later() -> None:
        clock.shift(timedelta(minutes=rng.choice([5, 7, 13])))  # within the idle timeout
        for party in (doctor_a, doctor_b, admin):  # each session stays alive
            party.client.call("GET", "/api/user")

    actions = [book, book, book, cancel, time_off, reopen, closure, retype, profile, later]
    _compare(app, patient.client, paths)
    for _ in range(25):
        rng.choice(actions)()
        _compare(app, patient.client, paths)


def test_a_booking_leaves_the_next_answer_at_once(
    app: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    doctor = open_doctor(new_client())
    patient = new_party(new_client(), "patient")
    slots = _free(patient.client, doctor.id)
    directory = patient.client.call("GET", "/api/doctors")
    assert directory[0]["nextAvailable"] == slots[0]["startTime"]
    patient.client.call(
        "POST", "/api/appointments", {"doctorId": doctor.id, **slots[0]}, status=201
    )
    assert _free(patient.client, doctor.id) == slots[1:]
    assert patient.client.call("GET", "/api/doctors")[0]["nextAvailable"] == slots[1]["startTime"]


def test_time_passing_alone_drops_past_slots_from_cached_answers(
    app: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    doctor = open_doctor(new_client())  # 08:00-18:00 UTC every day
    patient = new_party(new_client(), "patient")
    slots = _free(patient.client, doctor.id)
    clock.shift(timedelta(hours=2))  # 09:00: the 08:00 and 08:30 slots are past
    later = _free(patient.client, doctor.id)
    assert later == [s for s in slots if s["startTime"] >= "2026-12-01T09:00:00Z"]
    assert patient.client.call("GET", "/api/doctors")[0]["nextAvailable"] == later[0]["startTime"]


def test_two_instances_sharing_redis_agree_after_a_booking(
    app: OpenAPI, redis_url: str, tmp_path: Path, clock: time_machine.Traveller
) -> None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    first = make_app(url, tmp_path / "one", REDIS_URL=redis_url)
    second = make_app(url, tmp_path / "two", REDIS_URL=redis_url)
    doctor = open_doctor(ApiClient(first))
    patient_one = new_party(ApiClient(first), "patient")
    patient_two = new_party(ApiClient(second), "patient")
    slots = _free(patient_two.client, doctor.id)  # cached in Redis by the second instance
    assert _free(patient_one.client, doctor.id) == slots
    assert redis.Redis.from_url(redis_url).keys("c360:rc:slots:*")
    patient_one.client.call(
        "POST", "/api/appointments", {"doctorId": doctor.id, **slots[0]}, status=201
    )
    assert _free(patient_two.client, doctor.id) == slots[1:]
    directory = patient_two.client.call("GET", "/api/doctors")
    assert directory[0]["nextAvailable"] == slots[1]["startTime"]


def test_a_value_forged_into_redis_is_a_miss_never_unpickled(
    app: OpenAPI, redis_url: str, tmp_path: Path, clock: time_machine.Traveller
) -> None:
    """Whoever can write to Redis but lacks SECRET_KEY cannot make the app unpickle their
    bytes: a value without this app's HMAC is a miss and the answer is computed afresh."""
    shared = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "one", REDIS_URL=redis_url)
    doctor = open_doctor(ApiClient(shared))
    patient = new_party(ApiClient(shared), "patient")
    slots = _free(patient.client, doctor.id)
    store = redis.Redis.from_url(redis_url)
    keys = store.keys("c360:rc:slots:*")
    assert keys
    forged = pickle.dumps(("UTC", None, [], []))
    for key in keys:
        store.set(key, bytes(32) + forged)  # a wrong MAC in front of a well-formed pickle
    assert _free(patient.client, doctor.id) == slots
