"""Writing, reading and amending records through the API (INT-01, AC-04, input rules)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.test import TestResponse

from clinic360.accounts.models import User
from clinic360.accounts.passwords import hash_password
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.records.models import MedicalRecord, RecordVersion
from tests.factories import DEFAULT_PASSWORD, Party
from tests.helpers import ApiClient
from tests.records.conftest import AddAppointment, People, canary, create_record, record_body


def test_doctor_writes_a_record_and_both_sides_read_it_newest_first(
    people: People, add_appointment: AddAppointment
) -> None:
    appointment = add_appointment(people.p1, people.d1)
    first = create_record(people.d1, people.p1, appointmentId=appointment)
    second = create_record(people.d1, people.p1, prescription=None, notes=None)

    assert first["patientId"] == people.p1.id
    assert first["doctorId"] == people.d1.id
    assert first["appointmentId"] == appointment
    assert first["version"] == 1
    assert first["amendedAt"] is None
    assert first["doctor"] == {
        "id": people.d1.id,
        "fullName": people.d1.user["fullName"],
        "specialization": "Cardiology",
    }
    assert first["createdAt"].endswith("Z")
    assert second["prescription"] is None
    assert second["notes"] is None
    for reader in (people.p1, people.d1):
        response = reader.client.get(f"/api/records/{people.p1.id}")
        assert response.status_code == 200
        assert [r["id"] for r in response.get_json()] == [second["id"], first["id"]]
        assert response.headers["X-Total-Count"] == "2"
        assert first["medication"] is None  # no `medication` in the body: none written
        written = {k: v for k, v in first.items() if k not in ("warnings", "medication")}
        assert response.get_json()[1] == written  # the answer adds `warnings`, `medication`


def test_amendment_adds_a_version_and_keeps_the_original(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    original = create_record(people.d1, people.p1)
    new_diagnosis = canary("DX2")
    amended = people.d1.client.put(
        f"/api/records/{original['id']}",
        json={"diagnosis": new_diagnosis, "reason": canary("WHY")},
    )
    assert amended.status_code == 200, amended.get_data(as_text=True)
    body = amended.get_json()
    assert body["version"] == 2
    assert body["diagnosis"] == new_diagnosis
    assert body["prescription"] == original["prescription"]  # left out: kept
    assert body["amendedAt"] is not None
    assert body["createdAt"] == original["createdAt"]

    history = people.p1.client.get(f"/api/records/{original['id']}/history")
    assert history.status_code == 200
    v1, v2 = history.get_json()
    assert (v1["version"], v2["version"]) == (1, 2)
    assert v1["diagnosis"] == original["diagnosis"]
    assert v1["prescription"] == original["prescription"]
    assert v1["notes"] == original["notes"]
    assert v1["amendedAt"] is None and v1["amendedBy"] is None and v1["reason"] is None
    assert v2["amendedBy"] == {"id": people.d1.id, "fullName": people.d1.user["fullName"]}
    assert v2["reason"].startswith("CANARY-WHY")
    with app.app_context():
        rows = db.session.scalars(
            select(RecordVersion).where(RecordVersion.record_id == original["id"])
        ).all()
    assert len(rows) == 2
    assert rows[0].content_sha256 == v1["contentSha256"]
    assert v1["contentSha256"] != v2["contentSha256"]


def test_amendment_null_clears_optional_fields_and_needs_a_reason(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    url = f"/api/records/{record['id']}"

    no_reason = people.d1.client.put(url, json={"diagnosis": "Other"})
    assert no_reason.status_code == 422
    assert "reason" in no_reason.get_json()["errors"]
    blank_reason = people.d1.client.put(url, json={"diagnosis": "Other", "reason": "   "})
    assert blank_reason.status_code == 422

    cleared = people.d1.client.put(url, json={"notes": None, "reason": "Wrong patient note"})
    assert cleared.status_code == 200
    assert cleared.get_json()["notes"] is None
    assert cleared.get_json()["prescription"] == record["prescription"]
    assert cleared.get_json()["version"] == 2


def test_stale_base_version_is_a_conflict(people: People, add_appointment: AddAppointment) -> None:
    add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    url = f"/api/records/{record['id']}"
    assert people.d1.client.put(url, json={"reason": "a", "baseVersion": 1}).status_code == 200
    stale = people.d1.client.put(url, json={"reason": "b", "baseVersion": 1})
    assert stale.status_code == 409
    assert stale.get_json()["code"] == "version_conflict"
    assert people.d1.client.put(url, json={"reason": "c", "baseVersion": 2}).status_code == 200


def test_records_are_never_deleted(people: People, add_appointment: AddAppointment) -> None:
    add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    for client in (people.d1.client, people.p1.client):
        response = client.delete(f"/api/records/{record['id']}")
        assert response.status_code == 405
        assert response.mimetype == "application/problem+json"
    assert len(people.p1.client.get(f"/api/records/{people.p1.id}").get_json()) == 1


def test_only_the_author_amends(people: People, add_appointment: AddAppointment) -> None:
    add_appointment(people.p1, people.d1)
    add_appointment(people.p1, people.d2)
    record = create_record(people.d1, people.p1)
    url = f"/api/records/{record['id']}"

    other_doctor = people.d2.client.put(url, json={"diagnosis": "x", "reason": "y"})
    assert other_doctor.status_code == 403
    assert other_doctor.get_json()["code"] == "not_author"
    patient = people.p1.client.put(url, json={"diagnosis": "x", "reason": "y"})
    assert patient.status_code == 403
    history = people.p1.client.get(f"{url}/history").get_json()
    assert len(history) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("diagnosis", ""),
        ("diagnosis", "   "),
        ("diagnosis", "x" * 501),
        ("diagnosis", "Angina\u0000"),
        ("diagnosis", "two\nlines"),
        ("prescription", "x" * 2001),
        ("prescription", "Aspirin\u0000 100 mg"),
        ("notes", "x" * 10001),
        ("notes", "bell \u0007"),
        ("notes", "nul \u0000 in notes"),
        ("patientId", 2**31),
        ("appointmentId", 0),
    ],
)
def test_record_input_rules(
    people: People, add_appointment: AddAppointment, field: str, value: object
) -> None:
    add_appointment(people.p1, people.d1)
    response = people.d1.client.post("/api/records", json=record_body(people.p1, **{field: value}))
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_limits_are_inclusive_and_line_breaks_allowed_in_notes(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    record = create_record(
        people.d1,
        people.p1,
        diagnosis="d" * 500,
        prescription="p" * 2000,
        notes="line one\nline two\ttabbed\r\n" + "n" * 9970,
    )
    assert len(record["diagnosis"]) == 500
    amended = people.d1.client.put(
        f"/api/records/{record['id']}", json={"notes": "x\u0000", "reason": "typo"}
    )
    assert amended.status_code == 422


def test_appointment_must_be_this_patients_with_this_doctor(
    app: OpenAPI,
    people: People,
    add_appointment: AddAppointment,
    set_status: Callable[[int, str], None],
) -> None:
    """AC-04: an appointment of another patient or another doctor is refused, nothing written."""
    add_appointment(people.p1, people.d1)
    p3_with_d1 = add_appointment(people.p3, people.d1)
    p1_with_d2 = add_appointment(people.p1, people.d2)
    cancelled = add_appointment(people.p1, people.d1)
    set_status(cancelled, "cancelled")
    for appointment in (p3_with_d1, p1_with_d2, cancelled, 999_999):
        response = people.d1.client.post(
            "/api/records", json=record_body(people.p1, appointmentId=appointment)
        )
        assert response.status_code == 422, appointment
        assert response.get_json()["errors"] == {
            "appointmentId": "must be a non-cancelled appointment of this patient with you"
        }
    with app.app_context():
        assert db.session.scalar(select(MedicalRecord.id)) is None


def test_database_refuses_a_record_tied_to_someone_elses_appointment(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    """The composite foreign key (appointment_id, patient_id, doctor_id) holds on its own."""
    p3_with_d1 = add_appointment(people.p3, people.d1)
    with app.app_context():
        db.session.add(
            MedicalRecord(
                patient_id=people.p1.id, doctor_id=people.d1.id, appointment_id=p3_with_d1
            )
        )
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def _every_phi_call(client: ApiClient, patient: Party, record_id: int) -> list[TestResponse]:
    return [
        client.get(f"/api/records/{patient.id}"),
        client.get(f"/api/records/{record_id}/history"),
        client.get(f"/api/patients/{patient.id}"),
        client.get(f"/api/patients/{patient.id}/fhir"),
        client.get("/api/patients"),
        client.post("/api/records", json=record_body(patient)),
        client.put(f"/api/records/{record_id}", json={"reason": "x"}),
    ]


@pytest.mark.parametrize("state", ["pending", "suspended"])
def test_pending_or_suspended_doctor_sees_no_patient_data(
    app: OpenAPI, people: People, add_appointment: AddAppointment, state: str
) -> None:
    add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    change = {"approved": False} if state == "pending" else {"suspended_at": utcnow()}
    with app.app_context():  # the session is left alive: the check itself must refuse
        db.session.execute(update(User).where(User.id == people.d1.id).values(**change))
        db.session.commit()
    # Pending: 403 from the care check. Suspended: accounts already ends the session (401);
    # the care check refuses such a doctor too, should a session ever survive.
    expected = (403, "doctor_not_approved") if state == "pending" else (401, "unauthenticated")
    for response in _every_phi_call(people.d1.client, people.p1, record["id"]):
        assert (response.status_code, response.get_json()["code"]) == expected
        assert "CANARY" not in response.get_data(as_text=True)
    with app.app_context():
        doctor = db.session.get(User, people.d1.id)
        assert doctor is not None and not doctor.is_active_doctor


def test_admin_sees_no_patient_data(
    app: OpenAPI,
    people: People,
    add_appointment: AddAppointment,
    new_client: Callable[[], ApiClient],
) -> None:
    add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    with app.app_context():
        db.session.add(
            User(
                username="admin1",
                email="admin1@example.org",
                full_name="Admin",
                role="admin",
                password_hash=hash_password(DEFAULT_PASSWORD),
            )
        )
        db.session.commit()
    admin = new_client()
    login = admin.post("/api/login", json={"username": "admin1", "password": DEFAULT_PASSWORD})
    assert login.status_code == 200
    calls = [*_every_phi_call(admin, people.p1, record["id"]), admin.get("/api/access-log")]
    for response in calls:
        assert response.status_code == 403
        assert response.get_json()["code"] == "forbidden"
        assert "CANARY" not in response.get_data(as_text=True)


def test_anonymous_gets_401(client: ApiClient, people: People) -> None:
    for path in (
        f"/api/records/{people.p1.id}",
        "/api/records/1/history",
        "/api/patients",
        f"/api/patients/{people.p1.id}",
        f"/api/patients/{people.p1.id}/fhir",
        "/api/access-log",
    ):
        assert client.get(path).status_code == 401, path
    assert client.post("/api/records", json=record_body(people.p1)).status_code == 401
    assert client.put("/api/records/1", json={"reason": "x"}).status_code == 401
