"""The chart lists follow the records' rules: the care rule (IDOR, care ending, pending or
suspended doctors, admins), the access log in the same transaction (fail closed), and the
allergy warning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select, update
from werkzeug.test import TestResponse

from clinic360.accounts.models import User
from clinic360.audit.models import AccessEvent
from clinic360.core.db import db
from clinic360.records.chart_models import ChartEntry
from tests.factories import Party, admin_party
from tests.faults import audit_insert_fails
from tests.helpers import ApiClient
from tests.records.conftest import AddAppointment, People, canary, create_record
from tests.records.test_chart_lists import KINDS, add, new_entry

Calls = dict[str, Callable[[], TestResponse]]


def _calls(client: ApiClient, patient_id: int, items: dict[str, int]) -> Calls:
    """Every chart call on one patient, keyed by a name."""
    calls: Calls = {"summary": lambda: client.get(f"/api/patients/{patient_id}/summary")}
    for kind in KINDS:
        base = f"/api/patients/{patient_id}/{kind}"
        item = items.get(kind, 987_654)
        calls[f"{kind} list"] = lambda base=base: client.get(base)
        calls[f"{kind} history"] = lambda b=base, i=item: client.get(f"{b}/{i}/history")
        calls[f"{kind} add"] = lambda b=base, k=kind: client.post(b, json=new_entry(k))
        calls[f"{kind} amend"] = lambda b=base, i=item: client.put(
            f"{b}/{i}", json={"status": "entered_in_error", "reason": canary("WHY")}
        )
    return calls


def _seed(people: People, add_appointment: AddAppointment) -> tuple[dict[str, int], list[str]]:
    add_appointment(people.p1, people.d1)
    entries = {kind: add(people.d1, people.p1, kind) for kind in KINDS}
    texts = [entries["allergies"]["substance"], entries["problems"]["condition"]]
    return {kind: entry["id"] for kind, entry in entries.items()}, texts


def test_other_patient_and_unrelated_doctor_get_exactly_not_found(
    people: People, add_appointment: AddAppointment
) -> None:
    items, texts = _seed(people, add_appointment)
    add_appointment(people.p2, people.d2)
    missing = {name: call() for name, call in _calls(people.d2.client, 987_654_321, {}).items()}
    for intruder in (people.p2, people.d2):
        for name, call in _calls(intruder.client, people.p1.id, items).items():
            response = call()
            body = response.get_data(as_text=True)
            assert not any(t in body for t in texts), name
            writes = name.endswith(("add", "amend"))
            if intruder is people.p2 and writes:  # patients never write: 403 for any id
                assert (response.status_code, response.get_json()["code"]) == (403, "forbidden")
                continue
            assert response.status_code == 404, (name, body)
            assert response.get_json() == missing[name].get_json(), name
    # The patient reads their own lists, but writes none of them.
    for name, call in _calls(people.p1.client, people.p1.id, items).items():
        response = call()
        expected = 403 if name.endswith(("add", "amend")) else 200
        assert response.status_code == expected, (name, response.get_data(as_text=True))


def test_care_ends_with_the_last_appointment_and_comes_back_with_a_new_one(
    people: People, add_appointment: AddAppointment, set_status: Callable[[int, str], None]
) -> None:
    visit = add_appointment(people.p1, people.d1)
    entries = {kind: add(people.d1, people.p1, kind)["id"] for kind in KINDS}
    set_status(visit, "cancelled")
    for name, call in _calls(people.d1.client, people.p1.id, entries).items():
        assert call().status_code == 404, name
    add_appointment(people.p1, people.d1)
    for name, call in _calls(people.d1.client, people.p1.id, entries).items():
        assert call().status_code in (200, 201), name


@pytest.mark.parametrize("state", ["pending", "suspended"])
def test_pending_suspended_doctors_and_admins_see_nothing(
    app: OpenAPI, people: People, add_appointment: AddAppointment, state: str
) -> None:
    items, texts = _seed(people, add_appointment)
    change = {"approved": False} if state == "pending" else {"suspended_at": func.now()}
    with app.app_context():
        db.session.execute(update(User).where(User.id == people.d1.id).values(**change))
        db.session.commit()
    expected = (403, "doctor_not_approved") if state == "pending" else (401, "unauthenticated")
    admin = admin_party(app)
    for who, answer in ((people.d1, expected), (admin, (403, "forbidden"))):
        for name, call in _calls(who.client, people.p1.id, items).items():
            response = call()
            assert (response.status_code, response.get_json()["code"]) == answer, name
            assert not any(t in response.get_data(as_text=True) for t in texts)


def _log(app: OpenAPI) -> list[tuple[int, str, int]]:
    with app.app_context():
        rows = db.session.execute(
            select(AccessEvent.actor_id, AccessEvent.action, AccessEvent.patient_id).order_by(
                AccessEvent.id
            )
        ).all()
        return [(a, b, c) for a, b, c in rows]


def test_every_read_and_write_is_in_the_patients_access_log(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    before = len(_log(app))
    done: list[tuple[Party, str]] = []
    for kind, one in (
        ("allergies", "allergy"),
        ("problems", "problem"),
        ("medications", "medication"),
        ("vitals", "vital"),
    ):
        item = add(people.d1, people.p1, kind)
        base = f"/api/patients/{people.p1.id}/{kind}"
        people.d1.client.call("PUT", f"{base}/{item['id']}", {"reason": "checked"})
        people.p1.client.call("GET", base)
        people.d1.client.call("GET", f"{base}/{item['id']}/history")
        done += [(people.d1, f"{one}.add"), (people.d1, f"{one}.amend"),
                 (people.p1, f"{kind}.list"), (people.d1, f"{one}.read_history")]  # fmt: skip
    people.d1.client.call("GET", f"/api/patients/{people.p1.id}/summary")
    done.append((people.d1, "chart.summary"))
    assert _log(app)[before:] == [(who.id, action, people.p1.id) for who, action in done]
    described = {
        e["action"]: e["description"] for e in people.p1.client.call("GET", "/api/access-log")
    }
    assert described["allergy.add"] == "An allergy — added"
    assert described["vitals.list"] == "Your vital signs — viewed"
    assert described["chart.summary"] == "Your health summary — viewed"
    assert described["problem.read_history"] == "A problem — version history viewed"


def test_a_failed_audit_write_fails_every_call_and_writes_nothing(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    items, texts = _seed(people, add_appointment)
    with app.app_context():
        versions_before = db.session.scalar(select(func.sum(ChartEntry.current_version)))
    calls = {
        **_calls(people.d1.client, people.p1.id, items),
        "own summary": lambda: people.p1.client.get(f"/api/patients/{people.p1.id}/summary"),
        "fhir": lambda: people.p1.client.get(f"/api/patients/{people.p1.id}/fhir"),
    }
    with audit_insert_fails(app):
        for name, call in calls.items():
            response = call()
            assert response.status_code == 503, name
            assert response.get_json()["code"] == "audit_unavailable"
            assert not any(t in response.get_data(as_text=True) for t in texts), name
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ChartEntry)) == len(KINDS)
        assert db.session.scalar(select(func.sum(ChartEntry.current_version))) == versions_before


def _warnings(response: dict[str, Any]) -> list[dict[str, str]]:
    return list(response["warnings"])


def test_a_medication_or_prescription_naming_an_active_allergy_warns(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d1)
    add(people.d1, people.p1, "allergies", substance="Penicillin")
    add(people.d1, people.p1, "allergies", substance="Peanut oil", status="inactive")
    add(people.d1, people.p1, "allergies", substance="Sulfa drugs")
    base = f"/api/patients/{people.p1.id}/medications"
    warned = add(people.d1, people.p1, "medications", name="PENICILLIN V 500 mg")
    assert _warnings(warned) == [{"code": "allergy_match", "substance": "Penicillin"}]
    # Whole words only; inactive allergies and other patients' allergies do not warn.
    for name in ("Amoxicillin-penicillinase", "Peanut oil capsules"):
        assert _warnings(add(people.d1, people.p1, "medications", name=name)) == []
    assert _warnings(add(people.d1, people.p2, "medications", name="Penicillin")) == []
    quiet = add(people.d1, people.p1, "medications", name="Ibuprofen")
    amended = people.d1.client.call(
        "PUT", f"{base}/{quiet['id']}", {"name": "Sulfa drugs (co-trimoxazole)", "reason": "r"}
    )
    assert _warnings(amended) == [{"code": "allergy_match", "substance": "Sulfa drugs"}]
    record = create_record(
        people.d1, people.p1, prescription="Take penicillin 3x daily,\nand sulfa drugs."
    )
    assert {w["substance"] for w in _warnings(record)} == {"Penicillin", "Sulfa drugs"}
    plain = create_record(people.d1, people.p1, prescription=None)
    assert _warnings(plain) == []
    amended_record = people.d1.client.call(
        "PUT", f"/api/records/{plain['id']}", {"prescription": "penicillin", "reason": "r"}
    )
    assert _warnings(amended_record) == [{"code": "allergy_match", "substance": "Penicillin"}]
    # It warns, never blocks: the medications were written.
    assert len(people.d1.client.call("GET", base)) == 4
