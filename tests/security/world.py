"""The cast of the access-control tests, built through the API.

Principals (SECURITY.md AC-01): anonymous, patient (P1), other patient (P2), doctor with a
care relationship to P1 (D1), doctor without (D2), pending doctor (D3), admin. D1 and D2
have weekly schedules; P1 has an appointment with D1 and P2 one with D2 (booked through
POST /api/appointments); D1 wrote a record for P1, one entry in each of P1's chart
lists, and uploaded a document (`document`) to P1's record.
D1 accepts messages: P1 wrote to D1 in two threads (`thread`; `retract_thread`, which D1
never opens, holding `message`). P1 waits on D1's waiting list (`waitlist_entry`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask_openapi3 import OpenAPI

from tests.factories import (
    Party,
    admin_party,
    book_free_slot,
    ensure_specialization,
    new_party,
    open_hours,
    register,
    set_intake_questions,
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
    ids = {
        "series": series["id"],
        "document": document["id"],
        "thread": threads[0]["id"],
        "retract_thread": threads[1]["id"],
        "message": threads[1]["messages"][0]["id"],
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
