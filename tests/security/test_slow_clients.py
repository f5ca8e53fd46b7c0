"""Review #23 F-11: two slow clients must not freeze the `make run` server.

The server runs as `make run` starts it (gunicorn with gunicorn.conf.py and the default
WEB_CONCURRENCY of 2, SQLite). Two clients each open a connection and send half a request,
then trickle a header line now and then without ever finishing; a third request must still
be answered promptly. With gunicorn's sync workers each slow client held a whole worker
until the 30-second worker timeout, so the third request waited that long.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live import LiveServer, start_live_server

PROMPT_SECONDS = 5.0


@pytest.fixture(scope="module")
def make_run_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(tmp_path_factory.mktemp("slow"), WEB_CONCURRENCY="2")


def _slow_client(address: tuple[str, int], stop: threading.Event) -> None:
    with socket.create_connection(address) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while not stop.wait(1.0):
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                return


def test_two_slow_clients_do_not_stall_a_third(make_run_server: LiveServer) -> None:
    host, port = make_run_server.url.removeprefix("http://").split(":")
    stop = threading.Event()
    slow = [
        threading.Thread(target=_slow_client, args=((host, int(port)), stop), daemon=True)
        for _ in range(2)
    ]
    for thread in slow:
        thread.start()
    try:
        time.sleep(1.5)  # both connections are in and sending headers
        for _ in range(3):
            started = time.monotonic()
            response = httpx.get(f"{make_run_server.url}/api/health", timeout=PROMPT_SECONDS * 4)
            elapsed = time.monotonic() - started
            assert response.status_code == 200
            assert elapsed < PROMPT_SECONDS, f"third client waited {elapsed:.1f} s"
    finally:
        stop.set()
        for thread in slow:
            thread.join(timeout=5)


def test_the_container_uses_the_same_server_settings() -> None:
    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text()
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py"' in dockerfile
