"""INT-03: concurrent amendments of one record are never lost and never duplicate a version."""

from __future__ import annotations

import threading
from collections import Counter

from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.db import db
from clinic360.core.security import CSRF_HEADER
from clinic360.records.models import MedicalRecord, RecordVersion
from tests.records.conftest import AddAppointment, People, create_record

THREADS = 20


def test_twenty_concurrent_amendments_all_apply_in_order(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    cookie = people.d1.client.http.get_cookie("clinic360_session")
    assert cookie is not None
    token = people.d1.client.csrf_token()
    barrier = threading.Barrier(THREADS)
    results: list[tuple[int, int | None]] = [(0, None)] * THREADS

    def amend(i: int) -> None:
        http = app.test_client()
        http.set_cookie(cookie.key, cookie.value)
        barrier.wait()
        response = http.put(
            f"/api/records/{record['id']}",
            json={"diagnosis": f"diagnosis {i}", "reason": f"reason {i}"},
            headers={CSRF_HEADER: token},
        )
        body = response.get_json(silent=True) or {}
        results[i] = (response.status_code, body.get("version"))

    threads = [threading.Thread(target=amend, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = Counter(status for status, _ in results)
    assert statuses == {200: THREADS}, results
    versions = sorted(version for _, version in results if version is not None)
    assert versions == list(range(2, THREADS + 2))
    with app.app_context():
        stored = db.session.scalars(
            select(RecordVersion.version)
            .where(RecordVersion.record_id == record["id"])
            .order_by(RecordVersion.version)
        ).all()
        head = db.session.scalar(select(MedicalRecord.current_version))
    assert stored == list(range(1, THREADS + 2))
    assert head == THREADS + 1
    history = people.p1.client.get(f"/api/records/{record['id']}/history").get_json()
    assert len(history) == THREADS + 1
    assert {v["diagnosis"] for v in history[1:]} == {f"diagnosis {i}" for i in range(THREADS)}
