"""AVAIL-02 / AUTH-05 under faults: Redis (sessions, counters) dies in the scaled-out
configuration while users are logged in: reading, login and the MFA step fail closed with
503 problem+json (never data, never a traceback, never unthrottled guesses), and service
returns when Redis does. A redis-server of its own on a free port, started and stopped here.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask_openapi3 import OpenAPI

from tests.conftest import make_app
from tests.factories import DEFAULT_PASSWORD
from tests.helpers import ApiClient
from tests.security.world import CANARY, build_world


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OwnRedis:
    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis() -> Iterator[OwnRedis]:
    server = OwnRedis(_free_port())
    server.start()
    yield server
    server.stop()


def test_redis_outage_fails_closed_then_recovers(
    pg_app: OpenAPI, pg_database_url: str, tmp_path: Path, own_redis: OwnRedis
) -> None:
    app = make_app(
        pg_database_url, tmp_path / "scaled", REDIS_URL=f"redis://127.0.0.1:{own_redis.port}/0"
    )
    world = build_world(app)
    patient = world["patient"]
    assert patient.client.get(f"/api/records/{patient.id}").status_code == 200

    stranger = ApiClient(app)
    stranger.csrf_token()  # a session (in Redis) and its token, from before the outage
    own_redis.stop()
    answers = [
        patient.client.get(f"/api/records/{patient.id}"),
        patient.client.get("/api/user"),
        world["doctor"].client.get(f"/api/patients/{patient.id}/fhir"),
    ]
    answers += [
        stranger.post(
            "/api/login",
            json={"username": patient.user["username"], "password": f"guess {n}"},
        )
        for n in range(20)
    ]
    answers.append(stranger.post("/api/login/mfa", json={"code": "123456"}))
    for response in answers:
        text = response.get_data(as_text=True)
        assert response.status_code == 503, text
        assert response.mimetype == "application/problem+json"
        assert CANARY not in text and "Traceback" not in text

    own_redis.start()
    again = ApiClient(app)
    login = again.post(
        "/api/login", json={"username": patient.user["username"], "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 200, login.get_data(as_text=True)
    assert again.get(f"/api/records/{patient.id}").status_code == 200
