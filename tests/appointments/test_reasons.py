"""Appointment reasons follow the care rule, and a doctor's read of them is audited
(review #23 F-7; SECURITY.md AC-05, AUD-01, AUD-02).

A doctor sees the reasons of a patient's appointments with them while the patient is in
their care (at least one non-cancelled appointment together), cancelled ones included; once
all are cancelled, every reason comes back `null`. Each answer that gives a doctor reasons
writes one `appointment.read_reason` row per patient into the access log, in the same
transaction (fail closed). The patient always sees their own reasons, unlogged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_openapi3 import OpenAPI

from tests.appointments.helpers import sql
from tests.factories import Party, at, booked
from tests.faults import audit_insert_fails

READ_REASON = "appointment.read_reason"


def reasons(party: Party) -> dict[int, str | None]:
    """Appointment id → reason, as `party` gets them from GET /api/appointments."""
    return {a["id"]: a["reason"] for a in party.client.call("GET", "/api/appointments")}


def access_log(patient: Party) -> list[dict[str, Any]]:
    return list(patient.client.call("GET", "/api/access-log?limit=500"))


def cancel(party: Party, appointment: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/appointments/{appointment['id']}"
    result: dict[str, Any] = party.client.call("PUT", path, {"status": "cancelled"})
    return result


def test_a_doctor_gets_no_reason_once_care_has_ended(patient: Party, doctor: Party) -> None:
    first = booked(patient, doctor, at(9), reason="SECRET first reason")
    second = booked(patient, doctor, at(10), reason="SECRET second reason")
    cancel(patient, first)
    # One appointment is left: still in care, and the cancelled one's reason shows too.
    assert reasons(doctor) == {first["id"]: first["reason"], second["id"]: second["reason"]}
    logged = len(access_log(patient))

    cancel(patient, second)
    assert reasons(doctor) == {first["id"]: None, second["id"]: None}
    for appointment in (first, second):
        one = doctor.client.call("GET", f"/api/appointments/{appointment['id']}")
        assert one["reason"] is None
        ics = doctor.client.get(f"/api/appointments/{appointment['id']}.ics")
        assert ics.status_code == 200
        assert "SECRET" not in ics.get_data(as_text=True)
    assert "SECRET" not in doctor.client.get("/api/appointments.ics").get_data(as_text=True)
    assert len(access_log(patient)) == logged  # withheld reasons are no read

    # The patient keeps seeing their own reasons.
    assert reasons(patient) == {first["id"]: first["reason"], second["id"]: second["reason"]}
    # A new appointment brings care, and the reasons, back (as for records).
    third = booked(patient, doctor, at(11))
    assert reasons(doctor) == {
        first["id"]: first["reason"],
        second["id"]: second["reason"],
        third["id"]: None,
    }


def test_the_doctor_who_ends_care_gets_no_reason_back(patient: Party, doctor: Party) -> None:
    only = booked(patient, doctor, at(9), reason="SECRET reason")
    assert cancel(doctor, only)["reason"] is None
    assert reasons(doctor) == {only["id"]: None}
    assert [e["action"] for e in access_log(patient)] == []


def test_a_doctors_read_of_reasons_is_in_the_patients_access_log(
    patient: Party, other_patient: Party, doctor: Party, make_party: Callable[..., Party]
) -> None:
    quiet = make_party("patient")
    mine = booked(patient, doctor, at(9), reason="SECRET one")
    booked(patient, doctor, at(10), reason="SECRET two")
    theirs = booked(other_patient, doctor, at(11), reason="SECRET three")
    booked(quiet, doctor, at(12))  # no reason: nothing read
    # The patients' own bookings and reads write no row.
    reasons(patient)
    patient.client.call("GET", f"/api/appointments/{mine['id']}")
    assert access_log(patient) == []

    reasons(doctor)  # a list: one row per patient, however many of their reasons it holds
    for party in (patient, other_patient):
        events = access_log(party)
        assert [e["action"] for e in events] == [READ_REASON]
        assert events[0]["actor"] == {
            "id": doctor.id,
            "fullName": doctor.user["fullName"],
            "role": "doctor",
        }
    assert access_log(quiet) == []

    doctor.client.call("GET", f"/api/appointments/{theirs['id']}")
    doctor.client.call("PUT", f"/api/appointments/{theirs['id']}", {"status": "confirmed"})
    assert [e["action"] for e in access_log(other_patient)] == [READ_REASON] * 3
    assert len(access_log(patient)) == 1


def test_a_failed_audit_write_gives_no_reason_and_changes_nothing(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    """AUD-02: the doctor's reads and changes answer 503 with no reason and roll back."""
    created = booked(patient, doctor, at(9), reason="SECRET reason")
    path = f"/api/appointments/{created['id']}"
    calls = {
        "list": lambda: doctor.client.get("/api/appointments"),
        "one": lambda: doctor.client.get(path),
        "confirm": lambda: doctor.client.put(path, json={"status": "confirmed"}),
    }
    with audit_insert_fails(app):
        for name, call in calls.items():
            response = call()
            assert response.status_code == 503, name
            assert response.get_json()["code"] == "audit_unavailable", name
            assert "SECRET" not in response.get_data(as_text=True), name
        assert reasons(patient) == {created["id"]: created["reason"]}  # nothing to log
    assert sql(app, "SELECT status FROM appointments") == [("scheduled",)]
    assert access_log(patient) == []
    for name, call in calls.items():
        assert call().status_code == 200, name
