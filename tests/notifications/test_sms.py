"""Text-message reminders: the outbox's `sms` rows, their text (no PHI) and both transports.

The provider cannot run here: the HTTP transport talks to a local `http.server` the test
starts, which answers as scripted (status codes, or too slowly).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask_openapi3 import OpenAPI
from sqlalchemy import select, update

from clinic360.accounts.models import User
from clinic360.appointments.models import Appointment
from clinic360.appointments.reminders import schedule_reminders
from clinic360.core.db import transaction
from clinic360.notifications.delivery import relay_once, relay_until_idle
from clinic360.outbox.models import Channel, EmailStatus, OutboxEmail
from tests.notifications.factories import CANARY_REASON, Booking, book
from tests.notifications.smtp import SmtpServer

START = datetime(2030, 12, 2, 8, 0, tzinfo=UTC)
DUE = START - timedelta(hours=23)  # inside the 24h step's window
MOBILE = "+4915123456789"


class Provider(ThreadingHTTPServer):
    """A stand-in SMS provider: answers each POST with the next scripted reply."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies: list[int | float] = []  # a status, or seconds to stall before 200
        self.requests: list[dict[str, Any]] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1/messages"


class _Handler(BaseHTTPRequestHandler):
    server: Provider

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append(
            {"headers": dict(self.headers), "body": json.loads(body), "path": self.path}
        )
        reply = self.server.replies.pop(0) if self.server.replies else 200
        if isinstance(reply, float):
            time.sleep(reply)
            reply = 200
        self.send_response(reply)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "msg-1"}')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[Provider]:
    server = Provider()
    server.thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def sms_app(mail_app: OpenAPI, provider: Provider) -> OpenAPI:
    mail_app.config.update(
        SMS_PROVIDER_URL=provider.url,
        SMS_API_KEY="test-key-123",
        SMS_SENDER="Clinic360",
        SMS_TIMEOUT_SECONDS=1,
        REMINDER_SCHEDULE=(24 * 60,),
    )
    return mail_app


def _opt_in(user: User, phone: str = MOBILE) -> None:
    with transaction() as session:
        session.execute(
            update(User).where(User.id == user.id).values(mobile_phone=phone, sms_reminders=True)
        )


def _booked_early(booking: Booking) -> None:
    with transaction() as session:
        session.execute(
            update(Appointment)
            .where(Appointment.id == booking.appointment_id)
            .values(times_set_at=START - timedelta(days=30))
        )


def _texts() -> list[OutboxEmail]:
    with transaction(write=False) as session:
        return list(
            session.scalars(
                select(OutboxEmail)
                .where(OutboxEmail.channel == Channel.SMS.value)
                .order_by(OutboxEmail.id)
                .execution_options(populate_existing=True)
            )
        )


def _reminder_due(opted_in: bool = True) -> Booking:
    booking = book(START)
    _booked_early(booking)
    if opted_in:
        _opt_in(booking.patient)
    with time_machine.travel(DUE, tick=False):
        relay_until_idle()  # the booking emails
        schedule_reminders()
    return booking


def _relay_at(moment: datetime) -> Any:
    with time_machine.travel(moment, tick=False):
        return relay_once()


def test_an_opted_in_patient_gets_one_text_and_the_email(
    sms_app: OpenAPI, provider: Provider, smtp_server: SmtpServer
) -> None:
    booking = _reminder_due()
    [text] = _texts()
    assert text.recipient_id == booking.patient.id
    report = _relay_at(DUE)
    assert report.sent == 3  # the text, the patient's and the doctor's reminder emails
    with time_machine.travel(DUE + timedelta(minutes=5), tick=False):
        assert schedule_reminders() == 0  # each step once

    [request] = provider.requests
    assert request["path"] == "/v1/messages"
    assert request["headers"]["Authorization"] == "Bearer test-key-123"
    assert request["headers"]["Content-Type"] == "application/json"
    body = request["body"]
    assert set(body) == {"to", "from", "text"}
    assert body["to"] == MOBILE and body["from"] == "Clinic360"
    assert body["text"].startswith("Clinic360: reminder of your appointment on Mon 2 Dec 2030")
    assert "at 08:00" in body["text"] and "/manage/" in body["text"]
    for secret in (CANARY_REASON, "Cardiology", booking.doctor.full_name, booking.patient.email):
        assert secret not in body["text"]
    assert [row.status for row in _texts()] == [EmailStatus.SENT.value]
    subjects = [str(m["Subject"]) for m in smtp_server.mailbox.messages]
    assert subjects.count("Reminder: your appointment on 2 Dec at 08:00") == 2


def test_a_patient_not_opted_in_gets_no_text(sms_app: OpenAPI, provider: Provider) -> None:
    _reminder_due(opted_in=False)
    assert _texts() == []
    _relay_at(DUE)
    assert provider.requests == []


def test_provider_error_is_retried_with_backoff_then_sent(
    sms_app: OpenAPI, provider: Provider
) -> None:
    _reminder_due()
    provider.replies = [500]
    assert _relay_at(DUE).retried == 1
    [text] = _texts()
    assert text.status == EmailStatus.PENDING.value
    assert text.last_error == "SMS provider answered HTTP 500"
    assert text.next_attempt_at > DUE  # backoff, not at once
    assert _relay_at(DUE + timedelta(seconds=1)).handled == 0
    assert _relay_at(DUE + timedelta(minutes=5)).sent == 1
    assert [row.status for row in _texts()] == [EmailStatus.SENT.value]
    assert len(provider.requests) == 2


def test_rate_limit_and_timeout_are_retried(sms_app: OpenAPI, provider: Provider) -> None:
    _reminder_due()
    provider.replies = [429, 3.0]  # then slower than SMS_TIMEOUT_SECONDS (1)
    assert _relay_at(DUE).retried == 1
    assert _relay_at(DUE + timedelta(minutes=5)).retried == 1
    [text] = _texts()
    assert text.status == EmailStatus.PENDING.value
    assert text.last_error is not None and text.last_error.startswith("SMS provider unreachable")
    assert _relay_at(DUE + timedelta(minutes=15)).sent == 1


def test_a_client_error_fails_for_good(sms_app: OpenAPI, provider: Provider) -> None:
    _reminder_due()
    provider.replies = [400]
    assert _relay_at(DUE).failed == 1
    [text] = _texts()
    assert text.status == EmailStatus.FAILED.value
    assert text.last_error == "SMS provider answered HTTP 400"
    assert _relay_at(DUE + timedelta(hours=6)).handled == 0
    assert len(provider.requests) == 1


def test_a_patient_who_opted_out_meanwhile_is_skipped(sms_app: OpenAPI, provider: Provider) -> None:
    booking = _reminder_due()
    with transaction() as session:
        session.execute(
            update(User).where(User.id == booking.patient.id).values(sms_reminders=False)
        )
    _relay_at(DUE)
    assert [(row.status, row.last_error) for row in _texts()] == [
        (EmailStatus.SKIPPED.value, "recipient turned text messages off")
    ]
    assert provider.requests == []


def test_without_a_provider_texts_are_written_as_files(mail_app: OpenAPI) -> None:
    mail_app.config.update(SMS_PROVIDER_URL="", REMINDER_SCHEDULE=(24 * 60,))
    _reminder_due()
    assert _relay_at(DUE).sent == 3
    folder = Path(mail_app.instance_path) / "sms-outbox"
    [file] = list(folder.glob("*.txt"))
    assert folder.stat().st_mode & 0o777 == 0o700
    assert file.stat().st_mode & 0o777 == 0o600
    content = file.read_text()
    assert content.startswith(f"To: {MOBILE}\nFrom: Clinic360\n\nClinic360: reminder of")
    assert CANARY_REASON not in content and "Cardiology" not in content


@pytest.mark.slow
def test_a_real_worker_texts_the_opted_in_patient_only(
    mail_app: OpenAPI, provider: Provider, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    from tests.notifications.test_worker_processes import Worker

    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=23)
    texted, emailed = book(start), book(start + timedelta(hours=1))
    for booking in (texted, emailed):
        with transaction() as session:
            session.execute(
                update(Appointment)
                .where(Appointment.id == booking.appointment_id)
                .values(times_set_at=start - timedelta(days=30))
            )
    _opt_in(texted.patient)
    worker = Worker(
        mail_app,
        smtp_server,
        tmp_path / "worker.log",
        REMINDER_SCHEDULE="24h",
        SMS_PROVIDER_URL=provider.url,
        SMS_API_KEY="worker-key",
    )
    try:
        deadline = time.monotonic() + 240
        while len(smtp_server.mailbox.messages) < 8 or not provider.requests:
            assert worker.process.poll() is None, worker.output()
            assert time.monotonic() < deadline, worker.output()
            time.sleep(0.2)
        time.sleep(2)  # anything more would arrive now
    finally:
        worker.stop()
    [request] = provider.requests
    assert request["body"]["to"] == MOBILE
    assert request["headers"]["Authorization"] == "Bearer worker-key"
    reminders = [m for m in smtp_server.mailbox.messages if "Reminder" in str(m["Subject"])]
    assert len(reminders) == 4  # patient and doctor of both visits
    output = worker.output()
    assert '"channel": "sms"' in output
    for secret in (CANARY_REASON, MOBILE, request["body"]["text"]):
        assert secret not in output
