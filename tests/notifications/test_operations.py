"""Operator view: `flask outbox`, /api/health, and the local `.eml` outbox."""

from __future__ import annotations

import logging
import stat
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import update

from clinic360.core.config import ConfigError
from clinic360.core.db import transaction
from clinic360.notifications.delivery import relay_until_idle
from clinic360.outbox.models import EmailKind, EmailStatus, OutboxEmail
from tests.conftest import make_app
from tests.helpers import ApiClient
from tests.notifications.factories import CANARY_REASON, book, make_user, queue_account_email

START = datetime(2030, 12, 2, 8, 0, tzinfo=UTC)


def test_without_smtp_emails_are_private_eml_files(
    app: OpenAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="clinic360")
    with app.app_context():
        booking = book(START)
        assert relay_until_idle().sent == 2

    folder = Path(app.instance_path) / "outbox"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == [f"0000000{n}-appointment_booked.eml" for n in (1, 2)]
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        message = BytesParser(policy=policy.default).parsebytes(file.read_bytes())
        assert str(message["Subject"]).endswith("appointment on 2 Dec at 08:00")
        for part in message.walk():
            payload = part.get_payload(decode=True)
            assert not isinstance(payload, bytes) or CANARY_REASON.encode() not in payload
    logged = [r for r in caplog.records if r.message == "email sent"]
    assert [(r.outbox_id, r.transport) for r in logged] == [(1, "file"), (2, "file")]  # type: ignore[attr-defined]
    assert booking.patient.email not in caplog.text and CANARY_REASON not in caplog.text


def test_outbox_status_and_retry_commands(app: OpenAPI) -> None:
    runner = app.test_cli_runner()
    with app.app_context():
        user = make_user("patient")
        queue_account_email(user, EmailKind.EMAIL_CHANGED)
        queue_account_email(user, EmailKind.EMAIL_CHANGED)
        with transaction() as session:
            session.execute(
                update(OutboxEmail)
                .where(OutboxEmail.id == 1)
                .values(status=EmailStatus.FAILED.value, attempts=10, last_error="SMTP 550")
            )
            session.execute(
                update(OutboxEmail)
                .where(OutboxEmail.id == 2)
                .values(created_at=datetime.now(UTC) - timedelta(minutes=5))
            )

    status = runner.invoke(args=["outbox", "status"])
    assert status.exit_code == 0
    lines = status.output.splitlines()
    assert "pending  1" in lines and "failed   1" in lines and "sent     0" in lines
    assert any(line.startswith("oldest pending: 3") for line in lines)  # ~300 s

    assert runner.invoke(args=["outbox", "retry", "1"]).exit_code == 0
    assert "is pending" in runner.invoke(args=["outbox", "retry", "1"]).output
    assert "no email 99" in runner.invoke(args=["outbox", "retry", "99"]).output

    relayed = runner.invoke(args=["outbox", "relay"])
    assert relayed.output.strip() == "sent 2, retried 0, failed 0, skipped 0"
    with app.app_context(), transaction(write=False) as session:
        row = session.get(OutboxEmail, 1, populate_existing=True)
        assert row is not None and row.status == "sent" and row.attempts == 1


def test_health_shows_the_email_backlog(app: OpenAPI, client: ApiClient) -> None:
    with app.app_context():
        queue_account_email(make_user("doctor"), EmailKind.DOCTOR_APPROVED)
    body = client.get("/api/health").get_json()
    assert body["status"] == "ok"
    assert body["outbox"]["pending"] == 1 and body["outbox"]["failed"] == 0
    assert body["outbox"]["oldestPendingSeconds"] >= 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SMTP_HOST": "smtp.example.org", "SMTP_SECURITY": "none"}, "SMTP_SECURITY"),
        ({"MAIL_FROM": "Clinic <no-reply@example.org>"}, "MAIL_FROM"),
        ({"OUTBOX_LEASE_SECONDS": "30", "SMTP_TIMEOUT_SECONDS": "10"}, "OUTBOX_LEASE_SECONDS"),
        ({"SMTP_SECURITY": "ssl"}, "SMTP_SECURITY"),
    ],
)
def test_unsafe_mail_settings_are_refused(
    sqlite_url: str, tmp_path: Path, settings: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        make_app(sqlite_url, tmp_path / "instance", **settings)


def test_smtp_to_another_host_defaults_to_verified_starttls() -> None:
    from clinic360.notifications.transport import smtp_security

    assert smtp_security("smtp.example.org", "") == "starttls"
    assert smtp_security("127.0.0.1", "") == "none"
    assert smtp_security("localhost", "tls") == "tls"
