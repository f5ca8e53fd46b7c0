"""Managing visit types: the default type, CRUD by doctors and admins, the offered list,
names, limits and the rule that a used type is retired, never deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask_openapi3 import OpenAPI

from tests.factories import Party, admin_party, at, booked, iso, new_party, open_doctor
from tests.helpers import ApiClient, problem

FOLLOW_UP = {"name": "Follow-up", "durationMinutes": 15, "colour": "#0F766E", "channel": "video"}


@pytest.fixture
def doctor(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return open_doctor(new_client(), slotMinutes=20)


@pytest.fixture
def other_doctor(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return open_doctor(new_client())


@pytest.fixture
def patient(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return new_party(new_client(), "patient")


def add_type(doctor: Party[Any], status: int = 201, **fields: Any) -> dict[str, Any]:
    body = {**FOLLOW_UP, **fields}
    created: dict[str, Any] = doctor.client.call("POST", "/api/visit-types", body, status=status)
    return created


def own_types(doctor: Party[Any]) -> list[dict[str, Any]]:
    types: list[dict[str, Any]] = doctor.client.call("GET", "/api/visit-types")
    return types


def test_a_new_doctor_has_a_default_type_from_their_slot_length(doctor: Party[Any]) -> None:
    [default] = own_types(doctor)
    assert default["name"] == "Consultation" and default["isDefault"] and default["active"]
    assert (default["durationMinutes"], default["slotGridMinutes"]) == (20, 20)
    assert (default["bufferBeforeMinutes"], default["minNoticeMinutes"]) == (0, 0)
    assert default["horizonDays"] == 365 and default["bookableBy"] == "anyone"


def test_slot_length_and_the_default_type_s_length_follow_each_other(doctor: Party[Any]) -> None:
    doctor.client.call("PUT", "/api/user", {"slotMinutes": 45})
    [default] = own_types(doctor)
    assert (default["durationMinutes"], default["slotGridMinutes"]) == (45, 45)
    body = {**default, "durationMinutes": 60, "slotGridMinutes": 15}
    doctor.client.call("PUT", f"/api/visit-types/{default['id']}", body)
    assert doctor.client.call("GET", "/api/user")["slotMinutes"] == 60
    assert own_types(doctor)[0]["slotGridMinutes"] == 15


def test_a_doctor_adds_edits_retires_and_lists_types(
    doctor: Party[Any], patient: Party[Any]
) -> None:
    created = add_type(doctor, bufferAfterMinutes=10, description="Short check.\nBring results.")
    assert created["colour"] == "#0f766e"  # stored lower-case
    assert created["slotGridMinutes"] == 15 and created["bufferAfterMinutes"] == 10
    hidden = add_type(doctor, name="Vaccination", bookableBy="staff_only")
    offered = patient.client.call("GET", f"/api/doctors/{doctor.id}/visit-types")
    assert [t["name"] for t in offered] == ["Consultation", "Follow-up"]
    retired = {**created, "active": False}
    doctor.client.call("PUT", f"/api/visit-types/{created['id']}", retired)
    offered = patient.client.call("GET", f"/api/doctors/{doctor.id}/visit-types")
    assert [t["name"] for t in offered] == ["Consultation"]
    # The doctor sees every type: default first, active by name, retired last.
    assert [t["name"] for t in own_types(doctor)] == ["Consultation", "Vaccination", "Follow-up"]
    doctor.client.call("DELETE", f"/api/visit-types/{hidden['id']}", status=204)
    assert len(own_types(doctor)) == 2


def test_names_are_unique_among_active_types_ignoring_case(doctor: Party[Any]) -> None:
    first = add_type(doctor)
    clash = doctor.client.post("/api/visit-types", json={**FOLLOW_UP, "name": "FOLLOW-UP"})
    problem(clash, 422, "invalid_visit_type")
    assert set(clash.get_json()["errors"]) == {"name"}
    doctor.client.call("PUT", f"/api/visit-types/{first['id']}", {**first, "active": False})
    add_type(doctor, name="follow-up")  # the retired one no longer holds the name
    back = doctor.client.put(f"/api/visit-types/{first['id']}", json={**first, "active": True})
    problem(back, 422, "invalid_visit_type")


def test_the_default_type_is_never_retired_or_deleted(doctor: Party[Any]) -> None:
    [default] = own_types(doctor)
    retire = doctor.client.put(
        f"/api/visit-types/{default['id']}", json={**default, "active": False}
    )
    problem(retire, 422, "invalid_visit_type")
    problem(doctor.client.delete(f"/api/visit-types/{default['id']}"), 422, "invalid_visit_type")


def test_a_used_type_is_retired_never_deleted(
    app: OpenAPI, doctor: Party[Any], patient: Party[Any]
) -> None:
    used = add_type(doctor, channel="in_person")
    booked(patient, doctor, at(9), 15, visitTypeId=used["id"])
    problem(doctor.client.delete(f"/api/visit-types/{used['id']}"), 409, "visit_type_in_use")
    doctor.client.call("PUT", f"/api/visit-types/{used['id']}", {**used, "active": False})
    # A retired type offers no slots and takes no bookings.
    slots = patient.client.get(f"/api/doctors/{doctor.id}/slots?visitType={used['id']}")
    problem(slots, 422, "invalid_visit_type")
    again = patient.client.post(
        "/api/appointments",
        json={"doctorId": doctor.id, "visitTypeId": used["id"], "startTime": iso(at(10))},
    )
    problem(again, 422, "invalid_visit_type")


def test_doctors_manage_only_their_own_types(
    doctor: Party[Any], other_doctor: Party[Any], patient: Party[Any]
) -> None:
    mine = add_type(doctor)
    for method in ("PUT", "DELETE"):
        response = other_doctor.client.send(method, f"/api/visit-types/{mine['id']}", FOLLOW_UP)
        assert response.status_code == 404
    listed = other_doctor.client.get(f"/api/visit-types?doctorId={doctor.id}")
    assert listed.status_code == 404
    assert patient.client.get("/api/visit-types").status_code == 403
    assert patient.client.post("/api/visit-types", json=FOLLOW_UP).status_code == 403
    # Another doctor's type cannot be booked with this doctor.
    wrong = patient.client.post(
        "/api/appointments",
        json={"doctorId": other_doctor.id, "visitTypeId": mine["id"], "startTime": iso(at(10))},
    )
    problem(wrong, 422, "invalid_visit_type")


def test_admins_manage_any_doctor_s_types(app: OpenAPI, doctor: Party[Any]) -> None:
    admin = admin_party(app)
    missing = admin.client.post("/api/visit-types", json=FOLLOW_UP)
    problem(missing, 422, "invalid_visit_type")
    created = admin.client.call(
        "POST", "/api/visit-types", {**FOLLOW_UP, "doctorId": doctor.id}, status=201
    )
    assert created["doctorId"] == doctor.id
    listed = admin.client.call("GET", f"/api/visit-types?doctorId={doctor.id}")
    assert [t["name"] for t in listed] == ["Consultation", "Follow-up"]
    admin.client.call("PUT", f"/api/visit-types/{created['id']}", {**created, "name": "Check"})
    admin.client.call("DELETE", f"/api/visit-types/{created['id']}", status=204)
    not_a_doctor = admin.client.post("/api/visit-types", json={**FOLLOW_UP, "doctorId": admin.id})
    assert not_a_doctor.status_code == 404


def test_types_per_doctor_are_capped(app: OpenAPI, doctor: Party[Any]) -> None:
    app.config["MAX_VISIT_TYPES_PER_DOCTOR"] = 2
    add_type(doctor)
    over = doctor.client.post("/api/visit-types", json={**FOLLOW_UP, "name": "Third"})
    problem(over, 422, "visit_type_limit_reached")


@pytest.mark.parametrize(
    "change",
    [
        {"durationMinutes": 4},
        {"durationMinutes": 241},
        {"slotGridMinutes": 0},
        {"bufferBeforeMinutes": 61},
        {"bufferAfterMinutes": -1},
        {"minNoticeMinutes": 43201},
        {"horizonDays": 0},
        {"cancelNoticeHours": 721},
        {"rescheduleNoticeHours": 721},
        {"bookableBy": "everyone"},
        {"channel": "phone"},
        {"colour": "red"},
        {"name": ""},
        {"name": "x" * 81},
        {"name": "two\nlines"},
        {"description": "d" * 501},
        {"durationMinutes": "30"},
    ],
)
def test_every_field_has_its_range(doctor: Party[Any], change: dict[str, Any]) -> None:
    response = doctor.client.post("/api/visit-types", json={**FOLLOW_UP, **change})
    problem(response, 422, "validation_error")
    assert set(response.get_json()["errors"]) == set(change)


def test_the_horizon_stays_within_the_clinic_s(app: OpenAPI, doctor: Party[Any]) -> None:
    app.config["BOOKING_HORIZON_DAYS"] = 90
    too_far = doctor.client.post("/api/visit-types", json={**FOLLOW_UP, "horizonDays": 91})
    problem(too_far, 422, "invalid_visit_type")
    assert add_type(doctor)["horizonDays"] == 90  # the default: the clinic's horizon


def test_doctor_profile_address_languages_and_bio(doctor: Party[Any], patient: Party[Any]) -> None:
    profile = {
        "address": "1 Rue de la Paix, Paris",
        "languages": ["fr", "en", "fr"],
        "bio": "Hi.\nMe.",
    }
    user = doctor.client.call("PUT", "/api/user", profile)
    assert user["languages"] == ["fr", "en"] and user["address"] == profile["address"]
    shown = patient.client.call("GET", f"/api/doctors/{doctor.id}")
    assert (shown["address"], shown["languages"], shown["bio"]) == (
        "1 Rue de la Paix, Paris",
        ["fr", "en"],
        "Hi.\nMe.",
    )
    refused = patient.client.put("/api/user", json={"address": "Home"})
    assert refused.status_code == 422 and set(refused.get_json()["errors"]) == {"address"}
    bad = doctor.client.put("/api/user", json={"languages": ["English"]})
    assert bad.status_code == 422
    cleared = doctor.client.call("PUT", "/api/user", {"address": "", "languages": []})
    assert cleared["address"] is None and cleared["languages"] == []
