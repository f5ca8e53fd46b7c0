"""Real worker processes (`flask worker`): crashes, concurrency and a Redis outage."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.config import PROJECT_ROOT, SETTINGS
from clinic360.core.db import transaction
from clinic360.notifications.delivery import relay_until_idle
from clinic360.outbox.models import EmailStatus, OutboxEmail
from tests.conftest import TEST_SECRET_KEY, make_app
from tests.helpers import ApiClient
from tests.notifications.factories import CANARY_REASON, book
from tests.notifications.smtp import SmtpServer, free_port

pytestmark = pytest.mark.slow
START = datetime(2030, 12, 2, 8, 0, tzinfo=UTC)
STARTED = "outbox poller started"


class Worker:
    """`flask worker` in its own process, logging to a file."""

    def __init__(self, app: OpenAPI, smtp: SmtpServer, log: Path, **settings: str) -> None:
        env = {k: v for k, v in os.environ.items() if k not in {s.name for s in SETTINGS}}
        env.update(
            {
                "DATABASE_URL": app.config["DATABASE_URL"],
                "SECRET_KEY": TEST_SECRET_KEY,
                "INSTANCE_PATH": app.instance_path,
                "REDIS_URL": "",
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": str(smtp.port),
                "OUTBOX_POLL_SECONDS": "1",
                **settings,
            }
        )
        self.log = log
        with log.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "clinic360", "worker", "--threads", "1"],
                env=env,
                cwd=PROJECT_ROOT,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_started(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while STARTED not in self.output():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, "worker did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _rows() -> list[OutboxEmail]:
    with transaction(write=False) as session:
        return list(
            session.scalars(
                select(OutboxEmail)
                .order_by(OutboxEmail.id)
                .execution_options(populate_existing=True)
            )
        )


def _assert_no_phi_in(text: str, bookings: list[object]) -> None:
    assert CANARY_REASON not in text
    for booking in bookings:
        assert booking.patient.email not in text  # type: ignore[attr-defined]


def test_worker_killed_mid_batch_loses_nothing_and_resends_at_most_once(
    mail_app: OpenAPI, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    bookings = [book(START + timedelta(hours=i)) for i in range(3)]
    mailbox = smtp_server.mailbox
    mailbox.stall_after = 3  # the server takes the 3rd email, then never says 250
    worker = Worker(
        mail_app,
        smtp_server,
        tmp_path / "worker.log",
        OUTBOX_BATCH_SIZE="10",
        OUTBOX_LEASE_SECONDS="40",
        SMTP_TIMEOUT_SECONDS="10",
    )
    try:
        assert mailbox.stalled.wait(timeout=180), worker.output()
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.wait()
    finally:
        worker.stop()
        mailbox.release.set()

    rows = _rows()
    assert Counter(row.status for row in rows) == {"sent": 2, "sending": 4}
    assert relay_until_idle().handled == 0  # leased: no other worker touches them yet

    lease_over = datetime.now(UTC) + timedelta(seconds=41)
    assert relay_until_idle(now=lease_over).sent == 4

    assert {row.status for row in _rows()} == {EmailStatus.SENT.value}
    ids = Counter(mailbox.message_ids())
    assert len(ids) == 6  # every email arrived
    assert sorted(ids.values()) == [1, 1, 1, 1, 1, 2]  # the one in flight, twice, same id
    _assert_no_phi_in(worker.output(), bookings)


def test_two_workers_never_send_an_email_twice(
    mail_app: OpenAPI, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    workers = [
        Worker(mail_app, smtp_server, tmp_path / f"worker{n}.log", OUTBOX_BATCH_SIZE="3")
        for n in (1, 2)
    ]
    try:
        for worker in workers:
            worker.wait_started()
        bookings = [book(START + timedelta(hours=i)) for i in range(15)]
        smtp_server.mailbox.wait_for(
            30, timeout=240, context=lambda: "\n".join(w.output() for w in workers)
        )
        deadline = time.monotonic() + 120
        while {row.status for row in _rows()} != {EmailStatus.SENT.value}:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        for worker in workers:
            worker.stop()

    ids = Counter(smtp_server.mailbox.message_ids())
    assert len(ids) == 30 and set(ids.values()) == {1}
    shares = [w.output().count('"msg": "email sent"') for w in workers]
    assert sum(shares) == 30, shares
    print(f"emails sent per worker: {shares}")
    for worker in workers:
        _assert_no_phi_in(worker.output(), bookings)


@pytest.fixture
def redis_port() -> int:
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is required (apt-get install redis-server)")
    return free_port()


def _start_redis(port: int) -> subprocess.Popen[bytes]:
    """A Redis of this test's own (the shared one on 6379 is never touched)."""
    options = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(["redis-server", *options], stdout=subprocess.DEVNULL)
    ping = ["redis-cli", "-p", str(port), "ping"]
    deadline = time.monotonic() + 10
    while subprocess.run(ping, capture_output=True, check=False).stdout != b"PONG\n":
        assert time.monotonic() < deadline, "redis did not start"
        time.sleep(0.05)
    return server


def test_with_redis_down_the_change_commits_and_the_email_goes_out_after(
    app: OpenAPI, smtp_server: SmtpServer, redis_port: int, tmp_path: Path
) -> None:
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    scaled = make_app(app.config["DATABASE_URL"], Path(app.instance_path), REDIS_URL=redis_url)
    scaled.config.update(smtp_server.settings())
    redis = _start_redis(redis_port)
    redis.terminate()
    redis.wait()

    with scaled.app_context():
        started = time.monotonic()
        booking = book(START)
        took = time.monotonic() - started
        assert [row.status for row in _rows()] == ["pending", "pending"]
    assert took < 2.5, took  # connection refused: no waiting on Redis
    health = ApiClient(scaled).get("/api/health")
    assert health.status_code == 200
    assert health.get_json()["queue"] == "unavailable"
    assert health.get_json()["outbox"]["pending"] == 2

    redis = _start_redis(redis_port)
    try:
        worker = Worker(scaled, smtp_server, tmp_path / "worker.log", REDIS_URL=redis_url)
        try:
            smtp_server.mailbox.wait_for(2, timeout=180, context=worker.output)
            with scaled.app_context():
                deadline = time.monotonic() + 120
                while {row.status for row in _rows()} != {EmailStatus.SENT.value}:
                    assert time.monotonic() < deadline
                    time.sleep(0.1)
        finally:
            worker.stop()
    finally:
        redis.terminate()
        redis.wait()
    assert len(set(smtp_server.mailbox.message_ids())) == len(smtp_server.mailbox.messages) == 2
    _assert_no_phi_in(worker.output(), [booking])


def test_two_workers_send_each_reminder_step_once_with_its_manage_link(
    mail_app: OpenAPI, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    from sqlalchemy import update

    from clinic360.appointments.links import manage_url
    from clinic360.appointments.models import Appointment

    now = datetime.now(UTC).replace(microsecond=0)
    bookings = [book(now + timedelta(minutes=90 + 5 * i)) for i in range(4)]
    with transaction() as session:  # booked three hours ago: the 2h step is due now
        session.execute(update(Appointment).values(times_set_at=now - timedelta(hours=3)))
    workers = [
        Worker(mail_app, smtp_server, tmp_path / f"worker{n}.log", REMINDER_SCHEDULE="2h,1h")
        for n in (1, 2)
    ]
    try:
        smtp_server.mailbox.wait_for(
            16, timeout=240, context=lambda: "\n".join(w.output() for w in workers)
        )
        time.sleep(3)  # a second scan (or a slow duplicate) would show up by now
    finally:
        for worker in workers:
            worker.stop()

    reminders = [m for m in smtp_server.mailbox.messages if "Reminder" in str(m["Subject"])]
    assert len(reminders) == 8
    assert len({m["Message-ID"] for m in reminders}) == 8
    keys = [row.idempotency_key for row in _rows() if ":reminder:" in row.idempotency_key]
    assert sorted(key.split(":")[3] for key in keys) == ["2h"] * 8
    for booking in bookings:
        to_patient = [m for m in reminders if booking.patient.email in str(m["To"])]
        assert len(to_patient) == 1
        text = to_patient[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert manage_url(booking.appointment_id, 0) in text
    for worker in workers:
        _assert_no_phi_in(worker.output(), bookings)
        assert "/manage/" not in worker.output()
