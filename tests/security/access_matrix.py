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
    query: str | None = None  # a query string the route needs (without "?")


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


WALK_IN = {"fullName": "Walk In Matrix", "email": "walk-in-matrix@example.org",
           "dateOfBirth": "1980-01-02"}  # fmt: skip
DAY = "from=2040-01-01T00:00:00Z&to=2040-01-08T00:00:00Z"
REPORT_RANGE = "from=2020-01-01&to=2020-12-31"
UPLOAD_RULE = "/api/patients/<int:id>/documents"
"""POST here sends a multipart upload (a tiny PDF), not a JSON body."""
ATTACHMENT_RULE = "/api/messages/threads/<int:id>/attachments"
"""POST here sends a message with a file (multipart: a tiny PDF and a body)."""
NEW_THREAD_FILE_RULE = "/api/messages/threads/attachments"
"""POST here starts a thread with a file (multipart: a tiny PDF and the row's body as fields)."""
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
    # OAuth apps (SMART on FHIR): the consent step and "my apps" need a session; the consent
    # of the matrix names no app (400: never redirected). /oauth2 and /fhir/R4 take bearer
    # tokens, not sessions: tests/security/test_bearer_matrix.py.
    Row("GET", "/api/oauth2/consent", (401,) + (400,) * 6),
    Row(
        "POST",
        "/api/oauth2/consent",
        (401,) + (400,) * 6,
        body={"request": "response_type=code", "approve": True},
    ),
    Row("GET", "/api/oauth2/apps", _logged_in(200)),
    Row(
        "DELETE",
        "/api/oauth2/apps/<int:id>",
        (401, 204, 404, 404, 404, 404, 404),
        path="authorized_app",
    ),
    Row("GET", "/api/admin/oauth-clients", (401, 403, 403, 403, 403, 403, 200)),
    Row(
        "DELETE",
        "/api/admin/oauth-clients/<int:id>",
        (401, 403, 403, 403, 403, 403, 204),
        path="spare_oauth_client",
    ),
    Row(
        "POST",
        "/api/admin/oauth-clients",
        (401, 403, 403, 403, 403, 403, 201),
        body={
            "name": "Matrix app",
            "grantTypes": ["client_credentials"],
            "scope": "system/Slot.rs",
        },
    ),
    # the admin users page (issue 21): the suspension is lifted again before the doctors'
    # own suspend row; a reset with a wrong password of the admin's is 422
    Row("GET", "/api/admin/users", (401, 403, 403, 403, 403, 403, 200)),
    Row(
        "POST",
        "/api/admin/users/<int:id>/suspend",
        (401, 403, 403, 403, 403, 403, 200),
        path="doctor_to_suspend",
        body={"reason": "CANARY-matrix-suspension"},
    ),
    Row(
        "POST",
        "/api/admin/users/<int:id>/reactivate",
        (401, 403, 403, 403, 403, 403, 200),
        path="doctor_to_suspend",
    ),
    Row(
        "POST",
        "/api/admin/users/<int:id>/mfa-reset",
        (401, 403, 403, 403, 403, 403, 422),
        path="doctor_to_suspend",
        body={"currentPassword": "not the password", "code": "000000"},
    ),
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
        "POST",
        NEW_THREAD_FILE_RULE,
        (401, 201, 403, 403, 403, 403, 403),
        body={"doctorId": "doctor", "subject": "CANARY-matrix", "body": "CANARY-matrix-attached"},
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
    Row("POST", ATTACHMENT_RULE, (401, 201, 404, 201, 404, 403, 403), path="thread"),
    Row(
        "GET",
        "/api/messages/<int:id>/attachment",  # a file P1 attached in a thread with D1
        (401, 200, 404, 200, 404, 403, 403),
        path="attached_message",
    ),
    Row(
        "POST",
        "/api/messages/<int:id>/retract",  # P1's message: the doctor may see it, not retract it
        (401, 200, 404, 403, 404, 403, 403),
        path="message",
    ),
    Row("GET", "/api/messages/unread", (401, 200, 200, 200, 200, 403, 403)),
    # live updates: a ticket naming the caller's own topics (tests/events)
    Row("GET", "/api/live/ticket", _logged_in(200)),
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
    Row("GET", "/api/patients/<int:id>/timeline", READ_PATIENT, path="patient"),
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
    # the front desk and the manager (issue 21): none of the seven principals is staff, so
    # every front-desk route is 403 here; STAFF_EXPECTED below holds the receptionist's and
    # the manager's columns of every route.
    Row("GET", "/api/frontdesk/patients", _logged_in(403), query="q=patient"),
    Row("POST", "/api/frontdesk/patients", _logged_in(403), body=WALK_IN),
    Row("GET", "/api/frontdesk/patients/<int:id>", _logged_in(403), path="patient"),
    Row("POST", "/api/frontdesk/patients/<int:id>/invitation", _logged_in(403), path="walk_in"),
    Row("GET", "/api/frontdesk/patients/<int:id>/appointments", _logged_in(403), path="patient"),
    Row("POST", "/api/frontdesk/appointments", _logged_in(403), body={}),  # body: a free slot
    Row("PUT", "/api/frontdesk/appointments/<int:id>", _logged_in(403), path="appointment",
        body={"status": "no_show"}),  # not yet started: the receptionist gets 409
    Row("GET", "/api/frontdesk/appointments", _logged_in(403), query=DAY),
    # the calendar: staff and admins any doctor, a doctor only themself (pending too)
    Row("GET", "/api/calendar", (401, 403, 403, 200, 200, 200, 200), query=DAY),
    Row("POST", "/api/admin/staff", (401, 403, 403, 403, 403, 403, 201), body={}),  # a new one
    Row("POST", "/api/invitations/claim", _every(400),
        body={"token": "1.not-a-token", "password": NEW_PASSWORD}),
    Row("GET", "/api/audit/events", (401, 403, 403, 403, 403, 403, 200)),
    # reports: admins (and managers, `reports.access.may_read_reports`) only
    *(
        Row("GET", rule, (401, 403, 403, 403, 403, 403, 200), query=REPORT_RANGE)
        for rule in (
            "/api/reports",
            "/api/reports/doctors.csv",
            "/api/reports/visit-types.csv",
            "/api/reports/days.csv",
        )
    ),
    # family access (issue 22): patients only; P1's dependent and P1's pending grant
    Row("GET", "/api/family", (401, 200, 200, 403, 403, 403, 403)),
    Row(
        "POST",
        "/api/family/dependents",
        (401, 201, 201, 403, 403, 403, 403),
        body={"fullName": "Matrix Kid", "dateOfBirth": "2020-02-03", "relationship": "child"},
    ),
    Row(
        "POST",
        "/api/family/dependents/<int:id>/invite",
        (401, 422, 404, 403, 403, 403, 403),  # P1's dependent is six: dependent_too_young
        path="dependent",
        body={"email": "matrix-kid@example.org"},
    ),
    Row(
        "POST",
        "/api/family/proxies",
        (401, 422, 422, 403, 403, 403, 403),  # an unknown account: proxy_account_unknown
        body={"account": "nobody-here", "capabilities": ["records"]},
    ),
    Row(
        "POST",
        "/api/family/proxies/<int:id>/accept",  # only the proxy accepts (not P1, the grantor)
        (401, 404, 404, 403, 403, 403, 403),
        path="proxy_grant",
    ),
    Row(
        "POST",
        "/api/family/proxies/<int:id>/revoke",  # either side; P1 revokes, then it is gone
        (401, 200, 404, 403, 403, 403, 403),
        path="proxy_grant",
    ),
    # the invitation link's token is the credential; a guessed one is 400 for everyone
    Row(
        "POST",
        "/api/family/claim",
        _every(400),
        body={"token": "guessed-token-0123456789", "username": "claimer", "password": NEW_PASSWORD},
    ),
)  # fmt: skip

STAFF = ("receptionist", "manager")
"""Principals beyond the seven columns: a receptionist and a manager (tests/security/
test_staff_access.py runs every row as each). A column per principal would touch every row;
instead each route's staff answers are listed here once, and a route missing here fails."""
_DESK = {"receptionist": 0, "manager": 1}
_NONE = (403, 403)
_OWN = (200, 200)


def _staff(rows: dict[str, tuple[int, int]]) -> dict[tuple[str, str], tuple[int, int]]:
    return {(key.split(" ", 1)[0], key.split(" ", 1)[1]): value for key, value in rows.items()}


# Served by the framework, not the API: the docs UI assets and the SPA catch-all.
EXCLUDED_PREFIXES = ("/api/docs", "/fhir/", "/oauth2/")  # bearer: test_bearer_matrix.py
EXCLUDED_ENDPOINTS = frozenset({"spa.serve", "static"})


def new_user_body() -> dict[str, Any]:
    return registration_body("patient", password=DEFAULT_PASSWORD)


STAFF_EXPECTED: dict[tuple[str, str], tuple[int, int]] = _staff(
    {  # "METHOD rule": (receptionist, manager)
        "GET /api/health": (200, 200),
        "GET /api/calendar": (200, 403),
        "GET /api/csrf": (200, 200),
        "GET /api/openapi.json": (200, 200),
        "POST /api/register": (201, 201),
        "POST /api/login": (200, 200),
        "POST /api/login/mfa": (401, 401),
        "POST /api/user/mfa/setup": (200, 200),
        "POST /api/user/mfa/confirm": (422, 422),
        "POST /api/logout": (204, 204),
        "GET /api/user": (200, 200),
        "PUT /api/user": (200, 200),
        "POST /api/user/password": (422, 422),
        "POST /api/password-reset": (202, 202),
        "POST /api/password-reset/confirm": (400, 400),
        "GET /api/admin/doctors": (403, 403),
        "POST /api/admin/doctors/<int:id>/approve": (403, 403),
        "POST /api/admin/doctors/<int:id>/suspend": (403, 403),
        "GET /api/specializations": (200, 200),
        "GET /api/admin/specializations": (403, 403),
        "POST /api/admin/specializations": (403, 403),
        "PUT /api/admin/specializations/<int:id>": (403, 403),
        "GET /api/closures": (200, 200),
        "GET /api/admin/closures": (403, 403),
        "POST /api/admin/closures": (403, 403),
        "POST /api/admin/closures/import": (403, 403),
        "DELETE /api/admin/closures/<int:closure_id>": (403, 403),
        "POST /api/schedule": (403, 403),
        "POST /api/schedule/weekly": (403, 403),
        "GET /api/schedule": (403, 403),
        "PUT /api/schedule/<int:entry_id>": (403, 403),
        "DELETE /api/schedule/<int:entry_id>": (403, 403),
        "GET /api/doctors": (200, 200),
        "GET /api/doctors/<int:doctor_id>": (200, 200),
        "GET /api/doctors/<int:doctor_id>/schedule": (200, 200),
        "GET /api/doctors/<int:doctor_id>/slots": (200, 200),
        "GET /api/slots": (200, 200),
        "GET /api/visit-types": (403, 403),
        "POST /api/visit-types": (403, 403),
        "PUT /api/visit-types/<int:visit_type_id>": (403, 403),
        "DELETE /api/visit-types/<int:visit_type_id>": (403, 403),
        "GET /api/doctors/<int:doctor_id>/visit-types": (200, 200),
        "GET /api/messages/threads": (403, 403),
        "POST /api/messages/threads": (403, 403),
        "POST /api/messages/threads/attachments": (403, 403),
        "GET /api/messages/threads/<int:id>": (403, 403),
        "POST /api/messages/threads/<int:id>/messages": (403, 403),
        "POST /api/messages/<int:id>/retract": (403, 403),
        "GET /api/messages/unread": (403, 403),
        "GET /api/live/ticket": (200, 200),
        "GET /api/admin/users": (403, 403),
        "POST /api/admin/users/<int:id>/mfa-reset": (403, 403),
        "POST /api/admin/users/<int:id>/reactivate": (403, 403),
        "POST /api/admin/users/<int:id>/suspend": (403, 403),
        "GET /api/appointments/<int:id>/intake": (403, 403),
        "GET /api/appointments/<int:id>/intake/versions": (403, 403),
        "PUT /api/appointments/<int:id>/intake": (403, 403),
        "POST /api/appointments/<int:id>/intake/take": (403, 403),
        "GET /api/manage/<token>/intake": (404, 404),
        "PUT /api/manage/<token>/intake": (404, 404),
        "GET /api/visit-types/<int:visit_type_id>/questions": (403, 403),
        "PUT /api/visit-types/<int:visit_type_id>/questions": (403, 403),
        "GET /api/family": (403, 403),
        "POST /api/family/claim": (400, 400),
        "POST /api/family/dependents": (403, 403),
        "POST /api/family/dependents/<int:id>/invite": (403, 403),
        "POST /api/family/proxies": (403, 403),
        "POST /api/family/proxies/<int:id>/accept": (403, 403),
        "POST /api/family/proxies/<int:id>/revoke": (403, 403),
        "GET /api/messages/<int:id>/attachment": (403, 403),
        "POST /api/messages/threads/<int:id>/attachments": (403, 403),
        "GET /api/patients/<int:id>/timeline": (403, 403),
        "GET /api/oauth2/consent": (400, 400),
        "POST /api/oauth2/consent": (400, 400),
        "GET /api/oauth2/apps": (200, 200),
        "DELETE /api/oauth2/apps/<int:id>": (404, 404),
        "GET /api/admin/oauth-clients": (403, 403),
        "DELETE /api/admin/oauth-clients/<int:id>": (403, 403),
        "POST /api/admin/oauth-clients": (403, 403),
        "GET /api/reports": (403, 200),
        "GET /api/reports/doctors.csv": (403, 200),
        "GET /api/reports/visit-types.csv": (403, 200),
        "GET /api/reports/days.csv": (403, 200),
        "GET /api/messages/doctors": (403, 403),
        "POST /api/messages/threads/<int:id>/close": (403, 403),
        "PUT /api/messages/threads/<int:id>/block": (403, 403),
        "DELETE /api/messages/threads/<int:id>/block": (403, 403),
        "GET /api/access-log/groups": (403, 403),
        "GET /api/appointments": (200, 200),
        "GET /api/appointments.ics": (200, 200),
        "GET /api/attendance": (403, 403),
        "GET /api/calendar-feed": (200, 200),
        "POST /api/calendar-feed": (201, 201),
        "DELETE /api/calendar-feed": (204, 204),
        "GET /api/calendar/<token>.ics": (404, 404),
        "GET /api/manage/<token>": (404, 404),
        "POST /api/manage/<token>/confirm": (404, 404),
        "POST /api/manage/<token>/cancel": (404, 404),
        "GET /api/manage/<token>/alternatives": (404, 404),
        "POST /api/manage/<token>/reschedule": (404, 404),
        "GET /api/waitlist": (403, 403),
        "POST /api/waitlist": (403, 403),
        "DELETE /api/waitlist/<int:id>": (403, 403),
        "GET /api/claim/<token>": (404, 404),
        "POST /api/claim/<token>": (404, 404),
        "GET /api/appointments/<int:id>": (200, 404),
        "GET /api/appointments/<int:id>.ics": (404, 404),
        "POST /api/appointments": (403, 403),
        "POST /api/doctor/appointments": (403, 403),
        "POST /api/series": (403, 403),
        "GET /api/series/<int:id>": (404, 404),
        "POST /api/series/<int:id>/cancel": (403, 403),
        "PUT /api/appointments/<int:id>": (403, 403),
        "POST /api/records": (403, 403),
        "GET /api/records/<int:id>": (403, 403),
        "PUT /api/records/<int:id>": (403, 403),
        "GET /api/records/<int:id>/history": (403, 403),
        "GET /api/patients": (403, 403),
        "GET /api/patients/<int:id>": (403, 403),
        "GET /api/patients/<int:id>/fhir": (403, 403),
        "GET /api/patients/<int:id>/allergies": (403, 403),
        "POST /api/patients/<int:id>/allergies": (403, 403),
        "PUT /api/patients/<int:id>/allergies/<int:item_id>": (403, 403),
        "GET /api/patients/<int:id>/allergies/<int:item_id>/history": (403, 403),
        "GET /api/patients/<int:id>/problems": (403, 403),
        "POST /api/patients/<int:id>/problems": (403, 403),
        "PUT /api/patients/<int:id>/problems/<int:item_id>": (403, 403),
        "GET /api/patients/<int:id>/problems/<int:item_id>/history": (403, 403),
        "GET /api/patients/<int:id>/medications": (403, 403),
        "POST /api/patients/<int:id>/medications": (403, 403),
        "PUT /api/patients/<int:id>/medications/<int:item_id>": (403, 403),
        "GET /api/patients/<int:id>/medications/<int:item_id>/history": (403, 403),
        "GET /api/patients/<int:id>/vitals": (403, 403),
        "POST /api/patients/<int:id>/vitals": (403, 403),
        "PUT /api/patients/<int:id>/vitals/<int:item_id>": (403, 403),
        "GET /api/patients/<int:id>/vitals/<int:item_id>/history": (403, 403),
        "GET /api/patients/<int:id>/summary": (403, 403),
        "GET /api/patients/<int:id>/documents": (403, 403),
        "POST /api/patients/<int:id>/documents": (403, 403),
        "PUT /api/patients/<int:id>/documents/<int:document_id>": (403, 403),
        "GET /api/patients/<int:id>/documents/<int:document_id>/content": (403, 403),
        "GET /api/access-log": (403, 403),
        "GET /api/frontdesk/patients": (200, 403),
        "POST /api/frontdesk/patients": (201, 403),
        "GET /api/frontdesk/patients/<int:id>": (200, 403),
        "POST /api/frontdesk/patients/<int:id>/invitation": (204, 403),
        "GET /api/frontdesk/patients/<int:id>/appointments": (200, 403),
        "POST /api/frontdesk/appointments": (201, 403),
        "PUT /api/frontdesk/appointments/<int:id>": (409, 403),
        "GET /api/frontdesk/appointments": (200, 403),
        "POST /api/admin/staff": (403, 403),
        "POST /api/invitations/claim": (400, 400),
        "GET /api/audit/events": (403, 200),
    }
)  # fmt: skip
"""Reading it: staff reach public reads, their own profile and sessions (their calendar
feed is empty: they are party to no appointment), never a chart, record, document, message
or access log (403 from `records.care` and the patient-only routes), never an admin route.
The receptionist reaches the front desk and reads any appointment (no reason, no video link:
`reasons.present`); the manager reads the audit trail."""
