"""The race of a waitlist offer, against real processes on SQLite and PostgreSQL.

A real worker (`flask worker`) offers a cancelled slot to ten waitlisted patients and
emails their claim links to an SMTP server; a real server (gunicorn, 4 workers, a 30 ms
sleep between the booking's check and its insert) takes the ten claims at once, released
together by a barrier. Exactly one books; nine hear 409 `offer_taken` and stay waiting.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from flask_openapi3 import OpenAPI

from clinic360.core.config import PROJECT_ROOT, SETTINGS
from tests.appointments.helpers import overlapping_pairs, sql
from tests.appointments.test_concurrency import _wait_patiently
from tests.conftest import TEST_SECRET_KEY
from tests.factories import Party, at, booked
from tests.live import BIN, free_port
from tests.notifications.smtp import SmtpServer
from tests.notifications.test_worker_processes import Worker
from tests.waitlist.helpers import join

pytestmark = pytest.mark.slow
CLAIMERS = 10
TOKEN = re.compile(r"/claim/([0-9]+\.[A-Za-z0-9_-]{43})")


@contextmanager
def _server(app: OpenAPI, **settings: str) -> Iterator[str]:
    """gunicorn on the app's database; its URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {s.name for s in SETTINGS}}
    env.update(
        {
            "FLASK_APP": "clinic360",
            "INSTANCE_PATH": app.instance_path,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "REDIS_URL": "",
            "SECRET_KEY": TEST_SECRET_KEY,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "4",
            "LOG_LEVEL": "WARNING",
            "TEST_FAULT_SLEEP_MS": "30",
            **settings,
        }
    )
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "tests/faults_gunicorn.py", "clinic360:create_app()"],
        env=env,
        cwd=PROJECT_ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_patiently(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _claim_all(url: str, tokens: list[str]) -> list[httpx.Response]:
    import threading

    barrier = threading.Barrier(len(tokens))
    answers: list[httpx.Response | None] = [None] * len(tokens)

    def claim(i: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as browser:
            barrier.wait()
            answers[i] = browser.post(f"/api/claim/{tokens[i]}")

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(tokens))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [answer for answer in answers if answer is not None]


def test_ten_claims_of_one_slot_book_it_once(
    app: OpenAPI,
    doctor: Party[Any],
    make_patient: Callable[..., Party[Any]],
    smtp_server: SmtpServer,
    tmp_path: Any,
) -> None:
    holder = make_patient()
    visit = booked(holder, doctor, at(9))
    patients = [make_patient() for _ in range(CLAIMERS)]
    for patient in patients:
        join(patient, doctor)
    holder.client.call("PUT", f"/api/appointments/{visit['id']}", {"status": "cancelled"})
    settings = {"WAITLIST_OFFERS_PER_SLOT": str(CLAIMERS)}
    worker = Worker(app, smtp_server, tmp_path / "worker.log", **settings)
    try:
        # Its first minute's scan offers the slot; its relay sends the ten emails.
        smtp_server.mailbox.wait_for(CLAIMERS + 1, timeout=180, context=worker.output)
    finally:
        worker.stop()
    offers = [
        m for m in smtp_server.mailbox.messages if str(m["Subject"]).startswith("A time is free")
    ]
    assert len(offers) == CLAIMERS
    tokens = [TOKEN.findall(m.get_body(("plain",)).get_content())[0] for m in offers]  # type: ignore[union-attr]
    assert len(set(tokens)) == CLAIMERS
    assert not any(token in worker.output() for token in tokens)  # never in a log line

    with _server(app, **settings) as url:
        answers = _claim_all(url, tokens)
    outcomes = Counter(
        (a.status_code, a.json().get("code") if a.status_code >= 400 else None) for a in answers
    )
    assert outcomes == {(200, None): 1, (409, "offer_taken"): CLAIMERS - 1}, outcomes

    (winner,) = [a.json() for a in answers if a.status_code == 200]
    rows = sql(
        app,
        "SELECT id, patient_id FROM appointments WHERE doctor_id = :d AND status != 'cancelled'",
        d=doctor.id,
    )
    assert [row[0] for row in rows] == [winner["appointmentId"]]
    assert overlapping_pairs(app) == []
    offer_rows = sql(app, "SELECT status, COUNT(*) FROM waitlist_offers GROUP BY status")
    assert dict((s, n) for s, n in offer_rows) == {"claimed": 1, "taken": CLAIMERS - 1}
    assert [r[0] for r in sql(app, "SELECT status FROM waitlist_slots WHERE cause <> 'hours'")] == [
        "filled"
    ]
    entries = sql(app, "SELECT status, COUNT(*) FROM waitlist_entries GROUP BY status")
    assert dict((s, n) for s, n in entries) == {"fulfilled": 1, "waiting": CLAIMERS - 1}
    outbox = sql(
        app,
        "SELECT kind, status, appointment_id, recipient_id FROM email_outbox "
        "WHERE kind IN ('waitlist_offer', 'appointment_booked') "
        "AND (appointment_id IS NULL OR appointment_id <> :v)",
        v=visit["id"],
    )
    kinds = Counter(row[0] for row in outbox)
    assert kinds == {"waitlist_offer": CLAIMERS, "appointment_booked": 2}, outbox
    assert all(row[1] == "sent" for row in outbox if row[0] == "waitlist_offer")
    booked_rows = [row for row in outbox if row[0] == "appointment_booked"]
    assert {row[2] for row in booked_rows} == {winner["appointmentId"]}
    assert {row[3] for row in booked_rows} == {rows[0][1], doctor.id}
