"""The patient timeline (GET /api/patients/:id/timeline): every kind merged newest first,
keyset pages that neither repeat nor skip, the care rule, one access-log row per page; and a
record's prescription added to the medication list in the same step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select

from clinic360.audit.models import AccessEvent
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.records.chart_models import ChartEntry
from clinic360.records.models import MedicalRecord
from tests.factories import Party, admin_party, upload_document
from tests.helpers import ApiClient, problem
from tests.records.conftest import AddAppointment, People, canary, create_record
from tests.records.test_chart_lists import add


def _timeline(reader: Party[ApiClient], patient_id: int, **query: Any) -> dict[str, Any]:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    page: dict[str, Any] = reader.client.call(
        "GET", f"/api/patients/{patient_id}/timeline?{params}"
    )
    return page


def _all_pages(reader: Party[ApiClient], patient_id: int, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = _timeline(reader, patient_id, limit=limit)
    while True:
        assert len(page["items"]) <= limit
        items += page["items"]
        if page["nextBefore"] is None:
            return items
        page = _timeline(reader, patient_id, limit=limit, before=page["nextBefore"])


def _seed(people: People, add_appointment: AddAppointment) -> dict[str, Any]:
    """P1's history: a past visit with D1 and one with D2, a record (amended), an allergy
    (amended), a problem, a medication, two vitals, a document."""
    now = utcnow()
    visit1 = add_appointment(
        people.p1, people.d1, start=now - timedelta(days=30), status="completed"
    )
    visit2 = add_appointment(
        people.p1, people.d2, start=now - timedelta(days=20), status="completed"
    )
    record = create_record(people.d1, people.p1)
    people.d1.client.call(
        "PUT", f"/api/records/{record['id']}", {"notes": canary("NOTE2"), "reason": "typo"}
    )
    allergy = add(people.d1, people.p1, "allergies")
    people.d1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/allergies/{allergy['id']}",
        {"severity": "mild", "reason": "re-assessed"},
    )
    add(people.d2, people.p1, "problems")
    add(people.d1, people.p1, "medications")
    add(people.d1, people.p1, "vitals", takenAt=(now - timedelta(days=2)).isoformat())
    add(people.d1, people.p1, "vitals", takenAt=(now - timedelta(days=1)).isoformat())
    document = upload_document(people.d1, people.p1.id, title=canary("DOC"), kind="lab_result")
    return {"visits": (visit1, visit2), "record": record, "allergy": allergy, "doc": document}


def test_every_kind_newest_first_in_keyset_pages_without_repeats_or_gaps(
    people: People, add_appointment: AddAppointment
) -> None:
    seeded = _seed(people, add_appointment)
    whole = _timeline(people.p1, people.p1.id)
    assert whole["nextBefore"] is None
    items = whole["items"]
    kinds = [item["kind"] for item in items]
    assert sorted(kinds) == sorted(
        ["visit", "visit", "record", "record_amended", "allergy", "allergy", "problem",
         "medication", "vital", "vital", "document"]
    )  # fmt: skip
    ats = [item["at"] for item in items]
    assert ats == sorted(ats, reverse=True)
    assert items[-1]["visit"]["id"] == seeded["visits"][0]  # the oldest
    by_key = {item["key"]: item for item in items}
    record_id, allergy_id = seeded["record"]["id"], seeded["allergy"]["id"]
    amended = by_key[f"record_amended:{record_id}:2"]
    assert amended["amendment"]["reason"] == "typo" and amended["changed"] == ["notes"]
    assert by_key[f"record:{record_id}"]["record"]["version"] == 2
    assert by_key[f"allergy:{allergy_id}:2"]["changed"] == ["severity"]
    assert by_key[f"allergy:{allergy_id}:1"]["changed"] is None
    assert by_key[f"allergy:{allergy_id}:1"]["allergy"]["severity"] == "severe"
    assert by_key[f"document:{seeded['doc']['id']}"]["document"]["kind"] == "lab_result"
    assert items[0]["kind"] == "document"
    for limit in (1, 2, 3, 5):
        assert [i["key"] for i in _all_pages(people.p1, people.p1.id, limit)] == list(by_key)


def test_a_doctor_sees_only_their_own_visits_and_all_of_the_chart(
    people: People, add_appointment: AddAppointment
) -> None:
    seeded = _seed(people, add_appointment)
    items = _timeline(people.d1, people.p1.id)["items"]
    visits = [item["visit"] for item in items if item["kind"] == "visit"]
    assert [v["id"] for v in visits] == [seeded["visits"][0]]
    assert visits[0]["doctor"] == {"id": people.d1.id, "fullName": people.d1.user["fullName"]}
    assert {item["kind"] for item in items} >= {"problem", "record", "document"}


def test_a_page_written_between_reads_neither_repeats_nor_skips(
    people: People, add_appointment: AddAppointment
) -> None:
    _seed(people, add_appointment)
    first = _timeline(people.p1, people.p1.id, limit=4)
    add(people.d1, people.p1, "problems")  # newer than every item: belongs before page 1
    rest = _all_pages_from(people.p1, first["nextBefore"])
    keys = [i["key"] for i in first["items"]] + [i["key"] for i in rest]
    assert len(keys) == len(set(keys)) == 11


def _all_pages_from(reader: Party[ApiClient], before: str) -> list[dict[str, Any]]:
    page = _timeline(reader, reader.id, limit=4, before=before)
    items = page["items"]
    while page["nextBefore"] is not None:
        page = _timeline(reader, reader.id, limit=4, before=page["nextBefore"])
        items += page["items"]
    return items


def test_limit_is_capped_by_the_setting_and_bad_cursors_are_refused(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _seed(people, add_appointment)
    app.config["TIMELINE_PAGE_SIZE"] = 4
    page = _timeline(people.p1, people.p1.id, limit=500)
    assert len(page["items"]) == 4 and page["nextBefore"] is not None
    assert len(_timeline(people.p1, people.p1.id)["items"]) == 4
    for before in ("yesterday", "1.2.3", "1.2.3.x", "1;2;3;4"):
        response = people.p1.client.get(f"/api/patients/{people.p1.id}/timeline?before={before}")
        problem(response, 422, "validation_error")


def _reads(app: OpenAPI, patient_id: int) -> list[tuple[int, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(AccessEvent.actor_id, AccessEvent.action)
            .where(AccessEvent.patient_id == patient_id, AccessEvent.action == "timeline.read")
            .order_by(AccessEvent.id)
        ).all()
        return [(a, b) for a, b in rows]


def test_one_access_log_row_per_page_and_the_care_rule(
    app: OpenAPI,
    people: People,
    add_appointment: AddAppointment,
    person: Callable[..., Party[ApiClient]],
) -> None:
    _seed(people, add_appointment)
    pages = _all_pages(people.d1, people.p1.id, 6)
    assert len(pages) == 10  # D2's visit is not D1's: 11 - 1
    assert _reads(app, people.p1.id) == [(people.d1.id, "timeline.read")] * 2
    described = {
        e["action"]: e["description"] for e in people.p1.client.call("GET", "/api/access-log")
    }
    assert described["timeline.read"] == "Your timeline — viewed"
    url = f"/api/patients/{people.p1.id}/timeline"
    for stranger in (people.p2, person("doctor")):
        problem(stranger.client.get(url), 404, "not_found")
    problem(admin_party(app).client.get(url), 403, "forbidden")
    problem(people.d1.client.get("/api/patients/987654/timeline"), 404, "not_found")
    assert _reads(app, people.p1.id) == [(people.d1.id, "timeline.read")] * 2


def test_a_record_adds_its_medication_in_the_same_step_with_the_allergy_warning(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    add(people.d1, people.p1, "allergies", substance="Penicillin")
    medication = {
        "name": "Penicillin V",
        "dose": "500 mg",
        "route": "oral",
        "frequency": "4x daily",
    }
    written = create_record(
        people.d1, people.p1, prescription="Penicillin V 500 mg", medication=medication
    )
    assert written["warnings"] == [{"code": "allergy_match", "substance": "Penicillin"}]
    assert written["medication"]["name"] == "Penicillin V"
    assert written["medication"]["status"] == "active"
    listed = people.p1.client.call("GET", f"/api/patients/{people.p1.id}/medications")
    assert [(m["id"], m["dose"], m["frequency"]) for m in listed] == [
        (written["medication"]["id"], "500 mg", "4x daily")
    ]
    actions = [a for _, a in _actions(app, people.p1.id)]
    assert actions[-3:-1] == ["record.create", "medication.add"]


def _actions(app: OpenAPI, patient_id: int) -> list[tuple[int, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(AccessEvent.actor_id, AccessEvent.action)
            .where(AccessEvent.patient_id == patient_id)
            .order_by(AccessEvent.id)
        ).all()
        return [(a, b) for a, b in rows]


def _counts(app: OpenAPI) -> tuple[int, int, int]:
    with app.app_context():
        return (
            int(db.session.scalar(select(func.count()).select_from(MedicalRecord)) or 0),
            int(db.session.scalar(select(func.count()).select_from(ChartEntry)) or 0),
            int(db.session.scalar(select(func.count()).select_from(AccessEvent)) or 0),
        )


@pytest.mark.parametrize(
    ("medication", "code"),
    [
        ({"name": "X", "startDate": "2024-05-02", "stopDate": "2024-05-01"}, "stop_before_start"),
        ({"name": "X", "status": "paused"}, "unknown_code"),
        ({"name": "  "}, "validation_error"),
        ({"dose": "5 mg"}, "validation_error"),
    ],
)
def test_a_bad_medication_writes_neither_the_record_nor_the_entry(
    app: OpenAPI,
    people: People,
    add_appointment: AddAppointment,
    medication: dict[str, Any],
    code: str,
) -> None:
    add_appointment(people.p1, people.d1)
    before = _counts(app)
    response = people.d1.client.post(
        "/api/records",
        json={"patientId": people.p1.id, "diagnosis": canary("DX"), "medication": medication},
    )
    problem(response, 422, code)
    assert _counts(app) == before
