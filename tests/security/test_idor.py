"""AC-02, AC-03, AC-08: every route that takes an id answers "not yours" exactly like "does
not exist" (same status, same body), and never with another user's data."""

from __future__ import annotations

import re
from typing import Any

from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from tests.factories import send_message_file, send_upload
from tests.helpers import ApiClient
from tests.security.access_matrix import (
    ATTACHMENT_RULE,
    NEW_THREAD_FILE_RULE,
    ROWS,
    UPLOAD_RULE,
)
from tests.security.test_access_matrix import app_routes
from tests.security.world import CANARY, body_value, build_world, fill_path, world_id

_PARAM = re.compile(r"<(?:\w+:)?\w+>")
MISSING_ID = 987_654_321
INTRUDERS = ("other_patient", "doctor_unrelated", "pending_doctor", "admin")
# Ids that are public by design (an approved doctor's profile, slots and schedule) or
# reachable only by admins (who manage doctors and the list of specializations by id): no
# "not yours" exists there.
NOT_PRIVATE = frozenset(
    {
        "/api/doctors/<int:doctor_id>",
        "/api/doctors/<int:doctor_id>/schedule",
        "/api/doctors/<int:doctor_id>/slots",
        "/api/doctors/<int:doctor_id>/visit-types",
        "/api/admin/doctors/<int:id>/approve",
        "/api/admin/doctors/<int:id>/suspend",
        "/api/admin/users/<int:id>/suspend",
        "/api/admin/users/<int:id>/reactivate",
        "/api/admin/users/<int:id>/mfa-reset",
        "/api/admin/specializations/<int:id>",
        "/api/admin/closures/<int:closure_id>",
        "/api/admin/oauth-clients/<int:id>",
    }
)
ADMIN_MANAGES = frozenset(
    {"/api/visit-types/<int:visit_type_id>", "/api/visit-types/<int:visit_type_id>/questions"}
)
"""Routes where admins act on any doctor's rows by design: swept for the other intruders."""


def test_every_route_with_an_id_is_swept(app: OpenAPI) -> None:
    with_ids = {(m, r) for m, r in app_routes(app) if _PARAM.search(r)}
    swept = {(row.method, row.rule) for row in ROWS if row.path} - {
        (m, r) for m, r in with_ids if r in NOT_PRIVATE
    }
    assert with_ids - {(m, r) for m, r in with_ids if r in NOT_PRIVATE} == swept


def test_not_yours_looks_exactly_like_does_not_exist(app: OpenAPI) -> None:
    world = build_world(app)
    leaks = []
    for row in ROWS:
        if not row.path or row.rule in NOT_PRIVATE:
            continue
        victim = [world_id(world, key) for key in row.path.split("+")]
        body: dict[str, Any] | None = None
        if row.body is not None:
            body = {k: body_value(world, v) for k, v in row.body.items()}
        for name in INTRUDERS:
            if name == "admin" and row.rule in ADMIN_MANAGES:
                continue
            client = world[name].client
            answers = [_send(client, row.method, row.rule, target, body)
                       for target in (victim, [MISSING_ID])]  # fmt: skip
            mine, missing = answers
            text = mine.get_data(as_text=True)
            if mine.status_code not in (403, 404) or CANARY in text:
                leaks.append(f"{row.method} {row.rule} as {name}: {mine.status_code} {text[:200]}")
            elif (mine.status_code, mine.get_json()) != (missing.status_code, missing.get_json()):
                leaks.append(
                    f"{row.method} {row.rule} as {name}: existence oracle "
                    f"{mine.status_code} {mine.get_json()} vs {missing.status_code} "
                    f"{missing.get_json()}"
                )
    assert not leaks, "\n".join(leaks)


def _send(
    client: ApiClient, method: str, rule: str, target: list[int], body: dict[str, Any] | None
) -> TestResponse:
    path = fill_path(rule, target)
    if method == "GET":
        return client.get(path)
    if rule == UPLOAD_RULE and method == "POST":  # a multipart upload (issue 19)
        return send_upload(client, path)
    if rule == ATTACHMENT_RULE and method == "POST":  # a message with a file (issue 22)
        return send_message_file(client, path)
    return client._unsafe(method, path, body)


# Readable without a session (issue 24 item 16): a guest browses doctors and free times, and
# picks from the list of specializations.
PUBLIC_READS = frozenset(
    {
        "/api/doctors",
        "/api/doctors/<int:doctor_id>",
        "/api/doctors/<int:doctor_id>/slots",
        "/api/doctors/<int:doctor_id>/visit-types",  # the types offered online (issue 17)
        "/api/slots",
        "/api/specializations",  # the clinic's list (issue 24 item 10)
        "/api/closures",  # the dates the clinic is closed (issue 17)
    }
)


def test_public_reads_are_exactly_these_and_hold_nothing_private(app: OpenAPI) -> None:
    """AC-01/LOG-01 for guests: the routes anonymous callers may read with data are the public
    directory, free slots and the specializations only, and their bodies name no patient,
    reason or record."""
    service = {"/api/health", "/api/csrf", "/api/openapi.json"}  # no user data at all
    public = {r.rule for r in ROWS if r.method == "GET" and r.expected[0] == 200} - service
    assert public == PUBLIC_READS
    world = build_world(app)
    guest = world["anonymous"].client
    patients = [world[name].user for name in ("patient", "other_patient")]
    secrets = [CANARY, "@example.org"] + [p[k] for p in patients for k in ("username", "fullName")]
    for rule in sorted(PUBLIC_READS):
        answer = guest.get(_PARAM.sub(str(world["doctor"].id), rule))
        assert answer.status_code == 200, (rule, answer.get_data(as_text=True))
        text = answer.get_data(as_text=True)
        assert not [secret for secret in secrets if secret in text], rule


# The routes that name a patient in the query (family access, issue 22): `patientId` is a
# patient the caller acts for; anyone else's answers exactly like a missing one.
QUERY_PATIENT_ROUTES = (
    "/api/appointments",
    "/api/access-log",
    "/api/access-log/groups",
    "/api/messages/doctors",
    "/api/waitlist",
)


def test_a_patient_id_in_the_query_is_no_oracle(app: OpenAPI) -> None:
    world = build_world(app)
    victim = world["patient"].id
    leaks = []
    for path in QUERY_PATIENT_ROUTES:
        client = world["other_patient"].client
        mine, missing = (client.get(f"{path}?patientId={target}")
                         for target in (victim, MISSING_ID))  # fmt: skip
        text = mine.get_data(as_text=True)
        if mine.status_code != 404 or CANARY in text:
            leaks.append(f"GET {path}?patientId as other_patient: {mine.status_code} {text[:200]}")
        elif mine.get_json() != missing.get_json() or missing.status_code != 404:
            leaks.append(f"GET {path}?patientId: existence oracle {mine.get_json()}")
    assert not leaks, "\n".join(leaks)


def test_a_patient_id_in_a_message_body_is_no_oracle(app: OpenAPI) -> None:
    """`patientId` in the body of a new thread, JSON or multipart with a file (issue 22): a
    patient the caller does not act for answers exactly like a missing one."""
    world = build_world(app)
    client = world["other_patient"].client
    base = {"doctorId": world["doctor"].id, "subject": f"{CANARY}-subject"}
    leaks = []
    for multipart in (False, True):
        answers = []
        for target in (world["patient"].id, MISSING_ID):
            fields = {**base, "patientId": target}
            if multipart:
                answer = send_message_file(client, NEW_THREAD_FILE_RULE, body=CANARY, fields=fields)
            else:
                answer = client.post("/api/messages/threads", {**fields, "body": CANARY})
            answers.append(answer)
        mine, missing = answers
        text = mine.get_data(as_text=True)
        if mine.status_code != 404 or CANARY in text or world["patient"].user["fullName"] in text:
            leaks.append(f"multipart={multipart}: {mine.status_code} {text[:200]}")
        elif (mine.get_json(), missing.status_code) != (missing.get_json(), 404):
            leaks.append(f"multipart={multipart}: existence oracle {mine.get_json()}")
    assert not leaks, "\n".join(leaks)


def test_a_doctor_cannot_read_another_doctors_calendar(app: OpenAPI) -> None:
    """The calendar takes doctor ids in its query (`doctorIds`): for any doctor but the
    caller, another doctor's id answers exactly like a missing one, with nobody's data."""
    world = build_world(app)
    victim = world["doctor"].id
    for name in ("doctor_unrelated", "pending_doctor"):
        client = world[name].client
        base = "/api/calendar?from=2040-01-01T00:00:00Z&to=2040-01-02T00:00:00Z&doctorIds="
        mine, missing = client.get(f"{base}{victim}"), client.get(f"{base}{MISSING_ID}")
        assert mine.status_code == 404 and CANARY not in mine.get_data(as_text=True)
        assert (mine.status_code, mine.get_json()) == (missing.status_code, missing.get_json())
