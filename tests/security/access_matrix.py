"""AC-01: every route × method × principal → expected status (the written access rules).

Columns, in order: anonymous, patient (P1), other patient (P2), doctor with a care
relationship to P1 (D1), doctor without (D2), pending doctor (D3), admin.
`path` fills the rule's id with one of the world's ids; `body` is a valid body;
`fresh` sends the call from a second browser of the principal (the call ends or replaces
the session). A route of the app missing here fails tests/security/test_access_matrix.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.factories import DEFAULT_PASSWORD, registration_body

Body = dict[str, Any] | None


@dataclass(frozen=True)
class Row:
    method: str
    rule: str
    expected: tuple[int, int, int, int, int, int, int]
    path: str | None = None  # key in World.ids or a principal name, for the rule's id;
    # "patient+allergies": one key per id of the rule, in order
    body: Body = None
    fresh: bool = False


def _every(status: int) -> tuple[int, int, int, int, int, int, int]:
    return (status,) * 7


def _logged_in(status: int) -> tuple[int, int, int, int, int, int, int]:
    return (401,) + (status,) * 6


READ_PATIENT = (401, 200, 404, 200, 404, 403, 403)
WRITE_PATIENT = (401, 403, 403, 200, 404, 403, 403)


def _chart_rows(kind: str, body: dict[str, Any]) -> tuple[Row, ...]:
    """A chart list's four routes: read like records, written by a doctor in care."""
    base = f"/api/patients/<int:id>/{kind}"
    item = f"patient+{kind}"
    return (
        Row("GET", base, READ_PATIENT, path="patient"),
        Row("POST", base, (401, 403, 403, 201, 404, 403, 403), path="patient", body=body),
        Row("PUT", f"{base}/<int:item_id>", WRITE_PATIENT, path=item,
            body={"reason": "CANARY-matrix-reason"}),
        Row("GET", f"{base}/<int:item_id>/history", READ_PATIENT, path=item),
    )  # fmt: skip


UPLOAD_RULE = "/api/patients/<int:id>/documents"
"""POST here sends a multipart upload (a tiny PDF), not a JSON body."""
NEW_PASSWORD = "another long passphrase"
ROWS: tuple[Row, ...] = (
    # operations and CSRF: public
    Row("GET", "/api/health", _every(200)),
    Row("GET", "/api/csrf", _every(200)),
    Row("GET", "/api/openapi.json", _every(200)),
    # accounts
    Row("POST", "/api/register", _every(201), body={}, fresh=True),  # body: a new user
    Row("POST", "/api/login", (401,) + (200,) * 6, body={}, fresh=True),  # own credentials
    Row("POST", "/api/login/mfa", _every(401), body={"code": "000000"}, fresh=True),
    Row("POST", "/api/user/mfa/setup", _logged_in(200)),
    Row("POST", "/api/user/mfa/confirm", _logged_in(422), body={"code": "000000"}),
    Row("POST", "/api/logout", _logged_in(204), fresh=True),
    Row("GET", "/api/user", _logged_in(200)),
    Row("PUT", "/api/user", _logged_in(200), body={"timezone": "Europe/Berlin"}),
    Row(
        "POST",
        "/api/user/password",
        _logged_in(422),  # wrong current password: the right one would end the session
        body={"currentPassword": "not the password", "newPassword": NEW_PASSWORD},
    ),
    Row("POST", "/api/password-reset", _every(202), body={}),  # body: an unknown address
    Row(
        "POST",
        "/api/password-reset/confirm",
        _every(400),
        body={"token": "not-a-token", "newPassword": NEW_PASSWORD},
    ),
    Row("GET", "/api/admin/doctors", (401, 403, 403, 403, 403, 403, 200)),
    Row(
        "POST",
        "/api/admin/doctors/<int:id>/approve",
        (401, 403, 403, 403, 403, 403, 200),
        path="doctor_unrelated",
    ),
    Row(
        "POST",
        "/api/admin/doctors/<int:id>/suspend",
        (401, 403, 403, 403, 403, 403, 200),
        path="doctor_to_suspend",
        body={"reason": "Licence under review"},
    ),
    # the list of specializations: public to read (registration needs it), admins edit it
    Row("GET", "/api/specializations", _every(200)),
    Row("GET", "/api/admin/specializations", (401, 403, 403, 403, 403, 403, 200)),
    Row(
        "POST",
        "/api/admin/specializations",
        (401, 403, 403, 403, 403, 403, 201),
        body={"name": "CANARY-matrix-specialization"},
    ),
    Row(
        "PUT",
        "/api/admin/specializations/<int:id>",
        (401, 403, 403, 403, 403, 403, 200),
        path="specialization",
        body={"name": "CANARY-matrix-renamed", "active": False},
    ),
    # clinic closures (issue 17): public to read (not clinical data), admins change them
    Row("GET", "/api/closures", _every(200)),
    Row("GET", "/api/admin/closures", (401, 403, 403, 403, 403, 403, 200)),
    Row(
        "POST",
        "/api/admin/closures",
        (401, 403, 403, 403, 403, 403, 201),
        body={"date": "2041-05-02", "name": "Matrix closure"},
    ),
    Row(
        "POST",
        "/api/admin/closures/import",
        (401, 403, 403, 403, 403, 403, 200),
        body={"country": "FR", "year": 2041},
    ),
    Row(
        "DELETE",
        "/api/admin/closures/<int:closure_id>",
        (401, 403, 403, 403, 403, 403, 204),
        path="closure",
    ),
    # schedules
    Row(
        "POST",
        "/api/schedule",
        (401, 403, 403, 201, 201, 201, 403),
        body={"date": "2040-01-03", "startTime": "10:00", "endTime": "11:00"},
    ),
    Row(
        "POST",
        "/api/schedule/weekly",
        (401, 403, 403, 201, 201, 201, 403),
        body={"daysOfWeek": [0, 6], "startTime": "19:00", "endTime": "20:00"},
    ),
    Row("GET", "/api/schedule", (401, 403, 403, 200, 200, 200, 403)),
    Row(
        "PUT",
        "/api/schedule/<int:entry_id>",
        (401, 403, 403, 200, 404, 404, 403),
        path="entry",
        body={"dayOfWeek": 0, "startTime": "08:00", "endTime": "18:00"},
    ),
    Row(
        "DELETE",
        "/api/schedule/<int:entry_id>",
        (401, 403, 403, 204, 404, 404, 403),
        path="spare_entry",
    ),
    # the directory and free slots are public (guests pick a time before signing in;
    # rate-limited per address, no session: tests/schedules/test_public_reads.py)
    Row("GET", "/api/doctors", _every(200)),
    Row("GET", "/api/doctors/<int:doctor_id>", _every(200), path="doctor"),
    Row("GET", "/api/doctors/<int:doctor_id>/schedule", _logged_in(200), path="doctor"),
    Row("GET", "/api/doctors/<int:doctor_id>/slots", _every(200), path="doctor"),
    Row("GET", "/api/slots", _every(200)),
    # visit types: doctors manage their own, admins any doctor's (naming `doctorId`)
    Row("GET", "/api/visit-types", (401, 403, 403, 200, 200, 200, 422)),  # admin: no doctorId
    Row(
        "POST",
        "/api/visit-types",
        (401, 403, 403, 201, 201, 201, 422),  # admin: no doctorId
        body={"name": "Matrix visit", "durationMinutes": 20},
    ),
    Row(
        "PUT",
        "/api/visit-types/<int:visit_type_id>",
        (401, 403, 403, 200, 404, 404, 200),
        path="visit_type",
        body={"name": "Follow-up", "durationMinutes": 15, "channel": "video"},
    ),
    Row(
        "DELETE",
        "/api/visit-types/<int:visit_type_id>",
        (401, 403, 403, 422, 404, 404, 422),  # the default type (and in use) is never deleted
        path="default_visit_type",
    ),
    Row("GET", "/api/doctors/<int:doctor_id>/visit-types", _every(200), path="doctor"),
    # messages (API.md "Messages"), before the booking row below puts P2 in D1's care:
    # writing to a doctor without care is 403 `messaging_not_allowed`; a thread not yours is
    # 404; closing and blocking come last (they stop P1 writing)
    Row("GET", "/api/messages/threads", (401, 200, 200, 200, 200, 403, 403)),
    Row(
        "POST",
        "/api/messages/threads",
        (401, 201, 403, 403, 403, 403, 403),
        body={"doctorId": "doctor", "subject": "CANARY-matrix", "body": "CANARY-matrix-message"},
    ),
    Row(
        "GET",
        "/api/messages/threads/<int:id>",
        (401, 200, 404, 200, 404, 403, 403),
        path="thread",
    ),
    Row(
        "POST",
        "/api/messages/threads/<int:id>/messages",
        (401, 201, 404, 201, 404, 403, 403),
        path="thread",
        body={"body": "CANARY-matrix-reply"},
    ),
    Row(
        "POST",
        "/api/messages/<int:id>/retract",  # P1's message: the doctor may see it, not retract it
        (401, 200, 404, 403, 404, 403, 403),
        path="message",
    ),
    Row("GET", "/api/messages/unread", (401, 200, 200, 200, 200, 403, 403)),
    Row("GET", "/api/messages/doctors", (401, 200, 200, 403, 403, 403, 403)),
    Row(
        "POST",
        "/api/messages/threads/<int:id>/close",
        (401, 403, 403, 204, 404, 403, 403),
        path="thread",
    ),
    Row(
        "PUT",
        "/api/messages/threads/<int:id>/block",
        (401, 403, 403, 200, 404, 403, 403),
        path="thread",
        body={"reason": "Please call the practice instead."},
    ),
    Row(
        "DELETE",
        "/api/messages/threads/<int:id>/block",
        (401, 403, 403, 204, 404, 403, 403),
        path="thread",
    ),
    Row("GET", "/api/access-log/groups", (401, 200, 200, 403, 403, 403, 403)),
    # appointments
    Row("GET", "/api/appointments", _logged_in(200)),
    Row("GET", "/api/appointments.ics", _logged_in(200)),
    # a patient's own attendance record (no id in the path; only patients have one)
    Row("GET", "/api/attendance", (401, 200, 200, 403, 403, 403, 403)),
    # calendar subscription links: each user manages only their own (no id in the path)
    Row("GET", "/api/calendar-feed", _logged_in(200)),
    Row("POST", "/api/calendar-feed", _logged_in(201)),
    Row("DELETE", "/api/calendar-feed", _logged_in(204)),
    # the link itself is the credential (tests/appointments/test_calendar_links.py); a
    # guessed one (here: an appointment id) is 404 for everyone, with or without a session
    Row("GET", "/api/calendar/<token>.ics", _every(404), path="appointment"),
    # manage links in emails: the link is the credential (tests/appointments/
    # test_manage_links.py); a guessed one (an appointment id) is 404 for everyone, and a
    # session adds nothing (no CSRF token needed: no session authorises these)
    Row("GET", "/api/manage/<token>", _every(404), path="appointment"),
    Row("POST", "/api/manage/<token>/confirm", _every(404), path="appointment"),
    Row(
        "POST",
        "/api/manage/<token>/cancel",
        _every(404),
        path="appointment",
        body={"reason": "Cannot come"},
    ),
    Row("GET", "/api/manage/<token>/alternatives", _every(404), path="appointment"),
    Row(
        "POST",
        "/api/manage/<token>/reschedule",
        _every(404),
        path="appointment",
        body={"startTime": "2040-01-03T09:00:00Z", "endTime": "2040-01-03T09:30:00Z"},
    ),
    # the waiting list: patients only, each their own entries (tests/waitlist/)
    Row("GET", "/api/waitlist", (401, 200, 200, 403, 403, 403, 403)),
    Row(
        "POST",
        "/api/waitlist",
        (401, 201, 201, 403, 403, 403, 403),
        body={
            "doctorId": "doctor",
            "dateFrom": "2040-01-02",
            "dateTo": "2040-01-09",
            "parts": ["afternoon"],
        },
    ),
    Row(
        "DELETE",
        "/api/waitlist/<int:id>",
        (401, 204, 404, 403, 403, 403, 403),
        path="waitlist_entry",
    ),
    # claim links in waitlist offer emails: the link is the credential, like manage links;
    # a guessed one (an appointment id) is 404 for everyone, a session adds nothing
    Row("GET", "/api/claim/<token>", _every(404), path="appointment"),
    Row("POST", "/api/claim/<token>", _every(404), path="appointment"),
    Row(
        "GET",
        "/api/appointments/<int:id>",
        (401, 200, 404, 200, 404, 404, 404),
        path="appointment",
    ),
    Row(
        "GET",
        "/api/appointments/<int:id>.ics",  # "Add to calendar": same rule as the appointment
        (401, 200, 404, 200, 404, 404, 404),
        path="appointment",
    ),
    Row(
        "POST",
        "/api/appointments",
        (401, 201, 201, 403, 403, 403, 403),
        body={},  # body: a free slot of D1, one per principal
    ),
    # a doctor books for a patient in their care (P1 is D1's); body: a free slot of D1
    Row("POST", "/api/doctor/appointments", (401, 403, 403, 201, 404, 403, 403), body={}),
    Row("POST", "/api/series", (401, 403, 403, 201, 404, 403, 403), body={}),
    Row("GET", "/api/series/<int:id>", (401, 200, 404, 200, 404, 404, 404), path="series"),
    Row(
        "POST",
        "/api/series/<int:id>/cancel",
        (401, 200, 404, 200, 404, 404, 403),  # admins never change appointments
        path="series",
    ),
    Row(
        "PUT",
        "/api/appointments/<int:id>",
        (401, 403, 404, 200, 404, 404, 403),  # admins never change appointments: 403 for any id
        path="appointment",
        body={"status": "confirmed"},
    ),
    # records, patients, access log (API.md "403 vs 404")
    Row(
        "POST",
        "/api/records",
        (401, 403, 403, 201, 404, 403, 403),
        body={"patientId": "patient", "diagnosis": "CANARY-matrix-diagnosis"},
    ),
    Row("GET", "/api/records/<int:id>", (401, 200, 404, 200, 404, 403, 403), path="patient"),
    Row(
        "PUT",
        "/api/records/<int:id>",
        (401, 403, 403, 200, 404, 403, 403),
        path="record",
        body={"diagnosis": "CANARY-matrix-amended", "reason": "CANARY-matrix-reason"},
    ),
    Row(
        "GET",
        "/api/records/<int:id>/history",
        (401, 200, 404, 200, 404, 403, 403),
        path="record",
    ),
    Row("GET", "/api/patients", (401, 403, 403, 200, 200, 403, 403)),
    Row("GET", "/api/patients/<int:id>", (401, 200, 404, 200, 404, 403, 403), path="patient"),
    Row(
        "GET",
        "/api/patients/<int:id>/fhir",
        (401, 200, 404, 200, 404, 403, 403),
        path="patient",
    ),
    *(
        row
        for kind, body in (
            ("allergies", {"substance": "CANARY-matrix-substance"}),
            ("problems", {"condition": "CANARY-matrix-condition"}),
            ("medications", {"name": "CANARY-matrix-medication"}),
            ("vitals", {"takenAt": "2025-06-02T08:00:00Z", "heartRate": 70}),
        )
        for row in _chart_rows(kind, body)
    ),
    Row("GET", "/api/patients/<int:id>/summary", READ_PATIENT, path="patient"),
    # documents (issue 19): the upload is `multipart/form-data` (UPLOAD_RULE, sent as a
    # tiny PDF); the patient uploads to their own record; a patient marks only their own.
    Row("GET", "/api/patients/<int:id>/documents", READ_PATIENT, path="patient"),
    Row("POST", UPLOAD_RULE, (401, 201, 404, 201, 404, 403, 403), path="patient"),
    Row(
        "PUT",
        "/api/patients/<int:id>/documents/<int:document_id>",
        (401, 403, 404, 200, 404, 403, 403),
        path="patient+document",
        body={"reason": "CANARY-matrix-reason"},
    ),
    Row(
        "GET",
        "/api/patients/<int:id>/documents/<int:document_id>/content",
        READ_PATIENT,
        path="patient+document",
    ),
    # intake questionnaires (issue 19): a visit type's questions are its doctor's (admins:
    # any); an appointment's answers are read by its patient and its doctor in care, written
    # by the patient (an empty set is valid: the world's question is optional), taken into a
    # chart list by the doctor (before the answers are replaced by the empty set); through a
    # guessed manage link (an appointment id): 404 for everyone
    Row(
        "GET",
        "/api/visit-types/<int:visit_type_id>/questions",
        (401, 403, 403, 200, 404, 404, 200),
        path="default_visit_type",
    ),
    Row(
        "PUT",
        "/api/visit-types/<int:visit_type_id>/questions",
        (401, 403, 403, 200, 404, 404, 200),
        path="visit_type",
        body={"questions": [{"kind": "yes_no", "prompt": "Do you smoke?"}]},
    ),
    Row(
        "GET",
        "/api/appointments/<int:id>/intake",
        (401, 200, 404, 200, 404, 403, 403),
        path="appointment",
    ),
    Row(
        "GET",
        "/api/appointments/<int:id>/intake/versions",
        (401, 200, 404, 200, 404, 403, 403),
        path="appointment",
    ),
    Row(
        "POST",
        "/api/appointments/<int:id>/intake/take",
        (401, 403, 403, 201, 404, 403, 403),
        path="appointment",
        body={"questionId": "id:intake_question"},
    ),
    Row(
        "PUT",
        "/api/appointments/<int:id>/intake",
        (401, 200, 404, 403, 403, 403, 403),
        path="appointment",
        body={"answers": []},
    ),
    Row("GET", "/api/manage/<token>/intake", _every(404), path="appointment"),
    Row("PUT", "/api/manage/<token>/intake", _every(404), path="appointment", body={"answers": []}),
    Row("GET", "/api/access-log", (401, 200, 200, 403, 403, 403, 403)),
)

# Served by the framework, not the API: the docs UI assets and the SPA catch-all.
EXCLUDED_PREFIXES = ("/api/docs",)
EXCLUDED_ENDPOINTS = frozenset({"spa.serve", "static"})


def new_user_body() -> dict[str, Any]:
    return registration_body("patient", password=DEFAULT_PASSWORD)
