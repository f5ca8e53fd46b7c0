"""The front desk (issue 21): receptionists find, register, book, move, cancel and check in
for any patient; managers read the audit trail; neither sees clinical content. Both
databases (the `app` fixture)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.accounts.models import AccountInvitation
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.outbox.models import OutboxEmail
from tests.factories import (
    DEFAULT_PASSWORD,
    Party,
    admin_party,
    insert_appointment,
    invitation_token,
    new_party,
    open_doctor,
    staff_party,
    write_record,
)
from tests.helpers import ApiClient, problem

WALK_IN = {
    "fullName": "Mara Phone",
    "email": "mara.phone@example.org",
    "dateOfBirth": "1984-03-09",
    "mobilePhone": "+49 151 23456789",
}


def _emails(app: OpenAPI, kind: str, recipient_id: int) -> list[OutboxEmail]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(OutboxEmail).where(
                    OutboxEmail.kind == kind, OutboxEmail.recipient_id == recipient_id
                )
            )
        )


def _free_slots(client: ApiClient, doctor: Party[ApiClient]) -> list[dict[str, Any]]:
    slots: list[dict[str, Any]] = client.call("GET", f"/api/doctors/{doctor.id}/slots")
    return slots


def test_phone_patient_is_registered_booked_claims_the_account_and_is_checked_in(
    app: OpenAPI,
) -> None:
    """The done-means chain of the issue's roles part."""
    app.config["CHECK_IN_EARLY_MINUTES"] = 60 * 24 * 62  # the first free slot may be days away
    desk = staff_party(app, "receptionist")
    doctor = open_doctor(ApiClient(app))

    patient = desk.client.call("POST", "/api/frontdesk/patients", WALK_IN, status=201)
    assert patient["claimed"] is False and patient["mobilePhone"] == "+4915123456789"
    assert patient["dateOfBirth"] == "1984-03-09"
    slot = _free_slots(desk.client, doctor)[0]
    body = {"patientId": patient["id"], "doctorId": doctor.id, "startTime": slot["startTime"],
            "reason": "Knee pain"}  # fmt: skip
    visit = desk.client.call("POST", "/api/frontdesk/appointments", body, status=201)
    assert visit["patientId"] == patient["id"] and visit["status"] == "scheduled"
    assert visit["reason"] is None  # the desk never reads reasons back
    assert _emails(app, "appointment_booked", patient["id"])  # emailed as usual

    # Nobody can log in to the account before it is claimed.
    assert (
        ApiClient(app)
        .post("/api/login", json={"username": WALK_IN["email"], "password": DEFAULT_PASSWORD})
        .status_code
        == 401
    )
    token = invitation_token(app, WALK_IN["email"])
    owner = ApiClient(app)
    claimed = owner.call(
        "POST",
        "/api/invitations/claim",
        {"token": token, "password": DEFAULT_PASSWORD, "username": "mara"},
    )
    assert claimed["username"] == "mara" and claimed["role"] == "patient"
    assert [a["id"] for a in owner.call("GET", "/api/appointments")] == [visit["id"]]
    # Single use.
    again = ApiClient(app).post(
        "/api/invitations/claim", json={"token": token, "password": "another long passphrase"}
    )
    problem(again, 400, "invalid_invitation")

    arrived = desk.client.call(
        "PUT", f"/api/frontdesk/appointments/{visit['id']}", {"status": "arrived"}
    )
    assert arrived["status"] == "arrived"
    assert owner.call("GET", f"/api/appointments/{visit['id']}")["status"] == "arrived"
    # The doctor completes an arrived visit once it started (not before: a check-in is early).
    log = owner.call("GET", "/api/access-log")
    actions = [(e["action"], e["actor"]["role"]) for e in log]
    for action in ("patient.register", "appointment.book", "appointment.check_in"):
        assert (action, "receptionist") in actions
    assert all(e["actor"]["id"] == desk.id for e in log if e["actor"]["role"] == "receptionist")


def test_a_possible_duplicate_is_pointed_out_before_registering(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    first = desk.client.call("POST", "/api/frontdesk/patients", WALK_IN, status=201)
    twin = {**WALK_IN, "fullName": "  mara   PHONE ", "email": "mara2@example.org"}
    body = problem(desk.client.post("/api/frontdesk/patients", json=twin), 409,
                   "possible_duplicate")  # fmt: skip
    assert [d["id"] for d in body["duplicates"]] == [first["id"]]
    assert body["duplicates"][0]["email"] == WALK_IN["email"]
    second = desk.client.call(
        "POST", "/api/frontdesk/patients", {**twin, "confirmDuplicate": True}, status=201
    )
    assert second["id"] != first["id"]
    # Another birth date is no duplicate.
    desk.client.call(
        "POST",
        "/api/frontdesk/patients",
        {**twin, "email": "mara3@example.org", "dateOfBirth": "1990-01-01"},
        status=201,
    )


def test_patient_search_by_name_email_birth_date_and_phone(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    mara = desk.client.call("POST", "/api/frontdesk/patients", WALK_IN, status=201)
    other = new_party(
        ApiClient(app), "patient", fullName="Jonas Marangoni", dateOfBirth="1970-12-24"
    )
    new_party(ApiClient(app), "doctor", fullName="Mara Doctor")  # doctors are never found

    def found(q: str, **extra: Any) -> list[int]:
        query = {"q": q, **extra}
        response = desk.client.get("/api/frontdesk/patients", query_string=query)
        assert response.status_code == 200, response.get_json()
        return [p["id"] for p in response.get_json()]

    assert found("mara") == [other.id, mara["id"]] or found("mara") == [mara["id"], other.id]
    assert found("MARA P") == [mara["id"]]
    assert found("marangoni") == [other.id]  # a later word of the name
    assert found("mara.phone@EXAMPLE") == [mara["id"]]
    assert found("1970-12-24") == [other.id]
    assert found("+49 151 2345") == [mara["id"]]
    assert found("0151 23456789") == [mara["id"]]  # national form (PHONE_DEFAULT_REGION=DE)
    page = desk.client.get("/api/frontdesk/patients", query_string={"q": "mara", "limit": 1})
    assert page.headers["X-Total-Count"] == "2" and len(page.get_json()) == 1
    problem(desk.client.get("/api/frontdesk/patients?q=2020-02-30"), 422, "validation_error")


def test_the_desk_moves_and_cancels_inside_the_notice_window(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app), "patient")
    # Patients may not change it online within 48 hours of the start.
    [default] = doctor.client.call("GET", "/api/visit-types")
    doctor.client.call(
        "PUT",
        f"/api/visit-types/{default['id']}",
        {
            "name": default["name"],
            "durationMinutes": default["durationMinutes"],
            "cancelNoticeHours": 48,
            "rescheduleNoticeHours": 48,
        },
    )
    slots = _free_slots(patient.client, doctor)
    visit = patient.client.call(
        "POST",
        "/api/appointments",
        {"doctorId": doctor.id, "startTime": slots[0]["startTime"]},
        status=201,
    )
    too_late = patient.client.put(
        f"/api/appointments/{visit['id']}",
        json={"startTime": slots[1]["startTime"], "endTime": slots[1]["endTime"]},
    )
    assert too_late.status_code == 422 or too_late.status_code == 409
    moved = desk.client.call(
        "PUT",
        f"/api/frontdesk/appointments/{visit['id']}",
        {"startTime": slots[1]["startTime"], "endTime": slots[1]["endTime"]},
    )
    assert moved["startTime"] == slots[1]["startTime"]
    assert _emails(app, "appointment_rescheduled", patient.id)
    cancelled = desk.client.call(
        "PUT", f"/api/frontdesk/appointments/{visit['id']}", {"status": "cancelled"}
    )
    assert cancelled["status"] == "cancelled"
    assert _emails(app, "appointment_cancelled", patient.id)
    # A cancellation by the desk never counts as the patient's late cancellation.
    assert patient.client.call("GET", "/api/attendance")["lateCancellations"] == 0
    history = [e["action"] for e in patient.client.call("GET", "/api/access-log")]
    assert "appointment.reschedule" in history and "appointment.cancel" in history


def test_no_show_after_the_start_and_check_in_window(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app), "patient")
    past = insert_appointment(app, patient.id, doctor.id, utcnow().replace(microsecond=0)
                              - timedelta(minutes=20))  # fmt: skip
    later = insert_appointment(app, patient.id, doctor.id, utcnow().replace(microsecond=0)
                               + timedelta(days=3))  # fmt: skip
    marked = desk.client.call("PUT", f"/api/frontdesk/appointments/{past}", {"status": "no_show"})
    assert marked["status"] == "no_show"
    # Too early to check in (CHECK_IN_EARLY_MINUTES), too early for a no-show.
    for status in ("arrived", "no_show"):
        response = desk.client.put(f"/api/frontdesk/appointments/{later}", json={"status": status})
        problem(response, 409, "invalid_transition")
    # Only the doctor completes a visit.
    problem(desk.client.put(f"/api/frontdesk/appointments/{later}", json={"status": "completed"}),
            403, "forbidden")  # fmt: skip
    day = desk.client.call(
        "GET",
        "/api/frontdesk/appointments?from="
        + (utcnow() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        + "&to="
        + (utcnow() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    assert [a["id"] for a in day] == [past]
    assert day[0]["patient"]["fullName"] == patient.user["fullName"]


def test_the_desk_never_sees_clinical_content(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    manager = staff_party(app, "manager")
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app), "patient")
    slot = _free_slots(patient.client, doctor)[0]
    visit = patient.client.call(
        "POST",
        "/api/appointments",
        {"doctorId": doctor.id, "startTime": slot["startTime"], "reason": "CANARY-reason"},
        status=201,
    )
    record = write_record(doctor, patient, diagnosis="CANARY-diagnosis")
    for who in (desk, manager):
        for path in (
            f"/api/records/{patient.id}",
            f"/api/records/{record['id']}/history",
            f"/api/patients/{patient.id}",
            f"/api/patients/{patient.id}/allergies",
            f"/api/patients/{patient.id}/documents",
            f"/api/patients/{patient.id}/summary",
            f"/api/patients/{patient.id}/fhir",
            "/api/patients",
            "/api/access-log",
            "/api/messages/threads",
        ):
            response = who.client.get(path)
            assert response.status_code == 403, (who.user["role"], path, response.status_code)
            assert b"CANARY" not in response.get_data()
    shown = desk.client.call("GET", f"/api/appointments/{visit['id']}")
    assert shown["reason"] is None and shown["videoLink"] is None
    listed = desk.client.call("GET", f"/api/frontdesk/patients/{patient.id}/appointments")
    assert [a["reason"] for a in listed] == [None]
    assert manager.client.get(f"/api/appointments/{visit['id']}").status_code == 404


def test_manager_reads_the_audit_trail_and_nothing_of_the_desk(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    manager = staff_party(app, "manager")
    patient = desk.client.call("POST", "/api/frontdesk/patients", WALK_IN, status=201)
    trail = manager.client.call("GET", f"/api/audit/events?actorId={desk.id}")
    assert [(e["action"], e["patientId"]) for e in trail] == [("patient.register", patient["id"])]
    assert trail[0]["actor"] == {"id": desk.id, "fullName": desk.user["fullName"],
                                 "role": "receptionist"}  # fmt: skip
    assert manager.client.get("/api/frontdesk/patients?q=mara").status_code == 403
    assert desk.client.get("/api/audit/events").status_code == 403
    assert admin_party(app).client.get("/api/audit/events").status_code == 200


def test_admin_creates_staff_who_claim_the_invitation_and_must_enrol(app: OpenAPI) -> None:
    admin = admin_party(app)
    body = {"role": "receptionist", "username": "frontdesk1", "email": "desk1@example.org",
            "fullName": "Fran Desk"}  # fmt: skip
    problem(
        staff_party(app, "receptionist").client.post("/api/admin/staff", json=body),
        403,
        "forbidden",
    )
    app.config["MFA_REQUIRED_ROLES"] = frozenset({"receptionist", "manager"})
    created = admin.client.call("POST", "/api/admin/staff", body, status=201)
    assert created["role"] == "receptionist" and created["mfaRequired"] is True
    problem(admin.client.post("/api/admin/staff", json=body), 409, "username_taken")
    staff = ApiClient(app)
    staff.call(
        "POST",
        "/api/invitations/claim",
        {"token": invitation_token(app, "desk1@example.org"), "password": DEFAULT_PASSWORD},
    )
    problem(staff.get("/api/frontdesk/patients?q=ab"), 403, "mfa_enrolment_required")


def test_invitation_links_fail_alike_when_altered_expired_or_replaced(app: OpenAPI) -> None:
    desk = staff_party(app, "receptionist")
    patient = desk.client.call("POST", "/api/frontdesk/patients", WALK_IN, status=201)
    first = invitation_token(app, WALK_IN["email"])
    desk.client.call("POST", f"/api/frontdesk/patients/{patient['id']}/invitation", status=204)
    second = invitation_token(app, WALK_IN["email"])
    assert first != second
    invitation_id = int(second.split(".")[0])
    for token in (first, second[:-2] + "AA", f"{invitation_id + 1}.{second.split('.')[1]}"):
        response = ApiClient(app).post(
            "/api/invitations/claim", json={"token": token, "password": DEFAULT_PASSWORD}
        )
        problem(response, 400, "invalid_invitation")
    with app.app_context():
        row = db.session.get(AccountInvitation, invitation_id)
        assert row is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    expired = ApiClient(app).post(
        "/api/invitations/claim", json={"token": second, "password": DEFAULT_PASSWORD}
    )
    problem(expired, 400, "invalid_invitation")


def test_self_registration_takes_an_optional_birth_date_and_phone(app: OpenAPI) -> None:
    patient = new_party(
        ApiClient(app), "patient", dateOfBirth="2001-05-06", mobilePhone="+49 151 23456780"
    )
    assert patient.user["dateOfBirth"] == "2001-05-06"
    assert patient.user["mobilePhone"] == "+4915123456780"
    bare = new_party(ApiClient(app), "patient")
    assert bare.user["dateOfBirth"] is None
    updated = bare.client.call("PUT", "/api/user", {"dateOfBirth": "1999-09-09"})
    assert updated["dateOfBirth"] == "1999-09-09"
    future = bare.client.put("/api/user", json={"dateOfBirth": "2999-01-01"})
    assert future.status_code == 422


def test_desk_ids_that_are_not_patients_look_like_missing_ones(app: OpenAPI) -> None:
    """IDOR for the receptionist, who reaches every patient by design: a doctor's, an
    admin's or a staff member's id answers exactly like an id that does not exist."""
    desk = staff_party(app, "receptionist")
    doctor = open_doctor(ApiClient(app))
    others = (doctor.id, admin_party(app).id, staff_party(app, "manager").id, desk.id)
    missing = 987_654_321
    for path in (
        "/api/frontdesk/patients/{}",
        "/api/frontdesk/patients/{}/appointments",
    ):
        expected = desk.client.get(path.format(missing))
        assert expected.status_code == 404
        for other in others:
            answer = desk.client.get(path.format(other))
            assert (answer.status_code, answer.get_json()) == (404, expected.get_json())
    invite = desk.client.post(f"/api/frontdesk/patients/{missing}/invitation")
    for other in others:
        answer = desk.client.post(f"/api/frontdesk/patients/{other}/invitation")
        assert (answer.status_code, answer.get_json()) == (404, invite.get_json())
    change = desk.client.put(f"/api/frontdesk/appointments/{missing}", json={"status": "arrived"})
    problem(change, 404, "not_found")
    booking = desk.client.post(
        "/api/frontdesk/appointments",
        json={"patientId": doctor.id, "doctorId": doctor.id,
              "startTime": _free_slots(desk.client, doctor)[0]["startTime"]},
    )  # fmt: skip
    problem(booking, 404, "not_found")
