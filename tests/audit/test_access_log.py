"""The access log: AUD-01 (one row per PHI access), AUD-02 (fail closed), AUD-03, AC-09."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from clinic360.audit.models import AccessEvent
from clinic360.core.db import db
from clinic360.records.models import MedicalRecord
from tests.faults import audit_insert_fails
from tests.records.conftest import AddAppointment, People, create_record, record_body


def test_every_phi_read_and_write_writes_exactly_one_row(
    app: OpenAPI, people: People, add_appointment: AddAppointment, audit_count: Callable[..., int]
) -> None:
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d1)
    p1, d1 = people.p1, people.d1

    def one_row(action: str, call: Callable[[], object], rows: int = 1) -> None:
        before = audit_count()
        response = call()
        assert getattr(response, "status_code", 0) in (200, 201), action
        assert audit_count() == before + rows, action
        assert audit_count(action=action) >= rows

    record: dict[str, int] = {}

    def create() -> object:
        response = d1.client.post("/api/records", json=record_body(p1))
        record.update(response.get_json())
        return response

    one_row("record.create", create)
    one_row("records.list", lambda: d1.client.get(f"/api/records/{p1.id}"))
    one_row("records.list", lambda: p1.client.get(f"/api/records/{p1.id}"))
    one_row(
        "record.amend", lambda: d1.client.put(f"/api/records/{record['id']}", json={"reason": "r"})
    )
    one_row("record.read_history", lambda: p1.client.get(f"/api/records/{record['id']}/history"))
    one_row("patient.read", lambda: d1.client.get(f"/api/patients/{p1.id}"))
    one_row("fhir.export", lambda: p1.client.get(f"/api/patients/{p1.id}/fhir"))
    one_row("patient.list", lambda: d1.client.get("/api/patients"), rows=2)  # one per patient

    with app.app_context():
        rows = db.session.scalars(
            select(AccessEvent).where(AccessEvent.patient_id == p1.id).order_by(AccessEvent.id)
        ).all()
    create_row = rows[0]
    assert (create_row.actor_id, create_row.actor_role) == (d1.id, "doctor")
    assert create_row.record_id == record["id"]
    assert create_row.request_id and len(create_row.request_id) >= 8
    assert create_row.at.tzinfo is not None
    # Denied and failed calls write nothing (the transaction rolls back).
    before = audit_count()
    assert people.p2.client.get(f"/api/records/{p1.id}").status_code == 404
    assert d1.client.post("/api/records", json=record_body(p1, diagnosis="")).status_code == 422
    assert audit_count() == before


def test_patient_reads_own_log_with_actor_names(
    people: People, add_appointment: AddAppointment, audit_count: Callable[..., int]
) -> None:
    """AC-09: P1 sees only events on P1's data, whatever the query says (another patient's
    `patientId` without family access is 404, issue 22); doctors get 403."""
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d1)
    record = create_record(people.d1, people.p1)
    create_record(people.d1, people.p2)
    people.d1.client.get(f"/api/records/{people.p1.id}")
    people.d1.client.get(f"/api/records/{people.p2.id}")

    stranger = people.p1.client.get(f"/api/access-log?patientId={people.p2.id}")
    assert stranger.status_code == 404
    response = people.p1.client.get("/api/access-log?actorId=1")
    assert response.status_code == 200
    events = response.get_json()
    assert [e["action"] for e in events] == ["records.list", "record.create"]  # newest first
    assert events[1] == {
        "at": events[1]["at"],
        "actor": {"id": people.d1.id, "fullName": people.d1.user["fullName"], "role": "doctor"},
        "onBehalfOf": None,  # the doctor acted as themselves (family access: issue 22)
        "app": None,  # in the web app, not through a SMART app (`/fhir/R4`)
        "action": "record.create",
        "recordId": record["id"],
        "description": events[1]["description"],
    }
    assert events[1]["description"].endswith(" — written")
    assert events[0]["recordId"] is None
    assert events[0]["at"].endswith("Z")
    assert int(response.headers["X-Total-Count"]) == audit_count(patient_id=people.p1.id)

    paged = people.p1.client.get("/api/access-log?limit=1&offset=1").get_json()
    assert [e["action"] for e in paged] == ["record.create"]
    for doctor in (people.d1, people.d2):
        denied = doctor.client.get("/api/access-log")
        assert denied.status_code == 403
        assert denied.get_json()["code"] == "forbidden"


def test_no_route_modifies_the_log(people: People) -> None:
    for method in ("post", "put", "delete"):
        response = getattr(people.p1.client, method)("/api/access-log")
        assert response.status_code == 405


def test_failed_audit_write_fails_the_request_with_no_phi(
    app: OpenAPI, people: People, add_appointment: AddAppointment, log_lines: list[str]
) -> None:
    """AUD-02 / GAP-10: no audit row, no PHI (503), and no write either; restoring restores."""
    add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    canaries = [record["diagnosis"], record["prescription"], record["notes"]]
    p1, d1 = people.p1.client, people.d1.client
    calls = {
        "records": lambda: d1.get(f"/api/records/{people.p1.id}"),
        "own records": lambda: p1.get(f"/api/records/{people.p1.id}"),
        "history": lambda: d1.get(f"/api/records/{record['id']}/history"),
        "patient": lambda: d1.get(f"/api/patients/{people.p1.id}"),
        "fhir": lambda: p1.get(f"/api/patients/{people.p1.id}/fhir"),
        "patients": lambda: d1.get("/api/patients"),
        "create": lambda: d1.post("/api/records", json=record_body(people.p1)),
        "amend": lambda: d1.put(
            f"/api/records/{record['id']}", json={"diagnosis": "new", "reason": "r"}
        ),
    }
    with audit_insert_fails(app):
        for name, call in calls.items():
            response = call()
            assert response.status_code == 503, name
            assert response.mimetype == "application/problem+json"
            assert response.get_json()["code"] == "audit_unavailable"
            body = response.get_data(as_text=True)
            assert not any(c in body for c in canaries), name
    with app.app_context():
        assert db.session.scalar(select(MedicalRecord.current_version)) == 1
        assert len(db.session.scalars(select(MedicalRecord.id)).all()) == 1
    assert any('"audit write failed"' in line for line in log_lines)
    for name, call in calls.items():
        assert call().status_code in (200, 201), name


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE access_log SET actor_id = patient_id",
        "DELETE FROM access_log",
        "UPDATE record_versions SET diagnosis = 'forged'",
        "DELETE FROM record_versions",
        "DELETE FROM medical_records",
        "UPDATE medical_records SET patient_id = doctor_id",
        "UPDATE medical_records SET current_version = current_version + 5",
    ],
)
def test_database_refuses_to_alter_audit_and_records(
    app: OpenAPI, people: People, add_appointment: AddAppointment, statement: str
) -> None:
    """AUD-03 / INT-01: the database itself refuses edits and deletes, on both backends."""
    add_appointment(people.p1, people.d1)
    create_record(people.d1, people.p1)
    with app.app_context(), db.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM access_log")) == 1
        with pytest.raises(DBAPIError):
            conn.execute(text(statement))
        conn.rollback()
        assert conn.scalar(text("SELECT count(*) FROM access_log")) == 1
        assert conn.scalar(text("SELECT count(*) FROM record_versions")) == 1
