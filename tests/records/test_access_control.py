"""Who sees which patient's data: AC-03 (IDOR), AC-05 (care ends at once), AC-08, search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from clinic360.core.clock import utcnow
from tests.factories import Party
from tests.records.conftest import AddAppointment, People, create_record


def _reads(who: Party, patient_id: int, record_id: int) -> dict[str, TestResponse]:
    c = who.client
    return {
        "records": c.get(f"/api/records/{patient_id}"),
        "history": c.get(f"/api/records/{record_id}/history"),
        "patient": c.get(f"/api/patients/{patient_id}"),
        "fhir": c.get(f"/api/patients/{patient_id}/fhir"),
    }


def test_idor_sweep_other_patient_and_unrelated_doctor_get_404_without_phi(
    people: People, add_appointment: AddAppointment
) -> None:
    """AC-03: P2 and D2 get the body of a nonexistent id for P1's data; PUT changes nothing."""
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d2)  # D2 is a real doctor with patients, just not P1's
    record = create_record(people.d1, people.p1)
    canaries = [record["diagnosis"], record["prescription"], record["notes"]]
    missing = _reads(people.p2, 999_999, 999_999)

    for intruder in (people.p2, people.d2):
        for name, response in _reads(intruder, people.p1.id, record["id"]).items():
            assert response.status_code == 404, (name, response.get_data(as_text=True))
            assert response.get_json() == missing[name].get_json()
            body = response.get_data(as_text=True)
            assert not any(c in body for c in canaries)
        put = intruder.client.put(
            f"/api/records/{record['id']}", json={"diagnosis": "x", "reason": "y"}
        )
        assert put.status_code == (403 if intruder is people.p2 else 404)
        assert not any(c in put.get_data(as_text=True) for c in canaries)
    history = people.p1.client.get(f"/api/records/{record['id']}/history").get_json()
    assert [v["diagnosis"] for v in history] == [record["diagnosis"]]


def test_idor_sweep_over_every_id(people: People, add_appointment: AddAppointment) -> None:
    """P2 walks ids 1..max+20 on every read route: only P2's own data ever comes back."""
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d1)
    p1_records = [create_record(people.d1, people.p1) for _ in range(3)]
    own = create_record(people.d1, people.p2)
    canaries = [r["diagnosis"] for r in p1_records]
    top = max(own["id"], people.d2.id) + 20
    for i in range(1, top):
        for path in (
            f"/api/records/{i}",
            f"/api/records/{i}/history",
            f"/api/patients/{i}",
            f"/api/patients/{i}/fhir",
        ):
            response = people.p2.client.get(path)
            assert response.status_code in (200, 404), path
            assert response.status_code == 404 or i in (people.p2.id, own["id"]), path
            assert not any(c in response.get_data(as_text=True) for c in canaries), path


def test_patient_cannot_use_doctor_endpoints(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    for response in (
        people.p1.client.get("/api/patients"),
        people.p1.client.post("/api/records", json={"patientId": people.p1.id, "diagnosis": "x"}),
    ):
        assert response.status_code == 403
        assert response.get_json()["code"] == "forbidden"


def test_care_relationship_ends_when_the_last_appointment_is_cancelled(
    people: People, add_appointment: AddAppointment, set_status: Callable[[int, str], None]
) -> None:
    """AC-05: cancel → every read and write is gone on the next request; rebooking restores."""
    first = add_appointment(people.p1, people.d1)
    second = add_appointment(people.p1, people.d1)
    record = create_record(people.d1, people.p1)
    d1 = people.d1.client

    set_status(first, "cancelled")  # one non-cancelled appointment left: still in care
    assert d1.get(f"/api/records/{people.p1.id}").status_code == 200

    set_status(second, "cancelled")
    for name, response in _reads(people.d1, people.p1.id, record["id"]).items():
        assert response.status_code == 404, name
    assert (
        d1.post("/api/records", json={"patientId": people.p1.id, "diagnosis": "x"}).status_code
        == 404
    )
    assert d1.put(f"/api/records/{record['id']}", json={"reason": "x"}).status_code == 404
    listing = d1.get("/api/patients")
    assert listing.status_code == 200
    assert people.p1.id not in [p["id"] for p in listing.get_json()]

    add_appointment(people.p1, people.d1)
    for name, response in _reads(people.d1, people.p1.id, record["id"]).items():
        assert response.status_code == 200, name
    assert people.p1.id in [p["id"] for p in d1.get("/api/patients").get_json()]


def test_completed_and_no_show_appointments_keep_the_relationship(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1, start=utcnow() - timedelta(days=3), status="completed")
    add_appointment(people.p2, people.d1, start=utcnow() - timedelta(days=4), status="no_show")
    assert people.d1.client.get(f"/api/records/{people.p1.id}").status_code == 200
    assert people.d1.client.get(f"/api/records/{people.p2.id}").status_code == 200


def test_doctor_patient_list_with_last_and_next_visit(
    people: People, add_appointment: AddAppointment
) -> None:
    now = utcnow().replace(microsecond=0)
    add_appointment(people.p1, people.d1, start=now - timedelta(days=10), status="completed")
    add_appointment(people.p1, people.d1, start=now - timedelta(days=2))
    add_appointment(people.p1, people.d1, start=now - timedelta(days=1), status="no_show")
    add_appointment(people.p1, people.d1, start=now + timedelta(days=5), status="confirmed")
    add_appointment(people.p1, people.d1, start=now + timedelta(days=3), status="cancelled")
    add_appointment(people.p1, people.d1, start=now + timedelta(days=9))
    add_appointment(people.p2, people.d1, start=now + timedelta(days=1))
    add_appointment(people.p3, people.d2, start=now + timedelta(days=1))

    response = people.d1.client.get("/api/patients")
    assert response.status_code == 200
    by_id = {p["id"]: p for p in response.get_json()}
    assert set(by_id) == {people.p1.id, people.p2.id}
    assert response.headers["X-Total-Count"] == "2"
    p1 = by_id[people.p1.id]
    assert p1["fullName"] == people.p1.user["fullName"]
    assert p1["email"] == people.p1.user["email"]
    assert p1["lastVisit"] == _z(now - timedelta(days=2))
    assert p1["nextVisit"] == _z(now + timedelta(days=5))
    assert by_id[people.p2.id]["lastVisit"] is None


def _z(value: Any) -> str:
    return str(value.strftime("%Y-%m-%dT%H:%M:%SZ"))


def test_patient_search_is_literal_and_case_insensitive(
    person: Callable[..., Party], people: People, add_appointment: AddAppointment
) -> None:
    """INP-01: `%` and `_` match literally; injection payloads are just text."""
    names = ["Ann 100% Fit", "Bob_Builder", "Carol Smith", "annabel o'hara"]
    patients = [person("patient", fullName=name) for name in names]
    for patient in patients:
        add_appointment(patient, people.d1)
    add_appointment(people.p3, people.d2)

    def search(q: str) -> list[str]:
        response = people.d1.client.get("/api/patients", query_string={"q": q})
        assert response.status_code == 200, response.get_data(as_text=True)
        return sorted(p["fullName"] for p in response.get_json())

    assert search("ANN") == ["Ann 100% Fit", "annabel o'hara"]
    assert search("%") == ["Ann 100% Fit"]
    assert search("_") == ["Bob_Builder"]
    assert search("n_a") == []  # unescaped, `_` would match "annabel"
    assert search("o'h") == ["annabel o'hara"]
    assert search("' OR '1'='1") == []
    assert search("%' AND 1=1--") == []
    assert search(people.p3.user["fullName"]) == []  # D2's patient, not D1's
    assert search("") == sorted(names)
    bad = people.d1.client.get("/api/patients", query_string={"q": "x\u0000"})
    assert bad.status_code == 422


def test_patient_detail_shows_the_callers_appointments(
    people: People, add_appointment: AddAppointment
) -> None:
    with_d1 = add_appointment(people.p1, people.d1)
    with_d2 = add_appointment(people.p1, people.d2)
    as_d1 = people.d1.client.get(f"/api/patients/{people.p1.id}").get_json()
    assert [a["id"] for a in as_d1["appointments"]] == [with_d1]
    assert as_d1["nextVisit"] is not None
    assert "passwordHash" not in as_d1 and "reason" not in as_d1["appointments"][0]
    own = people.p1.client.get(f"/api/patients/{people.p1.id}").get_json()
    assert sorted(a["id"] for a in own["appointments"]) == sorted([with_d1, with_d2])


def test_out_of_range_ids_are_422_or_404_never_500(app: OpenAPI, people: People) -> None:
    for path in (
        "/api/records/0",
        f"/api/records/{2**31}",
        f"/api/records/{2**63}",
        f"/api/patients/{10**30}/fhir",
        "/api/records/-1/history",
    ):
        status = people.p1.client.get(path).status_code
        assert status in (404, 422), path
