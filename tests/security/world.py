"""The cast of the access-control tests, built through the API.

Principals (SECURITY.md AC-01): anonymous, patient (P1), other patient (P2), doctor with a
care relationship to P1 (D1), doctor without (D2), pending doctor (D3), admin. D1 and D2
have weekly schedules; P1 has an appointment with D1 and P2 one with D2 (booked through
POST /api/appointments); D1 wrote a record for P1, one entry in each of P1's chart
lists, and uploaded a document (`document`) to P1's record. Beyond the seven: a
receptionist, a manager, and `walk_in`, a patient the receptionist registered.
D1 accepts messages: P1 wrote to D1 in two threads (`thread`; `retract_thread`, which D1
never opens, holding `message`), and sent D1 a file in `thread` (`attached_message`).
P1 waits on D1's waiting list (`waitlist_entry`).
Family access (issue 22): P1 has a six-year-old dependent (`dependent`) and offered proxy
access to a patient outside the cast (`proxy_grant`, pending).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask_openapi3 import OpenAPI

from tests.factories import (
    Party,
    add_dependent,
    admin_party,
    authorization_code,
    book_free_slot,
    ensure_specialization,
    grant_proxy,
    new_party,
    open_hours,
    pkce_pair,
    register,
    register_app,
    send_message_file,
    set_intake_questions,
    staff_party,
    upload_document,
)
from tests.helpers import ApiClient

PRINCIPALS = (
    "anonymous",
    "patient",
    "other_patient",
    "doctor",
    "doctor_unrelated",
    "pending_doctor",
    "admin",
)
CANARY = "CANARY-world"
_PARAM = re.compile(r"<(?:\w+:)?\w+>")
# A valid new entry of each chart list, clinical text seeded with the canary.
CHART_BODIES = {
    "allergies": {"substance": f"{CANARY}-substance", "reaction": f"{CANARY}-reaction"},
    "problems": {"condition": f"{CANARY}-condition"},
    "medications": {"name": f"{CANARY}-medication", "dose": f"{CANARY}-dose"},
    "vitals": {"takenAt": "2025-06-01T08:00:00Z", "systolic": 121, "diastolic": 79},
}


@dataclass
class World:
    app: OpenAPI
    by_name: dict[str, Party[ApiClient]]
    ids: dict[str, int]

    def __getitem__(self, name: str) -> Party[ApiClient]:
        return self.by_name[name]


def build_world(app: OpenAPI) -> World:
    people: dict[str, Party[ApiClient]] = {"anonymous": Party(ApiClient(app))}
    for name, role in (
        ("patient", "patient"),
        ("other_patient", "patient"),
        ("doctor", "doctor"),
        ("doctor_unrelated", "doctor"),
    ):
        people[name] = new_party(ApiClient(app), role)
    app.config["DOCTOR_APPROVAL"] = "required"
    people["pending_doctor"] = new_party(ApiClient(app), "doctor")
    to_suspend = register(ApiClient(app), "doctor")
    app.config["DOCTOR_APPROVAL"] = "auto"
    people["admin"] = admin_party(app)

    d1 = people["doctor"]
    entries = open_hours(d1)
    open_hours(people["doctor_unrelated"])
    spare_entry = d1.client.call(
        "POST",
        "/api/schedule",
        {"date": "2040-01-02", "startTime": "08:00", "endTime": "09:00"},
        status=201,
    )
    [default_type] = d1.client.call("GET", "/api/visit-types")
    visit_type = d1.client.call(
        "POST", "/api/visit-types", {"name": "Follow-up", "durationMinutes": 15}, status=201
    )
    # D1's default type asks one intake question (issue 19); P1 answers it before the visit.
    [question] = set_intake_questions(
        d1, [{"kind": "text", "prompt": "Any allergies?", "mapsTo": "allergies"}]
    )
    reason = {"reason": f"{CANARY}-reason"}
    appointment = book_free_slot(people["patient"], d1, index=1, **reason)
    book_free_slot(people["other_patient"], people["doctor_unrelated"], index=2, **reason)
    intake = {"answers": [{"questionId": question["id"], "value": f"{CANARY}-intake-answer"}]}
    people["patient"].client.call("PUT", f"/api/appointments/{appointment['id']}/intake", intake)
    record = d1.client.call(
        "POST",
        "/api/records",
        {
            "patientId": people["patient"].id,
            "diagnosis": f"{CANARY}-diagnosis",
            "notes": f"{CANARY}-notes",
        },
        status=201,
    )
    d1.client.call("PUT", "/api/user", {"acceptsMessages": True})
    threads = [
        people["patient"].client.call(
            "POST",
            "/api/messages/threads",
            {"doctorId": d1.id, "subject": f"{CANARY}-subject", "body": f"{CANARY}-message"},
            status=201,
        )
        for _ in range(2)
    ]
    # A file P1 sent D1 in the first thread (issue 22), its name and text canaries.
    attached = send_message_file(
        people["patient"].client,
        f"/api/messages/threads/{threads[0]['id']}/attachments",
        name=f"{CANARY}-scan.pdf",
        body=f"{CANARY}-attached",
    )
    assert attached.status_code == 201, attached.get_data(as_text=True)
    waitlist_entry = people["patient"].client.call(
        "POST",
        "/api/waitlist",
        {"doctorId": d1.id, "dateFrom": "2040-01-02", "dateTo": "2040-01-09", "parts": ["morning"]},
        status=201,
    )
    chart = {
        kind: d1.client.call(
            "POST", f"/api/patients/{people['patient'].id}/{kind}", body, status=201
        )
        for kind, body in CHART_BODIES.items()
    }
    # A lab result D1 attached to P1's record (issue 19), its title seeded with the canary.
    document = upload_document(d1, people["patient"].id, title=f"{CANARY}-document-title")
    # A weekly series D1 booked for P1 (issue 17), at the last free time of the week.
    last = people["patient"].client.call("GET", f"/api/doctors/{d1.id}/slots")[-1]
    series = d1.client.call(
        "POST",
        "/api/series",
        {"patientId": people["patient"].id, "startTime": last["startTime"], "everyWeeks": 1,
         "count": 2},
        status=201,
    )  # fmt: skip
    # The front desk (issue 21): a receptionist and a manager, beyond the seven principals
    # (not in PRINCIPALS: tests/security/test_staff_access.py runs them), and a patient the
    # desk registered who has not claimed the account yet.
    people["receptionist"] = staff_party(app, "receptionist")
    people["manager"] = staff_party(app, "manager")
    walk_in = people["receptionist"].client.call(
        "POST",
        "/api/frontdesk/patients",
        {"fullName": "World Walk-In", "email": "world-walk-in@example.org",
         "dateOfBirth": "1970-07-07"},
        status=201,
    )  # fmt: skip
    # P1 authorized a SMART app (issue 20): their consent is theirs to list and revoke.
    smart_app = register_app(app, grant_types=("authorization_code",), scope="user/Slot.rs")
    authorization_code(people["patient"], smart_app, "user/Slot.rs", pkce_pair()[1])
    authorized = people["patient"].client.call("GET", "/api/oauth2/apps")["items"][0]
    register_app(app)  # a system app an admin may revoke
    registered = people["admin"].client.call("GET", "/api/admin/oauth-clients")["items"]
    dependent = add_dependent(people["patient"], years=6)
    proxy_grant = grant_proxy(
        people["patient"], new_party(ApiClient(app)), "appointments", accept=False
    )
    ids = {
        "walk_in": walk_in["id"],
        "authorized_app": authorized["id"],
        "spare_oauth_client": registered[-1]["id"],
        "dependent": dependent["id"],
        "proxy_grant": proxy_grant["id"],
        "series": series["id"],
        "document": document["id"],
        "thread": threads[0]["id"],
        "retract_thread": threads[1]["id"],
        "message": threads[1]["messages"][0]["id"],
        "attached_message": attached.get_json()["id"],
        **{kind: entry["id"] for kind, entry in chart.items()},
        "entry": entries[0]["id"],
        "spare_entry": spare_entry["id"],
        "appointment": appointment["id"],
        "intake_question": question["id"],
        "waitlist_entry": waitlist_entry["id"],
        "record": record["id"],
        "doctor_to_suspend": to_suspend["id"],
        "visit_type": visit_type["id"],
        "default_visit_type": default_type["id"],
        "specialization": ensure_specialization(app, "Rheumatology"),
        "closure": people["admin"].client.call(
            "POST", "/api/admin/closures", {"date": "2042-01-01", "name": "World"}, status=201
        )["id"],
    }
    return World(app, people, ids)


def body_value(world: World, value: Any) -> Any:
    """A row's body value: a principal's name is their user id; `id:<key>` one of the world's
    ids; anything else as it is."""
    if isinstance(value, str) and value in world.by_name:
        return world[value].id
    if isinstance(value, str) and value.startswith("id:"):
        return world.ids[value[3:]]
    return value


def world_id(world: World, key: str) -> int:
    """The id a row's `path` key names: one of the world's ids, or a principal's user id."""
    target = world.ids.get(key)
    return target if target is not None else world[key].id


def fill_path(rule: str, ids: list[int]) -> str:
    """`rule` with its ids filled in order; one id fills them all."""
    found = iter(ids if len(ids) > 1 else ids * len(_PARAM.findall(rule)))
    return _PARAM.sub(lambda _: str(next(found)), rule)
