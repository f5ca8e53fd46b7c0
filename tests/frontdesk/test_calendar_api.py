"""`GET /api/calendar` (issue 21): per doctor, opening windows, time off and appointment
blocks of a range; staff see any doctors, a doctor only themself. Both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_openapi3 import OpenAPI

from clinic360.core.clock import utcnow
from tests.factories import (
    admin_party,
    insert_appointment,
    new_party,
    open_doctor,
    staff_party,
)
from tests.helpers import ApiClient, problem


def _day() -> tuple[datetime, str]:
    start = (utcnow() + timedelta(days=3)).replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)
    return start, f"from={start.isoformat()}&to={end.isoformat()}".replace("+00:00", "Z")


def test_desk_sees_every_doctor_with_hours_time_off_and_blocks(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    doctor = open_doctor(ApiClient(app), start="09:00", end="17:00")
    other = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    start, query = _day()
    off = doctor.client.call("POST", "/api/schedule", {
        "date": start.date().isoformat(), "startTime": "12:00", "endTime": "13:00",
        "isAvailable": False}, status=201)  # fmt: skip
    assert off["isAvailable"] is False
    visit = insert_appointment(app, patient.id, doctor.id, start + timedelta(hours=10),
                               reason="CANARY-calendar-reason")  # fmt: skip
    insert_appointment(app, patient.id, doctor.id, start + timedelta(hours=11),
                       status="cancelled")  # fmt: skip

    answer = desk.client.get(f"/api/calendar?{query}&doctorIds={doctor.id},{other.id}")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert "CANARY" not in answer.get_data(as_text=True)
    assert answer.headers["X-Total-Count"] == "2"
    columns = {d["id"]: d for d in answer.get_json()["doctors"]}
    mine = columns[doctor.id]
    day = start.date().isoformat()
    assert mine["opening"] == [{"start": f"{day}T09:00:00Z", "end": f"{day}T17:00:00Z"}]
    assert mine["timeOff"] == [{"start": f"{day}T12:00:00Z", "end": f"{day}T13:00:00Z"}]
    assert [b["id"] for b in mine["blocks"]] == [visit]  # the cancelled one is left out
    block = mine["blocks"][0]
    assert block["patientName"] == patient.user["fullName"]
    assert block["patientId"] == patient.id and block["status"] == "scheduled"
    assert block["start"] == f"{day}T10:00:00Z" and block["end"] == f"{day}T10:30:00Z"
    assert columns[other.id]["blocks"] == []
    # The desk's read is in the patient's access log.
    assert any(e["actor"]["id"] == desk.id for e in patient.client.call("GET", "/api/access-log"))


def test_every_doctor_by_default_and_the_limit(app: OpenAPI) -> None:
    app.config["CALENDAR_MAX_DOCTORS"] = 1
    admin = admin_party(app)
    open_doctor(ApiClient(app))
    open_doctor(ApiClient(app))
    _, query = _day()
    answer = admin.client.get(f"/api/calendar?{query}")
    assert answer.status_code == 200
    assert len(answer.get_json()["doctors"]) == 1
    assert int(answer.headers["X-Total-Count"]) >= 2


def test_a_doctor_sees_only_themself(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    other = open_doctor(ApiClient(app))
    _, query = _day()
    own = doctor.client.call("GET", f"/api/calendar?{query}")
    assert [d["id"] for d in own["doctors"]] == [doctor.id]
    assert doctor.client.call("GET", f"/api/calendar?{query}&doctorIds={doctor.id}")["doctors"]
    problem(doctor.client.get(f"/api/calendar?{query}&doctorIds={other.id}"), 404, "not_found")
    problem(doctor.client.get(f"/api/calendar?{query}&doctorIds=987654321"), 404, "not_found")


def test_patients_and_managers_are_refused_and_ranges_are_bounded(app: OpenAPI) -> None:
    _, query = _day()
    assert new_party(ApiClient(app)).client.get(f"/api/calendar?{query}").status_code == 403
    assert staff_party(app, "manager").client.get(f"/api/calendar?{query}").status_code == 403
    desk = staff_party(app, "receptionist")
    start = datetime(2040, 1, 1, tzinfo=UTC)
    too_long = f"from=2040-01-01T00:00:00Z&to={(start + timedelta(days=8)).isoformat()}"
    assert desk.client.get(f"/api/calendar?{too_long}").status_code == 422
    reversed_ = "from=2040-01-02T00:00:00Z&to=2040-01-01T00:00:00Z"
    assert desk.client.get(f"/api/calendar?{reversed_}").status_code == 422
    assert desk.client.get(f"/api/calendar?{query}&doctorIds=x").status_code == 422
