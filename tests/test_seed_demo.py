"""`flask seed-demo`: a demo clinic that keeps the booking rules and can be logged into."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from clinic360.accounts.models import Role, User
from clinic360.appointments.models import Appointment, AppointmentStatus
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.demo import DEMO_PASSWORD, HEAVY_PATIENT_PAST, RECORD_SHARE
from clinic360.records.integrity import version_is_intact
from clinic360.records.models import MedicalRecord, RecordVersion
from clinic360.schedules.models import ScheduleEntry
from tests.helpers import ApiClient


def _seed(app: OpenAPI, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["seed-demo", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _overlaps(column: str) -> int:
    """Pairs of non-cancelled appointments of one doctor (or patient) that overlap."""
    return db.session.scalar(
        text(
            f"SELECT count(*) FROM appointments a JOIN appointments b "  # noqa: S608
            f"ON a.{column} = b.{column} AND a.id < b.id "
            "AND a.start_time < b.end_time AND b.start_time < a.end_time "
            "WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'"
        )
    )


def test_default_demo_clinic(app: OpenAPI, client: ApiClient) -> None:
    output = _seed(app)
    assert DEMO_PASSWORD in output
    with app.app_context():
        rows = db.session.execute(select(User.role, func.count()).group_by(User.role)).all()
        roles = {role: count for role, count in rows}
        assert roles == {Role.DOCTOR.value: 12, Role.PATIENT.value: 40}
        specializations = db.session.scalar(
            select(func.count(func.distinct(User.specialization_id)))
        )
        listed = client.get("/api/specializations").get_json()
        zones = db.session.scalar(
            select(func.count(func.distinct(User.timezone))).where(User.role == "doctor")
        )
        assert specializations == 12 and len(listed) == 12
        assert zones == 12
        now = utcnow()
        starts = db.session.scalars(select(Appointment.start_time)).all()
        assert len(starts) == 300
        assert any(s < now for s in starts)
        assert any(s > now for s in starts)
        assert _overlaps("doctor_id") == 0
        assert _overlaps("patient_id") == 0
        # Past appointments are over; future ones are not yet completed.
        finished = db.session.scalar(
            select(func.count()).where(
                Appointment.start_time > now,
                Appointment.status.in_(["completed", "no_show"]),
            )
        )
        assert finished == 0


@pytest.mark.parametrize("username", ["doctor1", "patient40"])
def test_seeded_users_log_in_with_the_demo_password(
    app: OpenAPI, client: ApiClient, username: str
) -> None:
    _seed(app)
    response = client.post("/api/login", json={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["username"] == username
    wrong = client.post("/api/login", json={"username": username, "password": "not-the-demo"})
    assert wrong.status_code == 401


def test_refuses_a_database_with_users_unless_forced(app: OpenAPI) -> None:
    _seed(app, "--doctors", "2", "--patients", "3", "--appointments", "10")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RecordVersion))
    again = app.test_cli_runner().invoke(args=["seed-demo"])
    assert again.exit_code != 0
    assert "--force" in again.output
    # --force empties the append-only record tables too, and the database still refuses
    # to delete a record version afterwards.
    _seed(app, "--force", "--doctors", "3", "--patients", "5", "--appointments", "20")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 8
        assert db.session.scalar(select(func.count()).select_from(Appointment)) == 20
        orphans = db.session.scalar(
            select(func.count())
            .select_from(MedicalRecord)
            .outerjoin(Appointment, Appointment.id == MedicalRecord.appointment_id)
            .where(Appointment.status.is_distinct_from(AppointmentStatus.COMPLETED.value))
        )
        assert orphans == 0
        assert db.session.scalar(select(func.count()).select_from(RecordVersion))
    with app.app_context(), pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM record_versions"))


def test_larger_set_keeps_every_rule(app: OpenAPI) -> None:
    _seed(app, "--doctors", "20", "--patients", "300", "--appointments", "6000")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Appointment)) == 6000
        assert _overlaps("doctor_id") == 0
        assert _overlaps("patient_id") == 0
        heavy = db.session.scalar(
            select(func.count())
            .select_from(Appointment)
            .join(User, User.id == Appointment.patient_id)
            .where(User.username == "patient1", Appointment.end_time <= utcnow())
        )
        assert heavy == HEAVY_PATIENT_PAST
        cancelled = db.session.scalar(
            select(func.count()).where(Appointment.status == AppointmentStatus.CANCELLED.value)
        )
        assert 0 < cancelled < 6000


def test_doctors_have_hours_time_off_and_free_slots(app: OpenAPI, client: ApiClient) -> None:
    _seed(app)
    with app.app_context():
        weekly = db.session.scalar(
            select(func.count()).where(ScheduleEntry.day_of_week.is_not(None))
        )
        time_off = db.session.scalar(
            select(func.count()).where(ScheduleEntry.date.is_not(None), ~ScheduleEntry.is_available)
        )
        assert weekly > 12 * 4
        assert time_off >= 12
    client.post("/api/login", json={"username": "patient2", "password": DEMO_PASSWORD})
    doctors = client.get("/api/doctors").get_json()
    assert len(doctors) == 12
    today = utcnow().date()
    slots = client.get(
        f"/api/doctors/{doctors[0]['id']}/slots?from={today}&to={today + timedelta(days=13)}"
    )
    assert slots.status_code == 200, slots.get_data(as_text=True)
    assert slots.get_json()
    # Each doctor also offers a Follow-up with a buffer: its slots are 15 minutes long.
    offered = client.call("GET", f"/api/doctors/{doctors[0]['id']}/visit-types")
    follow_up = next(t for t in offered if t["name"] == "Follow-up")
    assert (follow_up["durationMinutes"], follow_up["bufferAfterMinutes"]) == (15, 5)
    typed = client.call(
        "GET",
        f"/api/doctors/{doctors[0]['id']}/slots?from={today}&to={today + timedelta(days=13)}"
        f"&visitType={follow_up['id']}",
    )
    assert typed and all(
        datetime.fromisoformat(s["endTime"]) - datetime.fromisoformat(s["startTime"])
        == timedelta(minutes=15)
        for s in typed
    )


def test_completed_visits_have_records_that_verify(app: OpenAPI, client: ApiClient) -> None:
    output = _seed(app, "--doctors", "6", "--patients", "60", "--appointments", "600")
    with app.app_context():
        completed = db.session.scalar(
            select(func.count()).where(Appointment.status == AppointmentStatus.COMPLETED.value)
        )
        records = db.session.execute(
            select(MedicalRecord, Appointment)
            .join(Appointment, Appointment.id == MedicalRecord.appointment_id)
            .order_by(MedicalRecord.id)
        ).all()
        versions = db.session.scalars(select(RecordVersion).order_by(RecordVersion.record_id))
        versions = list(versions)
        assert f"{len(records)} medical records" in output
        assert abs(len(records) - completed * RECORD_SHARE) < completed * 0.15
        for record, visit in records:
            assert visit.status == AppointmentStatus.COMPLETED.value
            assert (record.patient_id, record.doctor_id) == (visit.patient_id, visit.doctor_id)
            assert visit.end_time <= record.created_at <= utcnow()
            assert record.current_version == 1
        assert [v.record_id for v in versions] == [r.id for r, _ in records]
        assert all(v.version == 1 and v.amended_at is None for v in versions)
        assert all(version_is_intact(v) for v in versions)
        assert any(v.prescription is None for v in versions)
        assert any(v.notes and "\n" in v.notes for v in versions)
        patient = db.session.scalar(
            select(User.username).where(User.id == records[0][0].patient_id)
        )
        doctor = db.session.scalar(select(User.username).where(User.id == records[0][0].doctor_id))
    verify = app.test_cli_runner().invoke(args=["records", "verify"])
    assert verify.exit_code == 0, verify.output
    assert f"{len(versions)} versions checked, 0 failed" in verify.output
    # The seeded records read through the API like written ones, for patient and doctor.
    for username in (patient, doctor):
        client.post("/api/login", json={"username": username, "password": DEMO_PASSWORD})
        listed = client.get(f"/api/records/{records[0][0].patient_id}")
        assert listed.status_code == 200, listed.get_data(as_text=True)
        assert records[0][0].id in {r["id"] for r in listed.get_json()}
        client.post("/api/logout")
