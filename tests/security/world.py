"""The cast of the access-control tests, built through the API.

Principals (SECURITY.md AC-01): anonymous, patient (P1), other patient (P2), doctor with a
care relationship to P1 (D1), doctor without (D2), pending doctor (D3), admin. D1 has a
weekly schedule, P1 has an appointment with D1 (through POST /api/appointments when that
route exists, else inserted like the records tests do), D1 wrote a record for P1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask_openapi3 import OpenAPI

from clinic360.appointments.models import Appointment
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from tests.helpers import DEFAULT_PASSWORD, ApiClient, register, unique

ADMIN_PASSWORD = "the admin passphrase"
PRINCIPALS = (
    "anonymous",
    "patient",
    "other_patient",
    "doctor",
    "doctor_unrelated",
    "pending_doctor",
    "admin",
)
CANARY = "CANARY-world"


@dataclass
class Principal:
    name: str
    client: ApiClient
    user: dict[str, Any] = field(default_factory=dict)
    password: str = DEFAULT_PASSWORD

    @property
    def id(self) -> int:
        return int(self.user["id"])

    def fresh_client(self) -> ApiClient:
        """Another browser logged in as this principal (for calls that end the session)."""
        client = ApiClient(self.client.app)
        if self.user:
            response = client.post(
                "/api/login", json={"username": self.user["username"], "password": self.password}
            )
            assert response.status_code == 200, response.get_data(as_text=True)
        return client


@dataclass
class World:
    app: OpenAPI
    by_name: dict[str, Principal]
    ids: dict[str, int]

    def __getitem__(self, name: str) -> Principal:
        return self.by_name[name]


def _create_admin(app: OpenAPI) -> ApiClient:
    username = unique("admin")
    result = app.test_cli_runner().invoke(
        args=[
            "create-admin",
            "--username",
            username,
            "--email",
            f"{username}@example.org",
            "--full-name",
            "Ada Admin",
            "--password-stdin",
        ],
        input=ADMIN_PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    client = ApiClient(app)
    response = client.post("/api/login", json={"username": username, "password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.get_data(as_text=True)
    return client


def _ok(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body


def _has_route(app: OpenAPI, rule: str, method: str) -> bool:
    return any(r.rule == rule and method in (r.methods or ()) for r in app.url_map.iter_rules())


def book(world_app: OpenAPI, patient: Principal, doctor: Principal, days_ahead: int) -> int:
    """An appointment of `patient` with `doctor` inside the doctor's open hours."""
    doctor_slots = patient.client.get(f"/api/doctors/{doctor.id}/slots")
    slots = _ok(doctor_slots, 200) if doctor_slots.status_code == 200 else []
    if _has_route(world_app, "/api/appointments", "POST") and slots:
        slot: Any = slots[min(days_ahead, len(slots) - 1)]
        body = {
            "doctorId": doctor.id,
            "startTime": slot["startTime"],
            "endTime": slot["endTime"],
            "reason": f"{CANARY}-reason",
        }
        return int(_ok(patient.client.post("/api/appointments", json=body), 201)["id"])
    start = (utcnow() + timedelta(days=days_ahead)).replace(microsecond=0)
    with world_app.app_context():
        appointment = Appointment(
            patient_id=patient.id,
            doctor_id=doctor.id,
            start_time=start,
            end_time=start + timedelta(minutes=30),
            status="scheduled",
        )
        db.session.add(appointment)
        db.session.commit()
        return appointment.id


def build_world(app: OpenAPI) -> World:
    people: dict[str, Principal] = {"anonymous": Principal("anonymous", ApiClient(app))}
    for name, role in (
        ("patient", "patient"),
        ("other_patient", "patient"),
        ("doctor", "doctor"),
        ("doctor_unrelated", "doctor"),
    ):
        client = ApiClient(app)
        people[name] = Principal(name, client, register(client, role))
    app.config["DOCTOR_APPROVAL"] = "required"
    client = ApiClient(app)
    people["pending_doctor"] = Principal("pending_doctor", client, register(client, "doctor"))
    spare = ApiClient(app)
    to_suspend = register(spare, "doctor")
    app.config["DOCTOR_APPROVAL"] = "auto"
    admin = _create_admin(app)
    people["admin"] = Principal("admin", admin, _ok(admin.get("/api/user"), 200), ADMIN_PASSWORD)

    d1 = people["doctor"]
    entries = [
        _ok(
            d1.client.post(
                "/api/schedule",
                json={"dayOfWeek": day, "startTime": "08:00", "endTime": "18:00"},
            ),
            201,
        )
        for day in range(7)
    ]
    spare_entry = _ok(
        d1.client.post(
            "/api/schedule",
            json={"date": "2040-01-02", "startTime": "08:00", "endTime": "09:00"},
        ),
        201,
    )
    appointment = book(app, people["patient"], d1, 1)
    book(app, people["other_patient"], people["doctor_unrelated"], 2)
    record = _ok(
        d1.client.post(
            "/api/records",
            json={
                "patientId": people["patient"].id,
                "diagnosis": f"{CANARY}-diagnosis",
                "notes": f"{CANARY}-notes",
            },
        ),
        201,
    )
    ids = {
        "entry": entries[0]["id"],
        "spare_entry": spare_entry["id"],
        "appointment": appointment,
        "record": record["id"],
        "doctor_to_suspend": to_suspend["id"],
    }
    return World(app, people, ids)
