"""GET /api/appointments and /:id: only the caller's, 404 for everyone else's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask_openapi3 import OpenAPI

from tests.appointments.helpers import outbox_keys, sql
from tests.factories import Party, at, booked, iso
from tests.helpers import ApiClient


def test_both_parties_read_it_with_names_and_reason(patient: Party, doctor: Party) -> None:
    created = booked(patient, doctor, at(9))
    for party in (patient, doctor):
        response = party.client.get(f"/api/appointments/{created['id']}")
        assert response.status_code == 200
        body = response.get_json()
        attendance = body.pop("patientAttendance")
        assert body == {k: v for k, v in created.items() if k != "patientAttendance"}
        # The doctor sees the patient's attendance record; the patient gets none on it.
        expected = {"noShows": 0, "lateCancellations": 0, "windowDays": 365}
        assert attendance == (expected if party is doctor else None)
        assert set(body["patient"]) == {"id", "fullName"}
        assert set(body["doctor"]) == {"id", "fullName", "specialization", "timezone", "address"}


def test_others_get_the_same_404_as_for_a_missing_id(
    app: OpenAPI,
    client: ApiClient,
    patient: Party,
    other_patient: Party,
    doctor: Party,
    make_party: Callable[..., Party],
) -> None:
    created = booked(patient, doctor, at(9))
    missing_id = created["id"] + 50
    stranger_doctor = make_party("doctor")
    for party in (other_patient, stranger_doctor):
        for method, body in (("get", None), ("put", {"status": "cancelled"})):
            call = getattr(party.client, method)
            kwargs = {} if body is None else {"json": body}
            theirs = call(f"/api/appointments/{created['id']}", **kwargs)
            nobody = call(f"/api/appointments/{missing_id}", **kwargs)
            assert theirs.status_code == nobody.status_code == 404
            assert theirs.get_data() == nobody.get_data()
            assert theirs.headers["Content-Type"] == nobody.headers["Content-Type"]
    assert client.get(f"/api/appointments/{created['id']}").status_code == 401
    assert sql(app, "SELECT status, sequence FROM appointments") == [("scheduled", 0)]
    assert len(outbox_keys(app)) == 2


def test_lists_hold_only_the_callers_appointments(
    patient: Party, other_patient: Party, doctor: Party, make_party: Callable[..., Party]
) -> None:
    mine = booked(patient, doctor, at(10))
    theirs = booked(other_patient, doctor, at(9))
    stranger = make_party("doctor")
    ids = lambda party: [a["id"] for a in party.client.get("/api/appointments").get_json()]  # noqa: E731
    assert ids(patient) == [mine["id"]]
    assert ids(other_patient) == [theirs["id"]]
    assert ids(doctor) == [theirs["id"], mine["id"]]  # by start time
    assert ids(stranger) == []
    response = other_patient.client.get("/api/appointments?limit=500")
    assert response.headers["X-Total-Count"] == "1"


def test_list_filters_and_paging(app: OpenAPI, patient: Party, doctor: Party) -> None:
    app.config["MAX_UPCOMING_APPOINTMENTS_PER_DOCTOR"] = 4
    starts = [at(9), at(11), at(9, offset=8), at(9, offset=9)]
    created = [booked(patient, doctor, start) for start in starts]
    patient.client.put(f"/api/appointments/{created[1]['id']}", json={"status": "cancelled"})
    get = patient.client.get

    page = get("/api/appointments?limit=2&offset=1")
    assert page.headers["X-Total-Count"] == "4"
    assert [a["id"] for a in page.get_json()] == [created[1]["id"], created[2]["id"]]

    cancelled = get("/api/appointments?status=cancelled").get_json()
    assert [a["id"] for a in cancelled] == [created[1]["id"]]
    active = get("/api/appointments?status=scheduled,confirmed")
    assert active.headers["X-Total-Count"] == "3"

    start, end = iso(at(9, 15)), iso(at(0, offset=9))
    ranged = get("/api/appointments", query_string={"from": start, "to": end}).get_json()
    # 09:00–09:30 still runs at 09:15; the ninth day's starts at/after `to`.
    assert [a["id"] for a in ranged] == [c["id"] for c in created[:3]]


def test_bad_list_queries_are_422(patient: Party) -> None:
    get = patient.client.get
    for query in (
        {"status": "lost"},
        {"limit": "0"},
        {"limit": "501"},
        {"offset": "-1"},
        {"from": "2026-12-01T09:00:00"},
        {"from": iso(at(10)), "to": iso(at(9))},
    ):
        assert get("/api/appointments", query_string=query).status_code == 422, query


def test_an_unapproved_doctor_sees_no_patient_data(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    sql(app, "UPDATE users SET approved = false WHERE id = :i", i=doctor.id)
    assert doctor.client.get("/api/appointments").get_json() == []
    assert doctor.client.get(f"/api/appointments/{created['id']}").status_code == 404


def test_walking_ids_finds_nothing_of_others(
    patient: Party, other_patient: Party, doctor: Party
) -> None:
    created = [booked(patient, doctor, at(9) + timedelta(hours=h)) for h in range(3)]
    last = max(a["id"] for a in created)
    found = [
        i
        for i in range(1, last + 20)
        if other_patient.client.get(f"/api/appointments/{i}").status_code != 404
    ]
    assert found == []
