"""Family access (issue 22): a guardian acts for a dependent, a proxy for the patient who
granted them access, each only as far as the one rule (`accounts.family`) allows; all of
it in the patient's access log as "X on behalf of Y". Both databases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_openapi3 import OpenAPI

from clinic360.accounts.family import Capability
from tests.factories import Party, add_dependent, book_free_slot, grant_proxy
from tests.family.conftest import access_rows, outbox
from tests.helpers import ApiClient, problem, rendered_outbox_email
from tests.records.conftest import canary

Person = Callable[..., Party[ApiClient]]


def _record_for(doctor: Party[ApiClient], patient_id: int) -> dict[str, Any]:
    body = {
        "patientId": patient_id,
        "diagnosis": canary("DX"),
        "prescription": canary("RX"),
        "notes": canary("NOTE"),
    }
    record: dict[str, Any] = doctor.client.call("POST", "/api/records", body, status=201)
    return record


def test_a_parent_books_for_their_child_and_the_childs_log_shows_it(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    parent = person()
    child = add_dependent(parent, fullName="Tom Small")
    assert child["claimed"] is False and child["mayInvite"] is False

    booked = book_free_slot(parent, doctor, patientId=child["id"], reason=canary("REASON"))

    assert booked["patientId"] == child["id"] and booked["patient"]["fullName"] == "Tom Small"
    assert booked["bookedBy"] == {"id": parent.id, "fullName": parent.user["fullName"]}
    # The child's access log: the parent booked, on the child's behalf.
    assert access_rows(app, child["id"]) == [(parent.id, "appointment.book", child["id"])]
    # Doctors see who booked.
    seen = doctor.client.call("GET", f"/api/appointments/{booked['id']}")
    assert seen["bookedBy"]["id"] == parent.id and seen["patient"]["id"] == child["id"]
    # Emails about the child go to the parent's address.
    [row] = [r for r in outbox(app, "appointment_booked") if r.recipient_id == child["id"]]
    email = rendered_outbox_email(app, row.id)
    assert parent.user["email"] in email["to"] and "Tom Small" in email["to"]
    # The parent's own list is theirs; the child's is one `patientId` away (and logged).
    assert parent.client.call("GET", "/api/appointments") == []
    listed = parent.client.call("GET", f"/api/appointments?patientId={child['id']}")
    assert [a["id"] for a in listed] == [booked["id"]]
    assert access_rows(app, child["id"])[-1] == (parent.id, "appointments.list", child["id"])


def test_a_guardian_reads_and_cancels_the_dependents_appointment_and_reads_records(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    parent = person()
    child = add_dependent(parent)
    booked = book_free_slot(parent, doctor, patientId=child["id"])
    record = _record_for(doctor, child["id"])

    records = parent.client.call("GET", f"/api/records/{child['id']}")
    assert [r["id"] for r in records] == [record["id"]]
    cancelled = parent.client.call(
        "PUT", f"/api/appointments/{booked['id']}", {"status": "cancelled"}
    )
    assert cancelled["status"] == "cancelled"

    actions = [(actor, action) for actor, action, _ in access_rows(app, child["id"])]
    assert (parent.id, "records.list") in actions
    assert (parent.id, "appointment.change") in actions
    assert all(
        behalf == child["id"]
        for actor, _, behalf in access_rows(app, child["id"])
        if actor == parent.id
    )


def test_an_adult_daughter_with_booking_only_proxy_books_but_cannot_read_records(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    father, daughter = person(fullName="Frank Elder"), person(fullName="Dora Elder")
    grant = grant_proxy(father, daughter, Capability.APPOINTMENTS.value)
    assert grant["status"] == "active" and grant["capabilities"] == ["appointments"]

    booked = book_free_slot(daughter, doctor, patientId=father.id)
    assert booked["patientId"] == father.id and booked["bookedBy"]["id"] == daughter.id
    _record_for(doctor, father.id)

    problem(daughter.client.get(f"/api/records/{father.id}"), 403, "proxy_capability_missing")
    problem(daughter.client.get(f"/api/patients/{father.id}/allergies"), 403,
            "proxy_capability_missing")  # fmt: skip
    # The father reads his own log: his daughter booked on his behalf.
    log = father.client.call("GET", "/api/access-log")
    assert [(e["actor"]["fullName"], e["onBehalfOf"], e["description"]) for e in log] == [
        (doctor.user["fullName"], None, log[0]["description"]),  # the record written
        ("Dora Elder", "Frank Elder", "An appointment — booked for you"),
    ]
    groups = father.client.call("GET", "/api/access-log/groups")
    assert [g["onBehalfOf"] for g in groups] == [None, "Frank Elder"]


def test_a_pending_grant_does_nothing_until_accepted_and_both_sides_are_emailed(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    father, daughter = person(), person()
    grant = grant_proxy(father, daughter, "appointments", "records", accept=False)
    assert grant["status"] == "pending"
    problem(daughter.client.get(f"/api/records/{father.id}"), 403, "proxy_not_accepted")
    seen = daughter.client.call("GET", "/api/family")
    assert [g["id"] for g in seen["received"]] == [grant["id"]]
    assert [a["via"] for a in seen["actingFor"]] == ["self"]

    daughter.client.call("POST", f"/api/family/proxies/{grant['id']}/accept")
    assert daughter.client.call("GET", f"/api/records/{father.id}") == []
    acting = daughter.client.call("GET", "/api/family")["actingFor"]
    assert [(a["id"], a["via"]) for a in acting] == [(daughter.id, "self"), (father.id, "proxy")]
    for kind in ("family_access_granted", "family_access_accepted"):
        assert sorted(row.recipient_id for row in outbox(app, kind)) == sorted(
            [father.id, daughter.id]
        )
    email = rendered_outbox_email(app, outbox(app, "family_access_granted")[0].id)
    assert daughter.user["fullName"] in email["text/plain"]


def test_a_revoked_proxy_with_an_open_session_is_refused_at_once(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    father, daughter = person(), person()
    grant = grant_proxy(father, daughter, "appointments", "records", "messages")
    booked = book_free_slot(daughter, doctor, patientId=father.id)

    revoked = father.client.call("POST", f"/api/family/proxies/{grant['id']}/revoke")
    assert revoked["status"] == "revoked"

    # The same (still logged-in) browser, the very next request:
    problem(daughter.client.get(f"/api/records/{father.id}"), 403, "proxy_revoked")
    problem(
        daughter.client.post(
            "/api/appointments",
            json={"doctorId": doctor.id, "patientId": father.id,
                  "startTime": booked["startTime"]},
        ),
        403,
        "proxy_revoked",
    )  # fmt: skip
    problem(daughter.client.get(f"/api/appointments/{booked['id']}"), 404, "not_found")
    problem(daughter.client.get(f"/api/appointments?patientId={father.id}"), 403, "proxy_revoked")
    assert sorted(r.recipient_id for r in outbox(app, "family_access_revoked")) == sorted(
        [father.id, daughter.id]
    )
    # Revoked is revoked: again → 404; the proxy side may revoke its own grants too.
    problem(father.client.post(f"/api/family/proxies/{grant['id']}/revoke"), 404, "not_found")
    again = grant_proxy(father, daughter, "records")
    assert (
        daughter.client.call("POST", f"/api/family/proxies/{again['id']}/revoke")["status"]
        == "revoked"
    )
    problem(daughter.client.get(f"/api/records/{father.id}"), 403, "proxy_revoked")


def test_strangers_get_not_found_and_ids_are_no_oracle(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    parent, stranger = person(), person()
    child = add_dependent(parent)
    booked = book_free_slot(parent, doctor, patientId=child["id"])

    missing = problem(stranger.client.get("/api/records/999999"), 404, "not_found")
    assert problem(stranger.client.get(f"/api/records/{child['id']}"), 404, "not_found") == missing
    problem(stranger.client.get(f"/api/appointments/{booked['id']}"), 404, "not_found")
    problem(stranger.client.get(f"/api/appointments?patientId={child['id']}"), 404, "not_found")
    problem(
        stranger.client.post(
            "/api/appointments",
            json={"doctorId": doctor.id, "patientId": child["id"],
                  "startTime": booked["startTime"]},
        ),
        404,
        "not_found",
    )  # fmt: skip
    problem(stranger.client.post(f"/api/family/dependents/{child['id']}/invite",
                                 json={"email": "x@example.com"}), 404, "not_found")  # fmt: skip
    assert stranger.client.call("GET", "/api/family")["dependents"] == []
    # A doctor may not book through `patientId` (patients only), and a dependent cannot log in.
    problem(doctor.client.get(f"/api/appointments?patientId={child['id']}"), 404, "not_found")
    login = parent.client.another().post(
        "/api/login", json={"username": f"dependent-{child['id']}", "password": "x" * 12}
    )
    assert login.status_code == 401


def test_a_guardian_messages_the_dependents_doctor(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    parent = person()
    child = add_dependent(parent)
    book_free_slot(parent, doctor, patientId=child["id"])
    doctor.client.call("PUT", "/api/user", {"acceptsMessages": True})

    writable = parent.client.call("GET", f"/api/messages/doctors?patientId={child['id']}")
    assert [d["id"] for d in writable] == [doctor.id]
    assert parent.client.call("GET", "/api/messages/doctors") == []
    thread = parent.client.call(
        "POST",
        "/api/messages/threads",
        {"doctorId": doctor.id, "patientId": child["id"], "subject": canary("SUBJ"),
         "body": canary("BODY")},
        status=201,
    )  # fmt: skip
    tid = thread["thread"]["id"] if "thread" in thread else thread["id"]
    doctor.client.call(
        "POST", f"/api/messages/threads/{tid}/messages", {"body": canary("REPLY")}, status=201
    )
    assert parent.client.call("GET", "/api/messages/unread")["count"] == 1
    read = parent.client.call("GET", f"/api/messages/threads/{tid}")
    senders = [m["sender"] for m in read["messages"]]
    assert senders == ["patient", "clinic", "doctor"]

    rows = access_rows(app, child["id"])
    assert (parent.id, "message.write", child["id"]) in rows
    assert (doctor.id, "message.write", None) in rows
    assert (parent.id, "message.read_thread", child["id"]) in rows


def test_bad_family_input_is_refused_clearly(app: OpenAPI, person: Person) -> None:
    father, daughter = person(), person()
    problem(
        father.client.post("/api/family/proxies",
                           json={"account": "nobody-here", "capabilities": ["records"]}),
        422, "proxy_account_unknown",
    )  # fmt: skip
    problem(
        father.client.post("/api/family/proxies",
                           json={"account": father.username, "capabilities": ["records"]}),
        422, "proxy_account_unknown",
    )  # fmt: skip
    problem(
        father.client.post("/api/family/proxies",
                           json={"account": daughter.username, "capabilities": []}),
        422, "validation_error",
    )  # fmt: skip
    grant_proxy(father, daughter, "records", accept=False)
    problem(
        father.client.post("/api/family/proxies",
                           json={"account": daughter.user["email"], "capabilities": ["records"]}),
        409, "proxy_grant_exists",
    )  # fmt: skip
    problem(
        father.client.post("/api/family/dependents",
                           json={"fullName": "Baby", "dateOfBirth": "2999-01-01",
                                 "relationship": "child"}),
        422, "validation_error",
    )  # fmt: skip
    problem(
        father.client.post("/api/family/dependents",
                           json={"fullName": "Baby", "dateOfBirth": "2020-01-01",
                                 "relationship": "pet"}),
        422, "validation_error",
    )  # fmt: skip
