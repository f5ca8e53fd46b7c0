"""The access log in words: each action names what was read or written, never clinical text."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_openapi3 import OpenAPI

from clinic360.audit.labels import (
    ACTION_LABELS,
    UNKNOWN_ACTION,
    describe,
    record_dates,
    summarise,
)
from clinic360.audit.models import AccessEvent, AuditAction
from clinic360.core.db import db
from tests.records.conftest import AddAppointment, People, create_record

ZONE = "Pacific/Kiritimati"  # UTC+14: the record's day there is often not the UTC day


def _record_day(created_at: str) -> str:
    day = datetime.fromisoformat(created_at).astimezone(ZoneInfo(ZONE))
    return f"Record of {day.day} {day:%b %Y}"


def test_each_action_names_what_was_read_in_the_patients_zone(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    p1, d1 = people.p1, people.d1
    add_appointment(p1, d1)
    p1.client.call("PUT", "/api/user", {"timezone": ZONE})
    record = create_record(d1, p1)
    d1.client.call("PUT", f"/api/records/{record['id']}", {"reason": "CANARY-reason"})
    d1.client.call("GET", f"/api/records/{p1.id}")
    p1.client.call("GET", f"/api/records/{record['id']}/history")
    d1.client.call("GET", f"/api/patients/{p1.id}")
    d1.client.call("GET", "/api/patients")
    assert p1.client.get(f"/api/patients/{p1.id}/fhir").status_code == 200

    response = p1.client.get("/api/access-log")
    assert response.status_code == 200
    named = _record_day(record["createdAt"])
    assert [(e["action"], e["description"]) for e in response.get_json()] == [
        ("fhir.export", "Full export (FHIR) — downloaded"),
        ("patient.list", "Your name in their patient list — shown"),
        ("patient.read", "Your patient summary — viewed"),
        ("record.read_history", f"{named} — version history viewed"),
        ("records.list", "Your medical records — viewed"),
        ("record.amend", f"{named} — amended"),
        ("record.create", f"{named} — written"),
    ]
    body = response.get_data(as_text=True)
    assert "CANARY" not in body  # no diagnosis, prescription, note or reason
    grouped = p1.client.get("/api/access-log/groups")
    assert "CANARY" not in grouped.get_data(as_text=True)
    descriptions = [e["description"] for g in grouped.get_json() for e in g["events"]]
    assert f"{named} — amended" in descriptions


def test_a_record_of_another_patient_is_never_named(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    """The look-up is per patient: a record id of someone else's resolves to nothing."""
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d1)
    mine = create_record(people.d1, people.p1)
    theirs = create_record(people.d1, people.p2)
    with app.app_context():
        found = record_dates(db.session(), people.p1.id, {mine["id"], theirs["id"], 987654})
    assert set(found) == {mine["id"]}


def test_every_action_has_words_and_an_unknown_one_still_reads() -> None:
    assert {action.value for action in AuditAction} <= set(ACTION_LABELS)
    assert describe("something.new", None) == "Your data — accessed"
    assert describe("something.new", "Record of 1 Dec 2026") == "Your data — accessed"
    assert describe("record.amend", None) == "A record — amended"
    assert describe("appointment.read_reason", None) == (
        "The reason you gave for an appointment — viewed"
    )
    assert summarise([("records.list", 3)]) == "viewed your medical records 3 times"
    assert summarise([("records.list", 2), ("x.y", 1), ("record.create", 1)]) == (
        "viewed your medical records twice, accessed your data and wrote a record"
    )
    assert UNKNOWN_ACTION.phrase == "accessed your data"


def test_an_action_without_words_still_reads_through_the_api(app: OpenAPI, people: People) -> None:
    """A row of an action this version has no words for (a newer one): named generically."""
    with app.app_context():
        db.session.add(
            AccessEvent(
                actor_id=people.d1.id,
                actor_role="doctor",
                patient_id=people.p1.id,
                action="imaging.read",
                record_id=12345,
            )
        )
        db.session.commit()
    [event] = people.p1.client.get("/api/access-log").get_json()
    assert (event["action"], event["description"]) == ("imaging.read", "Your data — accessed")
    [group] = people.p1.client.get("/api/access-log/groups").get_json()
    assert group["summary"] == "accessed your data"
