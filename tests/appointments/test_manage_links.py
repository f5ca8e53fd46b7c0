"""Manage links in appointment emails: /api/manage/<token> without a session."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import time_machine
from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from clinic360.appointments.links import manage_token
from clinic360.appointments.reminders import schedule_reminders
from tests.appointments.helpers import move_into_past, sql
from tests.factories import Party, at, booked, iso
from tests.helpers import captured_logs, rendered_outbox_email

LINK = re.compile(r"http://127\.0\.0\.1:5000/manage/([0-9]+\.[0-9]+\.[A-Za-z0-9_-]{43})")
CANARY_REASON = "CANARY-manage-reason-4b1e"
CANARY_CANCEL = "CANARY-cancel-words-91c"


def emails_of(
    app: OpenAPI, appointment_id: int, kinds: tuple[str, ...] = ()
) -> dict[str, dict[str, str]]:
    """Each email of the appointment (of `kinds`, or all), rendered, by idempotency key."""
    rows = sql(
        app,
        "SELECT id, idempotency_key, kind FROM email_outbox WHERE appointment_id = :a ORDER BY id",
        a=appointment_id,
    )
    return {
        key: rendered_outbox_email(app, outbox_id)
        for outbox_id, key, kind in rows
        if not kinds or kind in kinds
    }


def links_in(email: dict[str, str]) -> set[str]:
    return set(LINK.findall(email["text/plain"])) | set(LINK.findall(email["text/html"]))


def link_of(app: OpenAPI, appointment_id: int, key_part: str) -> str:
    """The token of the manage link in the patient's email whose key contains `key_part`."""
    for key, email in emails_of(app, appointment_id).items():
        if key_part in key and key.endswith(":patient"):
            (token,) = links_in(email)
            return token
    raise AssertionError(f"no patient email {key_part}")


def anonymous(app: OpenAPI, method: str, path: str, body: Any = None) -> TestResponse:
    """A request as a mail reader's browser: no session, no CSRF token."""
    return app.test_client().open(path, method=method, json=body)


def test_each_patient_email_of_a_change_carries_its_link_the_doctors_do_not(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9), reason=CANARY_REASON)
    aid = created["id"]
    doctor.client.call("PUT", f"/api/appointments/{aid}", {"status": "confirmed"})
    moved = {"startTime": iso(at(14)), "endTime": iso(at(14, 30))}
    patient.client.call("PUT", f"/api/appointments/{aid}", moved)
    with app.app_context(), time_machine.travel(at(14) - timedelta(hours=1), tick=False):
        assert schedule_reminders() == 2  # the 2h step, to patient and doctor
    emails = emails_of(app, aid)
    patient.client.call("PUT", f"/api/appointments/{aid}", {"status": "cancelled"})
    emails.update(emails_of(app, aid, ("appointment_cancelled",)))
    expected = {"booked": 0, "confirmed:1": 1, "rescheduled:2": 2, "reminder:2h": 2}
    for key, email in emails.items():
        assert CANARY_REASON not in str(email)
        kind = next((k for k in expected if f":{k}" in key), None)
        if key.endswith(":patient") and kind is not None:
            assert links_in(email) == {manage_token_in(app, aid, expected[kind])}, key
        else:  # the doctor's copies and the cancellation carry none
            assert "/manage/" not in email["text/plain"] + email["text/html"], key
            assert "/manage/" not in email.get("text/calendar", ""), key
    assert any(":reminder:2h:" in key for key in emails)


def manage_token_in(app: OpenAPI, appointment_id: int, sequence: int) -> str:
    with app.app_context():
        return manage_token(appointment_id, sequence)


def test_the_link_shows_what_the_email_shows_and_never_the_reason(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9), reason=CANARY_REASON)
    token = link_of(app, created["id"], ":booked:")
    response = anonymous(app, "GET", f"/api/manage/{token}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in response.headers
    assert response.get_json() == {
        "appointment": {
            "startTime": iso(at(9)),
            "endTime": iso(at(9, 30)),
            "status": "scheduled",
            "doctor": {"fullName": "Dr. Bob Jones", "specialization": "Cardiology",
                       "timezone": "UTC"},
            "patientConfirmedAt": None,
        },
        "place": "Clinic360",
        "videoLink": None,
        "mayCancel": True,
        "mayReschedule": True,
        "cancelDeadline": iso(at(9)),
        "rescheduleDeadline": iso(at(9)),
        "mayChange": True,
        "changeDeadline": iso(at(9)),
        "contactLine": "Please contact the clinic.",
    }  # fmt: skip
    assert CANARY_REASON not in response.get_data(as_text=True)


def test_confirming_attendance_shows_on_the_agenda_and_keeps_the_link(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    token = link_of(app, created["id"], ":booked:")
    first = anonymous(app, "POST", f"/api/manage/{token}/confirm")
    assert first.status_code == 200, first.get_data(as_text=True)
    confirmed_at = first.get_json()["appointment"]["patientConfirmedAt"]
    assert confirmed_at is not None
    again = anonymous(app, "POST", f"/api/manage/{token}/confirm")
    assert again.status_code == 200
    assert again.get_json()["appointment"]["patientConfirmedAt"] == confirmed_at

    agenda = doctor.client.call("GET", "/api/appointments")
    assert [a["patientConfirmedAt"] for a in agenda] == [confirmed_at]
    assert agenda[0]["status"] == "scheduled"  # the doctor's confirmation is another thing
    assert anonymous(app, "GET", f"/api/manage/{token}").status_code == 200
    history = sql(app, "SELECT actor_id, action, via FROM appointment_events ORDER BY id")
    assert [tuple(row) for row in history] == [
        (patient.id, "booked", "app"),
        (patient.id, "attendance_confirmed", "email_link"),
    ]


def test_cancelling_through_the_link_frees_the_slot_and_keeps_the_words_out_of_logs(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    token = link_of(app, created["id"], ":booked:")
    blank = anonymous(app, "POST", f"/api/manage/{token}/cancel", {"reason": "   "})
    assert blank.status_code == 422
    missing = anonymous(app, "POST", f"/api/manage/{token}/cancel", {})
    assert missing.status_code == 422

    with captured_logs() as lines:
        response = anonymous(app, "POST", f"/api/manage/{token}/cancel", {"reason": CANARY_CANCEL})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["appointment"]["status"] == "cancelled"
    assert response.get_json()["mayChange"] is False
    logged = "\n".join(lines)
    assert CANARY_CANCEL not in logged and token not in logged
    assert "/api/manage/<token>/cancel" in logged
    assert "appointment changed through its email link" in logged

    # The slot is free again: another patient books it.
    assert booked(other_patient, doctor, at(9))["status"] == "scheduled"
    history = sql(
        app,
        "SELECT actor_id, action, via, note FROM appointment_events WHERE appointment_id = :a "
        "ORDER BY id",
        a=created["id"],
    )
    assert [tuple(row) for row in history][-1] == (
        patient.id, "cancelled", "email_link", CANARY_CANCEL,
    )  # fmt: skip
    for email in emails_of(app, created["id"], ("appointment_cancelled",)).values():
        assert CANARY_CANCEL not in str(email)
    # The link acted once: its version is gone.
    again = anonymous(app, "POST", f"/api/manage/{token}/cancel", {"reason": "again"})
    assert again.status_code == 409 and again.get_json()["code"] == "link_changed"


def test_an_old_link_after_a_reschedule_shows_the_change_and_acts_on_nothing(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    old = link_of(app, created["id"], ":booked:")
    moved = {"startTime": iso(at(15)), "endTime": iso(at(15, 30))}
    doctor.client.call("PUT", f"/api/appointments/{created['id']}", moved)

    shown = anonymous(app, "GET", f"/api/manage/{old}")
    assert shown.status_code == 409
    problem = shown.get_json()
    assert problem["code"] == "link_changed"
    assert problem["current"]["appointment"]["startTime"] == iso(at(15))
    for method, path, body in (
        ("POST", "confirm", None),
        ("POST", "cancel", {"reason": "cannot come"}),
        ("POST", "reschedule", {"startTime": iso(at(11)), "endTime": iso(at(11, 30))}),
        ("GET", "alternatives", None),
    ):
        answer = anonymous(app, method, f"/api/manage/{old}/{path}", body)
        assert answer.status_code == 409 and answer.get_json()["code"] == "link_changed", path
    current = patient.client.call("GET", f"/api/appointments/{created['id']}")
    assert (current["status"], current["startTime"], current["patientConfirmedAt"]) == (
        "scheduled", iso(at(15)), None,
    )  # fmt: skip
    new = link_of(app, created["id"], ":rescheduled:")
    assert anonymous(app, "GET", f"/api/manage/{new}").status_code == 200


def test_rescheduling_through_the_link_offers_the_nearest_free_times_of_the_doctor(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    token = link_of(app, created["id"], ":booked:")
    offered = anonymous(app, "GET", f"/api/manage/{token}/alternatives")
    assert offered.status_code == 200, offered.get_data(as_text=True)
    times = offered.get_json()
    assert [t["startTime"] for t in times[:2]] == [iso(at(8, 30)), iso(at(9, 30))]
    assert len(times) == 8 and iso(at(9)) not in [t["startTime"] for t in times]

    moved = anonymous(app, "POST", f"/api/manage/{token}/reschedule", times[1])
    assert moved.status_code == 200, moved.get_data(as_text=True)
    assert moved.get_json()["appointment"]["startTime"] == iso(at(9, 30))
    off_grid = {"startTime": iso(at(10, 10)), "endTime": iso(at(10, 40))}
    new = link_of(app, created["id"], ":rescheduled:")
    assert anonymous(app, "POST", f"/api/manage/{new}/reschedule", off_grid).status_code == 422
    history = sql(app, "SELECT action, via FROM appointment_events WHERE action = 'rescheduled'")
    assert [tuple(row) for row in history] == [("rescheduled", "email_link")]


def test_expired_unknown_and_foreign_links_are_the_same_404(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    mine = booked(patient, doctor, at(9))
    theirs = booked(other_patient, doctor, at(10))
    token = link_of(app, mine["id"], ":booked:")
    their_token = link_of(app, theirs["id"], ":booked:")
    appointment_id, sequence, mac = token.split(".")
    foreign = f"{theirs['id']}.{sequence}.{mac}"  # my secret on their appointment
    spliced = f"{appointment_id}.{sequence}.{their_token.split('.')[2]}"
    move_into_past(app, mine["id"])
    answers = [
        anonymous(app, "GET", f"/api/manage/{candidate}")
        for candidate in (token, foreign, spliced, "no-such-token", f"{mine['id']}.0.x")
    ]
    assert {a.status_code for a in answers} == {404}
    assert len({a.get_data() for a in answers}) == 1
    cancel = anonymous(app, "POST", f"/api/manage/{token}/cancel", {"reason": "late"})
    assert cancel.status_code == 404


def test_requests_through_links_are_limited_per_address(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    app.config["MANAGE_LINK_REQUESTS_PER_ADDRESS_HOUR"] = 3
    created = booked(patient, doctor, at(9))
    token = link_of(app, created["id"], ":booked:")
    statuses = [anonymous(app, "GET", "/api/manage/unknown").status_code for _ in range(3)]
    limited = anonymous(app, "GET", f"/api/manage/{token}")
    assert statuses == [404, 404, 404]
    assert limited.status_code == 429 and limited.get_json()["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0


def test_inside_the_types_windows_every_path_refuses_the_same_way(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    """A visit 12 to 36 hours ahead; its type asks 48 h notice to cancel, 6 h to move: one
    rule for the link page, the link's actions and the signed-in patient; the doctor is
    never bound."""
    fields = {"name": "Surgery", "durationMinutes": 30, "cancelNoticeHours": 48,
              "rescheduleNoticeHours": 6}  # fmt: skip
    strict = doctor.client.call("POST", "/api/visit-types", fields, status=201)
    start, later = at(12, offset=1), at(14, offset=1)
    created = booked(patient, doctor, start, visitTypeId=strict["id"])
    token = link_of(app, created["id"], ":booked:")
    app.config["CLINIC_CONTACT_LINE"] = "Call 030 1234567"
    path = f"/api/appointments/{created['id']}"
    state = anonymous(app, "GET", f"/api/manage/{token}").get_json()
    assert (state["mayCancel"], state["mayReschedule"], state["mayChange"]) == (False, True, True)
    assert state["cancelDeadline"] == iso(start - timedelta(hours=48))
    assert state["rescheduleDeadline"] == iso(start - timedelta(hours=6))
    assert state["contactLine"] == "Call 030 1234567"
    refused = anonymous(app, "POST", f"/api/manage/{token}/cancel", {"reason": "ill"})
    signed_in = patient.client.put(path, json={"status": "cancelled"})
    for answer in (refused, signed_in):
        assert answer.status_code == 409
        body = answer.get_json()
        assert body["code"] == "cancellation_window_passed"
        assert body["contactLine"] == "Call 030 1234567"
        assert "48 hours" in body["detail"]
    assert anonymous(app, "GET", f"/api/manage/{token}/alternatives").status_code == 200

    doctor.client.call("PUT", f"/api/visit-types/{strict['id']}",
                       {**fields, "rescheduleNoticeHours": 48})  # fmt: skip
    state = anonymous(app, "GET", f"/api/manage/{token}").get_json()
    assert (state["mayCancel"], state["mayReschedule"], state["mayChange"]) == (
        False, False, False,
    )  # fmt: skip
    move = {"startTime": iso(later), "endTime": iso(later + timedelta(minutes=30))}
    for answer in (
        anonymous(app, "GET", f"/api/manage/{token}/alternatives"),
        anonymous(app, "POST", f"/api/manage/{token}/reschedule", move),
        patient.client.put(path, json=move),
    ):
        assert answer.status_code == 409
        assert answer.get_json()["code"] == "reschedule_window_passed"
        assert answer.get_json()["contactLine"] == "Call 030 1234567"
    assert anonymous(app, "POST", f"/api/manage/{token}/confirm").status_code == 200
    cancelled = doctor.client.call("PUT", path, {"status": "cancelled"})
    assert cancelled["status"] == "cancelled"  # the doctor is never bound


def test_a_logged_in_browser_needs_no_csrf_token_and_its_session_changes_nothing(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    token = link_of(app, created["id"], ":booked:")
    # Another user's browser, session cookie and all, without a CSRF header: the link decides.
    response = other_patient.client.http.post(f"/api/manage/{token}/confirm")
    assert response.status_code == 200
    assert other_patient.client.call("GET", "/api/appointments") == []
