"""The managed list of specializations (#24 item 10), on SQLite and PostgreSQL: an admin adds,
renames and retires entries; doctors pick one at registration and in their profile (by id or
by name ignoring case), nothing else; the directory filter sees one entry per specialty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.accounts.models import User
from clinic360.core.db import db
from tests.factories import Party, admin_party, open_doctor, register, registration_body
from tests.helpers import ApiClient, problem


def add(admin: Party[ApiClient], name: str) -> dict[str, Any]:
    entry: dict[str, Any] = admin.client.call(
        "POST", "/api/admin/specializations", {"name": name}, status=201
    )
    return entry


def public_names(client: ApiClient) -> list[str]:
    return [entry["name"] for entry in client.call("GET", "/api/specializations")]


def test_an_admin_adds_renames_retires_and_reinstates(
    app: OpenAPI, new_client: Callable[[], ApiClient]
) -> None:
    admin = admin_party(app)
    anonymous = new_client()
    assert anonymous.call("GET", "/api/specializations") == []

    neurology = add(admin, "  Neurology ")
    assert neurology == {"id": neurology["id"], "name": "Neurology", "active": True,
                         "doctorCount": 0}  # fmt: skip
    cardiology = add(admin, "cardiology")
    add(admin, "Ear,   nose and   throat")
    # The same name ignoring case and spacing is taken.
    for taken in ("NEUROLOGY", "neurology  ", "ear, nose AND throat"):
        problem(
            admin.client.post("/api/admin/specializations", json={"name": taken}),
            409,
            "specialization_taken",
        )
    for bad in ("", "   ", "x" * 101, "Neuro\nlogy"):
        problem(
            admin.client.post("/api/admin/specializations", json={"name": bad}),
            422,
            "validation_error",
        )
    assert public_names(anonymous) == ["cardiology", "Ear, nose and throat", "Neurology"]
    listed = anonymous.get("/api/specializations")
    assert listed.headers["X-Total-Count"] == "3"

    # Rename: a doctor who has it shows the new name (and the previous release's column too).
    doctor = register(new_client(), "doctor", specialization="CARDIOLOGY")
    assert doctor["specialization"] == "cardiology"
    assert doctor["specializationId"] == cardiology["id"]
    renamed = admin.client.call(
        "PUT", f"/api/admin/specializations/{cardiology['id']}", {"name": "Cardiology"}
    )
    assert renamed == {**cardiology, "name": "Cardiology", "doctorCount": 1}
    problem(
        admin.client.put(
            f"/api/admin/specializations/{cardiology['id']}", json={"name": "neurology"}
        ),
        409,
        "specialization_taken",
    )
    patient = new_client()
    register(patient, "patient")
    shown = patient.call("GET", f"/api/doctors/{doctor['id']}")
    assert (shown["specialization"], shown["specializationId"]) == ("Cardiology", cardiology["id"])
    with app.app_context():
        legacy = db.session.scalar(
            select(User.legacy_specialization).where(User.id == doctor["id"])
        )
    assert legacy == "Cardiology"

    # Retire: gone from the pick list and the filter's list, the doctor keeps it.
    retired = admin.client.call(
        "PUT", f"/api/admin/specializations/{cardiology['id']}", {"active": False}
    )
    assert retired["active"] is False and retired["doctorCount"] == 1
    assert public_names(anonymous) == ["Ear, nose and throat", "Neurology"]
    assert patient.call("GET", f"/api/doctors/{doctor['id']}")["specialization"] == "Cardiology"
    every = admin.client.call("GET", "/api/admin/specializations")
    assert [(e["name"], e["active"], e["doctorCount"]) for e in every] == [
        ("Cardiology", False, 1),
        ("Ear, nose and throat", True, 0),
        ("Neurology", True, 0),
    ]
    # Reinstate.
    admin.client.call("PUT", f"/api/admin/specializations/{cardiology['id']}", {"active": True})
    assert "Cardiology" in public_names(anonymous)

    problem(admin.client.put("/api/admin/specializations/999999", json={}), 404, "not_found")
    problem(
        admin.client.put(f"/api/admin/specializations/{cardiology['id']}", json={"active": "no"}),
        422,
        "validation_error",
    )


def test_only_admins_edit_the_list(app: OpenAPI, new_client: Callable[[], ApiClient]) -> None:
    admin = admin_party(app)
    entry = add(admin, "Oncology")
    doctor, patient, anonymous = new_client(), new_client(), new_client()
    register(doctor, "doctor", specialization="Oncology")
    register(patient, "patient")
    for browser, status, code in (
        (anonymous, 401, "unauthenticated"),
        (patient, 403, "forbidden"),
        (doctor, 403, "forbidden"),
    ):
        problem(browser.get("/api/admin/specializations"), status, code)
        problem(browser.post("/api/admin/specializations", json={"name": "X"}), status, code)
        problem(
            browser.put(f"/api/admin/specializations/{entry['id']}", json={"name": "Y"}),
            status,
            code,
        )
    assert public_names(anonymous) == ["Oncology"]


def test_doctors_pick_from_the_list_and_nothing_else(
    app: OpenAPI, new_client: Callable[[], ApiClient]
) -> None:
    admin = admin_party(app)
    neurology, surgery, retired = (add(admin, n) for n in ("Neurology", "Surgery", "Homeopathy"))
    admin.client.call("PUT", f"/api/admin/specializations/{retired['id']}", {"active": False})

    # By name (ignoring case and spacing) or by id.
    by_name = register(new_client(), "doctor", specialization="  neuROLOGY ")
    assert (by_name["specialization"], by_name["specializationId"]) == (
        "Neurology",
        neurology["id"],
    )
    by_id = register(new_client(), "doctor", specializationId=surgery["id"])
    assert (by_id["specialization"], by_id["specializationId"]) == ("Surgery", surgery["id"])

    # Not on the list, retired, or a made-up id: 422 unknown_specialization.
    for fields in (
        {"specialization": "Neurosurgery"},
        {"specialization": "Homeopathy"},
        {"specializationId": retired["id"]},
        {"specializationId": 999999},
    ):
        body = registration_body("doctor", **fields)
        failed = problem(
            new_client().post("/api/register", json=body), 422, "unknown_specialization"
        )
        assert set(failed["errors"]) == {"specialization"}
    # Both ways at once, or neither: 422 validation_error.
    both = registration_body("doctor", specialization="Surgery", specializationId=surgery["id"])
    problem(new_client().post("/api/register", json=both), 422, "validation_error")
    neither = registration_body("doctor")
    neither.pop("specialization")
    missing = problem(new_client().post("/api/register", json=neither), 422, "validation_error")
    assert set(missing["errors"]) == {"specialization"}
    # A patient has none.
    patient_body = registration_body("patient", specialization="Surgery")
    patient = new_client()
    assert patient.call("POST", "/api/register", patient_body, status=201)["specialization"] is None


def test_the_profile_changes_it_within_the_list(
    app: OpenAPI, new_client: Callable[[], ApiClient]
) -> None:
    admin = admin_party(app)
    neurology, surgery = add(admin, "Neurology"), add(admin, "Surgery")
    client = new_client()
    register(client, "doctor", specialization="Neurology")
    moved = client.call("PUT", "/api/user", {"specializationId": surgery["id"]})
    assert (moved["specialization"], moved["specializationId"]) == ("Surgery", surgery["id"])
    assert client.call("PUT", "/api/user", {"specialization": "NEUROLOGY"})["specialization"] == (
        "Neurology"
    )
    problem(client.put("/api/user", json={"specialization": "Astrology"}), 422,
            "unknown_specialization")  # fmt: skip
    # Once retired, the doctor keeps it and may save their profile with it, but nobody can
    # switch to it.
    admin.client.call("PUT", f"/api/admin/specializations/{neurology['id']}", {"active": False})
    kept = client.call(
        "PUT", "/api/user", {"specializationId": neurology["id"], "fullName": "Dr. Kept"}
    )
    assert (kept["specialization"], kept["fullName"]) == ("Neurology", "Dr. Kept")
    other = new_client()
    register(other, "doctor", specialization="Surgery")
    problem(
        other.put("/api/user", json={"specializationId": neurology["id"]}),
        422,
        "unknown_specialization",
    )
    assert other.call("GET", "/api/user")["specialization"] == "Surgery"


def test_different_spellings_are_one_entry_in_the_filter(
    app: OpenAPI, new_client: Callable[[], ApiClient]
) -> None:
    admin = admin_party(app)
    neurology = add(admin, "Neurology")
    add(admin, "Dermatology")
    first = open_doctor(new_client(), specialization="neurology", fullName="Ada Neuro")
    second = open_doctor(new_client(), specialization="NEUROLOGY ", fullName="Ben Neuro")
    open_doctor(new_client(), specialization="Dermatology", fullName="Cy Derm")
    patient = new_client()
    register(patient, "patient")

    assert [e["name"] for e in patient.call("GET", "/api/specializations")] == [
        "Dermatology",
        "Neurology",
    ]
    by_id = patient.call("GET", f"/api/doctors?specializationId={neurology['id']}")
    by_name = patient.call("GET", "/api/doctors?specialization=nEuRoLoGy")
    assert [d["id"] for d in by_id] == [d["id"] for d in by_name] == [first.id, second.id]
    assert {d["specialization"] for d in by_id} == {"Neurology"}
    assert patient.call("GET", "/api/doctors?specialization=Neuro") == []

    slots = patient.call("GET", f"/api/slots?specializationId={neurology['id']}&limit=50")
    assert slots and {s["doctorId"] for s in slots} == {first.id, second.id}
    assert patient.call("GET", "/api/slots?specialization=neurology&limit=50") == slots
    problem(
        patient.get(f"/api/doctors?specialization=Neurology&specializationId={neurology['id']}"),
        422,
        "validation_error",
    )


def test_the_list_is_capped(app: OpenAPI) -> None:
    app.config["SPECIALIZATIONS_MAX"] = 2
    admin = admin_party(app)
    add(admin, "One")
    add(admin, "Two")
    full = problem(
        admin.client.post("/api/admin/specializations", json={"name": "Three"}),
        422,
        "validation_error",
    )
    assert set(full["errors"]) == {"name"}
