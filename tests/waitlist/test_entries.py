"""Joining, listing and leaving the waiting list (/api/waitlist)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_openapi3 import OpenAPI

from tests.factories import Party, day, ensure_specialization
from tests.helpers import problem
from tests.waitlist.helpers import join


def test_join_list_leave_in_joining_order(
    doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    patient = make_patient()
    first = join(patient, doctor)
    second = join(patient, doctor, parts=["evening"])
    assert first["doctorName"] == "Dr. Bob Jones"
    assert first["visitTypeId"] is not None  # the doctor's default type
    assert first["status"] == "waiting" and second["parts"] == ["evening"]
    listed = patient.client.call("GET", "/api/waitlist")
    assert [entry["id"] for entry in listed] == [first["id"], second["id"]]
    patient.client.call("DELETE", f"/api/waitlist/{first['id']}", status=204)
    assert [entry["id"] for entry in patient.client.call("GET", "/api/waitlist")] == [second["id"]]
    problem(patient.client.delete(f"/api/waitlist/{first['id']}"), 404, "not_found")


def test_another_patient_can_neither_see_nor_leave_an_entry(
    doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    owner, other = make_patient(), make_patient()
    entry = join(owner, doctor)
    assert other.client.call("GET", "/api/waitlist") == []
    problem(other.client.delete(f"/api/waitlist/{entry['id']}"), 404, "not_found")
    problem(doctor.client.delete(f"/api/waitlist/{entry['id']}"), 403, "forbidden")
    problem(other.client.delete("/api/waitlist/999999"), 404, "not_found")
    assert [e["id"] for e in owner.client.call("GET", "/api/waitlist")] == [entry["id"]]


def test_join_by_specialization(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    specialization_id = ensure_specialization(app, "Dermatology")
    patient = make_patient()
    entry = join(patient, doctor, doctorId=None, specializationId=specialization_id)
    assert entry["doctorId"] is None and entry["specialization"] == "Dermatology"


def test_rules_of_an_entry(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    app.config["WAITLIST_MAX_ENTRIES_PER_PATIENT"] = 2
    app.config["WAITLIST_MAX_RANGE_DAYS"] = 10
    patient = make_patient()
    bad: list[tuple[dict[str, Any], str, str]] = [
        ({"dateTo": day(-5).date().isoformat(), "dateFrom": day(-6).date().isoformat()},
         "dateTo", "validation_error"),
        ({"dateTo": day(30).date().isoformat()}, "dateTo", "validation_error"),
        ({"doctorId": 999999}, "doctorId", "validation_error"),
        ({"visitTypeId": 999999}, "visitTypeId", "invalid_visit_type"),
    ]  # fmt: skip
    for fields, field, code in bad:
        response = patient.client.post("/api/waitlist", json=_body(doctor, **fields))
        body = problem(response, 422, code)
        assert field in body.get("errors", {}), (fields, body)
    for fields in ({"parts": []}, {"specializationId": 1}):
        problem(
            patient.client.post("/api/waitlist", json=_body(doctor, **fields)),
            422,
            "validation_error",
        )
    join(patient, doctor)
    join(patient, doctor)
    problem(patient.client.post("/api/waitlist", json=_body(doctor)), 422, "waitlist_limit_reached")
    problem(doctor.client.post("/api/waitlist", json=_body(doctor)), 403, "forbidden")


def _body(doctor: Party[Any], **fields: Any) -> dict[str, Any]:
    return {
        "doctorId": doctor.id,
        "dateFrom": day(5).date().isoformat(),
        "dateTo": day(9).date().isoformat(),
        "parts": ["morning"],
        **fields,
    }
