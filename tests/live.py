"""The real product in a test: migrations, gunicorn, the live-events server and the worker.

`start_live_server` runs it the way `make run` does, on a free port with its own SQLite
database and instance folder, serving the built web app from `web/dist` (`make test`
builds it first). Settings passed as keyword arguments override the defaults.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from flask_openapi3 import OpenAPI

from clinic360.core.config import PROJECT_ROOT
from tests.conftest import TEST_SECRET_KEY, make_app
from tests.helpers import LiveClient

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    instance_path: Path
    env: dict[str, str]
    events_url: str = ""
    _app: OpenAPI | None = field(default=None, repr=False)

    def client(self) -> LiveClient:
        """A new browser-like API client on this server (tests/helpers.py)."""
        return LiveClient(self.url, server_app=self.app)

    def app(self) -> OpenAPI:
        """The app on this server's database, in this process (made once): to write what the
        API cannot (a history in the past) with tests.factories.insert_appointment, or what
        an admin would have set up (tests.factories.ensure_specialization)."""
        if self._app is None:
            self._app = make_app(self.env["DATABASE_URL"], self.instance_path)
        return self._app

    def flask(self, *args: str, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run a `flask` command against this server's database (e.g. create-admin)."""
        return subprocess.run(
            [str(BIN / "flask"), *args],
            env=self.env,
            cwd=PROJECT_ROOT,
            input=input_text,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )


STARTUP_SECONDS = 120
"""Generous: a loaded 2-core machine can take a while to boot gunicorn and migrate."""


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not become healthy in {STARTUP_SECONDS} s")


def start_live_server(tmp_path: Path, **settings: str) -> Iterator[LiveServer]:
    """Migrate a fresh SQLite database, then run gunicorn and the worker until teardown."""
    dist = PROJECT_ROOT / "web" / "dist"
    if not (dist / "index.html").is_file():
        pytest.fail("web/dist is not built: run `make web` (make test does it first)")
    port, events_port = free_port(), free_port()
    instance = tmp_path / "instance"
    env = {
        **os.environ,
        "FLASK_APP": "clinic360",
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": f"sqlite:///{instance / 'clinic360.db'}",
        "REDIS_URL": "",
        "SECRET_KEY": TEST_SECRET_KEY,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "EVENTS_PORT": str(events_port),
        "WEB_CONCURRENCY": "2",
        "DOCTOR_APPROVAL": "auto",
        "MFA_REQUIRED_ROLES": "",
        **settings,
    }
    server = LiveServer(
        url=f"http://127.0.0.1:{port}",
        instance_path=instance,
        env=env,
        events_url=f"http://127.0.0.1:{events_port}/events",
    )
    server.flask("db", "upgrade")
    processes = [
        subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "clinic360:create_app()"],
            env=env,
            cwd=PROJECT_ROOT,
        ),
        subprocess.Popen([str(BIN / "flask"), "worker"], env=env, cwd=PROJECT_ROOT),
        subprocess.Popen(
            [str(BIN / "python"), "-m", "clinic360.live_events"], env=env, cwd=PROJECT_ROOT
        ),
    ]
    try:
        _wait_until_healthy(f"{server.url}/api/health", processes[0])
        _wait_until_healthy(f"{server.events_url}/health", processes[2])
        yield server
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
