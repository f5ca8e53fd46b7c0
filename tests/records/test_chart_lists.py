"""The chart lists through the API: add, list, amend with a reason, history, never deleted
(allergies, problems, medications, vitals; both databases)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.records.chart_models import ChartEntry
from tests.factories import Party
from tests.records.conftest import AddAppointment, People, canary

TODAY = utcnow().date().isoformat()


def taken(hours_ago: float = 1) -> str:
    return (utcnow() - timedelta(hours=hours_ago)).isoformat()


def new_entry(kind: str, **fields: Any) -> dict[str, Any]:
    """A valid body for list `kind`, with canaries in its clinical text."""
    bodies: dict[str, dict[str, Any]] = {
        "allergies": {
            "substance": canary("SUBST"),
            "reaction": canary("REACT"),
            "severity": "severe",
            "onsetDate": "2020-05-01",
        },
        "problems": {"condition": canary("COND"), "onsetDate": "2019-01-02"},
        "medications": {
            "name": canary("MED"),
            "dose": "5 mg",
            "route": "oral",
            "frequency": "once daily",
            "startDate": "2024-01-01",
        },
        "vitals": {"takenAt": taken(), "systolic": 120, "diastolic": 80, "weight": 70.25},
    }
    return {**bodies[kind], **fields}


def add(doctor: Party, patient: Party, kind: str, **fields: Any) -> dict[str, Any]:
    body = new_entry(kind, **fields)
    created: dict[str, Any] = doctor.client.call(
        "POST", f"/api/patients/{patient.id}/{kind}", body, status=201
    )
    return created


KINDS = ["allergies", "problems", "medications", "vitals"]
TEXT_FIELD = {
    "allergies": "substance",
    "problems": "condition",
    "medications": "name",
    "vitals": "weight",
}


@pytest.mark.parametrize("kind", KINDS)
def test_add_list_amend_history_for_every_list(
    app: OpenAPI, people: People, add_appointment: AddAppointment, kind: str
) -> None:
    add_appointment(people.p1, people.d1)
    add_appointment(people.p1, people.d2)
    first = add(people.d1, people.p1, kind)
    second = add(people.d1, people.p1, kind)
    assert first["version"] == 1 and first["reason"] is None
    assert first["createdBy"] == {"id": people.d1.id, "fullName": people.d1.user["fullName"]}
    assert first["patientId"] == people.p1.id
    assert first["warnings"] == []

    field = TEXT_FIELD[kind]
    new_value = 71.5 if kind == "vitals" else canary("NEW")
    reason = canary("WHY")
    # Another doctor in care maintains the same list (not only the author).
    amended = people.d2.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/{kind}/{first['id']}",
        {field: new_value, "reason": reason, "baseVersion": 1},
    )
    assert amended["version"] == 2
    assert amended[field] == new_value
    assert amended["reason"] == reason
    assert amended["createdBy"]["id"] == people.d1.id
    assert amended["updatedBy"]["id"] == people.d2.id

    for reader in (people.p1, people.d1):
        response = reader.client.get(f"/api/patients/{people.p1.id}/{kind}")
        assert response.status_code == 200
        assert response.headers["X-Total-Count"] == "2"
        # The total is right whether the page tells it (a last page) or a count must (a full
        # page, an empty page past the end): `core.db.page_total`.
        for query, count in (("limit=1", 1), ("limit=1&offset=1", 1), ("limit=5&offset=2", 0)):
            page = reader.client.get(f"/api/patients/{people.p1.id}/{kind}?{query}")
            assert (len(page.get_json()), page.headers["X-Total-Count"]) == (count, "2"), query
        items = response.get_json()
        assert {i["id"] for i in items} == {first["id"], second["id"]}
        assert next(i for i in items if i["id"] == first["id"])[field] == new_value
        history = reader.client.call(
            "GET", f"/api/patients/{people.p1.id}/{kind}/{first['id']}/history"
        )
        assert [v["version"] for v in history] == [1, 2]
        assert history[0][field] == first[field]
        assert [v["reason"] for v in history] == [None, reason]

    stale = people.d1.client.put(
        f"/api/patients/{people.p1.id}/{kind}/{first['id']}",
        json={"reason": "again", "baseVersion": 1},
    )
    assert stale.status_code == 409 and stale.get_json()["code"] == "version_conflict"
    no_reason = people.d1.client.put(
        f"/api/patients/{people.p1.id}/{kind}/{first['id']}", json={field: new_value}
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["errors"]

    removed = people.d1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/{kind}/{second['id']}",
        {"status": "entered_in_error", "reason": "wrong patient"},
    )
    assert removed["status"] == "entered_in_error" and removed["version"] == 2
    kept = people.p1.client.call(
        "GET", f"/api/patients/{people.p1.id}/{kind}?status=entered_in_error"
    )
    assert [i["id"] for i in kept] == [second["id"]]
    # Nothing is ever deleted or changed in place: the database refuses it.
    with app.app_context():
        table = {"allergies": "allergy", "problems": "problem", "medications": "medication"}
        versions = f"{table.get(kind, 'vital')}_versions"
        for statement in (
            f"DELETE FROM {versions}",  # noqa: S608 (a table name from the map above)
            f"UPDATE {versions} SET reason = 'x'",  # noqa: S608
            "DELETE FROM chart_entries",
            "UPDATE chart_entries SET created_by = created_by",
        ):
            with pytest.raises(DBAPIError), db.engine.begin() as conn:
                conn.execute(text(statement))
        assert db.session.scalar(select(func.count()).select_from(ChartEntry)) == 2


def test_entries_of_one_list_or_patient_are_not_found_through_another(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d1)
    allergy = add(people.d1, people.p1, "allergies")
    d1 = people.d1.client
    missing = d1.get(f"/api/patients/{people.p1.id}/allergies/987654/history")
    for path in (
        f"/api/patients/{people.p1.id}/problems/{allergy['id']}/history",
        f"/api/patients/{people.p2.id}/allergies/{allergy['id']}/history",
    ):
        response = d1.get(path)
        assert (response.status_code, response.get_json()) == (404, missing.get_json())
    put = d1.put(
        f"/api/patients/{people.p2.id}/allergies/{allergy['id']}",
        json={"status": "inactive", "reason": "x"},
    )
    assert put.status_code == 404


def test_bad_input_gets_stable_codes_and_writes_nothing(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    d1 = people.d1.client
    base = f"/api/patients/{people.p1.id}"
    tomorrow = (utcnow() + timedelta(days=2)).date().isoformat()
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        ("allergies", new_entry("allergies", status="gone"), "unknown_code", "status"),
        ("allergies", new_entry("allergies", severity="deadly"), "unknown_code", "severity"),
        ("allergies", new_entry("allergies", onsetDate=tomorrow), "in_future", "onsetDate"),
        ("problems", new_entry("problems", onsetDate=tomorrow), "in_future", "onsetDate"),
        (
            "problems",
            new_entry("problems", onsetDate="2020-01-02", resolvedDate="2020-01-01"),
            "stop_before_start",
            "resolvedDate",
        ),
        (
            "medications",
            new_entry("medications", startDate="2024-02-01", stopDate="2024-01-31"),
            "stop_before_start",
            "stopDate",
        ),
        ("medications", new_entry("medications", status="paused"), "unknown_code", "status"),
        ("vitals", new_entry("vitals", weight=720), "implausible_value", "weight"),
        ("vitals", new_entry("vitals", temperature=3.7), "implausible_value", "temperature"),
        (
            "vitals",
            new_entry("vitals", systolic=80, diastolic=120),
            "implausible_value",
            "diastolic",
        ),
        (
            "vitals",
            {"takenAt": taken(), "oxygenSaturation": 101},
            "implausible_value",
            "oxygenSaturation",
        ),
        ("vitals", {"takenAt": taken(), "heartRate": 10**30}, "implausible_value", "heartRate"),
        ("vitals", {"takenAt": taken(-1)}, "in_future", "takenAt"),
        ("vitals", {"takenAt": taken()}, "validation_error", "body"),
        ("vitals", {"takenAt": taken(), "systolic": 120}, "validation_error", "diastolic"),
        ("vitals", new_entry("vitals", status="prelim"), "unknown_code", "status"),
        ("allergies", new_entry("allergies", substance="   "), "validation_error", "substance"),
        ("allergies", new_entry("allergies", substance="x" * 201), "validation_error", "substance"),
        (
            "problems",
            new_entry("problems", onsetDate="1899-12-31"),
            "validation_error",
            "onsetDate",
        ),
    ]
    for kind, body, code, field in cases:
        response = d1.post(f"{base}/{kind}", json=body)
        assert response.status_code == 422, (kind, body, response.get_data(as_text=True))
        problem = response.get_json()
        assert response.mimetype == "application/problem+json"
        assert (problem["code"], list(problem["errors"])) == (code, [field]), (kind, body)
    # The filter of a list checks its code too.
    response = d1.get(f"{base}/allergies?status=whatever")
    assert response.status_code == 422 and response.get_json()["code"] == "unknown_code"
    # An amendment is checked as it will be stored: the stop date against the kept start.
    medication = add(people.d1, people.p1, "medications", startDate="2024-03-01")
    response = d1.put(
        f"{base}/medications/{medication['id']}", json={"stopDate": "2024-02-01", "reason": "r"}
    )
    assert response.get_json()["code"] == "stop_before_start"
    response = d1.put(f"{base}/medications/{medication['id']}", json={"name": None, "reason": "r"})
    assert response.status_code == 422 and "name" in response.get_json()["errors"]
    vital = add(people.d1, people.p1, "vitals")
    response = d1.put(f"{base}/vitals/{vital['id']}", json={"weight": 0.1, "reason": "typo"})
    assert response.get_json()["code"] == "implausible_value"
    with app.app_context():  # only the two valid entries, each at version 1
        assert db.session.scalar(select(func.count()).select_from(ChartEntry)) == 2
        assert db.session.scalar(select(func.max(ChartEntry.current_version))) == 1


def test_limits_and_edges_are_accepted(people: People, add_appointment: AddAppointment) -> None:
    add_appointment(people.p1, people.d1)
    low = add(people.d1, people.p1, "vitals", systolic=50, diastolic=20, weight=0.5, height=20,
              temperature=30, heartRate=20, oxygenSaturation=50)  # fmt: skip
    high = add(people.d1, people.p1, "vitals", systolic=300, diastolic=200, weight=500,
               height=280, temperature=45, heartRate=300, oxygenSaturation=100)  # fmt: skip
    assert low["bmi"] == 12.5 and high["bmi"] == 63.8
    allergy = add(people.d1, people.p1, "allergies", substance="x" * 200, onsetDate=TODAY)
    assert len(allergy["substance"]) == 200


def test_vitals_are_newest_first_by_when_they_were_taken_and_bmi_is_derived(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    old = add(people.d1, people.p1, "vitals", takenAt=taken(72), weight=80.0, height=180.0)
    new = add(people.d1, people.p1, "vitals", takenAt=taken(2), heartRate=64)
    middle = add(people.d1, people.p1, "vitals", takenAt=taken(24), temperature=37.24)
    assert old["bmi"] == 24.7 and new["bmi"] is None
    assert middle["temperature"] == 37.2
    listed = people.p1.client.call("GET", f"/api/patients/{people.p1.id}/vitals")
    assert [v["id"] for v in listed] == [new["id"], middle["id"], old["id"]]


def test_a_limit_per_list_is_a_setting(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    app.config["CHART_MAX_ENTRIES_PER_LIST"] = 2
    add_appointment(people.p1, people.d1)
    add(people.d1, people.p1, "problems")
    add(people.d1, people.p1, "problems")
    response = people.d1.client.post(
        f"/api/patients/{people.p1.id}/problems", json=new_entry("problems")
    )
    assert response.status_code == 422 and response.get_json()["code"] == "chart_limit_reached"
    add(people.d1, people.p1, "allergies")  # another list has its own count
