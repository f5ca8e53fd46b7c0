"""Intake questionnaires (issue 19): questions on a visit type, the patient's answers
(shapes, versions, closing), the care rule, the access log, taking answers into the chart
lists, the manage link and the FHIR export; both databases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select

from clinic360.appointments.links import manage_token
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.records.intake_models import IntakeResponse, IntakeResponseVersion
from tests.factories import admin_party, set_intake_questions
from tests.helpers import problem
from tests.records.conftest import AddAppointment, People, canary
from tests.records.test_fhir import _export


def _answers(questions: list[dict[str, Any]], substance: str = "Penicillin") -> dict[str, Any]:
    text, smoke, feel, medicines, weight = (q["id"] for q in questions)
    return {
        "answers": [
            {"questionId": text, "value": substance},
            {"questionId": smoke, "value": False},
            {"questionId": feel, "value": "Well"},
            {"questionId": medicines, "value": ["Ramipril", "Aspirin"]},
            {"questionId": weight, "value": 71.5},
        ]
    }


def _stored(app: OpenAPI) -> tuple[int, int]:
    with app.app_context():
        heads = db.session.scalar(select(func.count()).select_from(IntakeResponse))
        versions = db.session.scalar(select(func.count()).select_from(IntakeResponseVersion))
        return int(heads or 0), int(versions or 0)


def test_patient_answers_doctor_reads_versions_kept_and_audited(
    app: OpenAPI,
    people: People,
    add_appointment: AddAppointment,
    audit_count: Callable[..., int],
) -> None:
    questions = set_intake_questions(people.d1)
    assert [q["position"] for q in questions] == [0, 1, 2, 3, 4]
    visit = add_appointment(people.p1, people.d1)
    url = f"/api/appointments/{visit}/intake"
    empty = people.p1.client.call("GET", url)
    assert empty["mayAnswer"] is True and empty["response"] is None
    assert [q["id"] for q in empty["questions"]] == [q["id"] for q in questions]

    first = people.p1.client.call("PUT", url, _answers(questions))
    assert first["response"]["version"] == 1
    values = {a["questionId"]: a["value"] for a in first["response"]["answers"]}
    assert values[questions[3]["id"]] == ["Aspirin", "Ramipril"]  # the question's order
    assert values[questions[4]["id"]] == 71.5
    second = people.p1.client.call("PUT", url, {**_answers(questions, "Latex"), "baseVersion": 1})
    assert second["response"]["version"] == 2

    seen = people.d1.client.call("GET", url)
    answer = seen["response"]["answers"][0]
    assert answer["prompt"] == "Any allergies?" and answer["value"] == "Latex"
    assert seen["response"]["writtenBy"]["id"] == people.p1.id
    history = people.d1.client.call("GET", f"{url}/versions")
    assert [v["version"] for v in history] == [1, 2]
    assert history[0]["answers"][0]["value"] == "Penicillin"  # the earlier version is kept
    stale = people.p1.client.put(url, json={**_answers(questions), "baseVersion": 1})
    problem(stale, 409, "version_conflict")
    assert _stored(app) == (1, 2)

    p1 = people.p1.id
    assert audit_count(patient_id=p1, action="intake.answer", actor_id=p1) == 2
    assert audit_count(patient_id=p1, action="intake.read", actor_id=people.d1.id) == 1
    assert audit_count(patient_id=p1, action="intake.read", actor_id=p1) == 1
    assert audit_count(patient_id=p1, action="intake.read_history") == 1


def test_answers_of_the_wrong_shape_are_refused_and_nothing_is_written(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    questions = set_intake_questions(people.d1)
    text, smoke, feel, medicines, weight = (q["id"] for q in questions)
    url = f"/api/appointments/{add_appointment(people.p1, people.d1)}/intake"
    secret = canary("INTAKE")
    yes = {"questionId": smoke, "value": True}

    def with_yes(question_id: int, value: Any) -> list[dict[str, Any]]:
        return [yes, {"questionId": question_id, "value": value}]

    wrong = {
        "text as a number": with_yes(text, 12),
        "required unanswered": [{"questionId": text, "value": secret}],
        "yes/no as text": [{"questionId": smoke, "value": "yes"}],
        "not an option": with_yes(feel, secret),
        "one choice as a list": with_yes(feel, ["Well"]),
        "an option twice": with_yes(medicines, ["Aspirin", "Aspirin"]),
        "number as text": with_yes(weight, "70"),
        "number too large": with_yes(weight, 1e12),
        "unknown question": with_yes(999999, 1),
        "answered twice": with_yes(smoke, False),
        "control character": with_yes(text, "a\x00b"),
        "too long": with_yes(text, "x" * 2001),
    }
    for name, answers in wrong.items():
        response = people.p1.client.put(url, json={"answers": answers})
        body = problem(response, 422, "invalid_answer")
        assert body["errors"], name
        assert secret not in response.get_data(as_text=True), name  # never echoed
    problem(people.p1.client.put(url, json={"answers": "all fine"}), 422, "validation_error")
    assert _stored(app) == (0, 0)
    ok = people.p1.client.call("PUT", url, {"answers": [{"questionId": smoke, "value": True}]})
    assert [a["questionId"] for a in ok["response"]["answers"]] == [smoke]


def test_answering_closes_when_the_visit_starts_or_is_cancelled(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    questions = set_intake_questions(people.d1)
    body = _answers(questions)
    started = add_appointment(people.p1, people.d1, start=utcnow() - timedelta(minutes=5))
    cancelled = add_appointment(people.p1, people.d1, status="cancelled")
    for visit in (started, cancelled):
        response = people.p1.client.put(f"/api/appointments/{visit}/intake", json=body)
        problem(response, 409, "intake_closed")
        assert (
            people.p1.client.call("GET", f"/api/appointments/{visit}/intake")["mayAnswer"] is False
        )
    without = add_appointment(people.p2, people.d2)  # d2's type has no questions
    problem(people.p2.client.put(f"/api/appointments/{without}/intake", json=body), 409,
            "no_questionnaire")  # fmt: skip
    assert _stored(app) == (0, 0)


def test_only_the_visits_patient_and_doctor_see_or_write_it(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    questions = set_intake_questions(people.d1)
    visit = add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d2)
    add_appointment(people.p1, people.d2)  # d2 treats p1 too, but this is not d2's visit
    url = f"/api/appointments/{visit}/intake"
    people.p1.client.call("PUT", url, _answers(questions))
    for other in (people.p2, people.d2):
        for path in (url, f"{url}/versions"):
            problem(other.client.get(path), 404, "not_found")
    problem(people.p2.client.put(url, json=_answers(questions)), 404, "not_found")
    problem(people.d2.client.post(f"{url}/take", json={"questionId": questions[0]["id"]}), 404,
            "not_found")  # fmt: skip
    problem(people.d1.client.put(url, json=_answers(questions)), 403, "forbidden")
    problem(people.p1.client.post(f"{url}/take", json={"questionId": questions[0]["id"]}), 403,
            "forbidden")  # fmt: skip
    problem(people.p1.client.get("/api/appointments/999999/intake"), 404, "not_found")
    admin = admin_party(app)
    problem(admin.client.get(url), 403, "forbidden")
    type_id = people.d1.client.call("GET", "/api/visit-types")[0]["id"]
    problem(people.d2.client.get(f"/api/visit-types/{type_id}/questions"), 404, "not_found")
    problem(people.p1.client.get(f"/api/visit-types/{type_id}/questions"), 403, "forbidden")
    assert admin.client.call("GET", f"/api/visit-types/{type_id}/questions")


def test_doctor_takes_answers_into_the_allergies_and_medications_lists(
    app: OpenAPI, people: People, add_appointment: AddAppointment, audit_count: Callable[..., int]
) -> None:
    questions = set_intake_questions(people.d1)
    text, smoke, _feel, medicines, _weight = (q["id"] for q in questions)
    url = f"/api/appointments/{add_appointment(people.p1, people.d1)}/intake"
    problem(people.d1.client.post(f"{url}/take", json={"questionId": text}), 422, "not_takeable")
    people.p1.client.call("PUT", url, _answers(questions))

    allergy = people.d1.client.call("POST", f"{url}/take", {"questionId": text}, status=201)
    assert allergy["list"] == "allergies" and allergy["value"] == "Penicillin"
    medication = people.d1.client.call(
        "POST", f"{url}/take", {"questionId": medicines, "value": "Ramipril"}, status=201
    )
    assert medication["list"] == "medications"
    allergies = people.d1.client.call("GET", f"/api/patients/{people.p1.id}/allergies")
    assert [(a["id"], a["substance"], a["status"]) for a in allergies] == [
        (allergy["entryId"], "Penicillin", "active")
    ]
    medications = people.p1.client.call("GET", f"/api/patients/{people.p1.id}/medications")
    assert [m["name"] for m in medications] == ["Ramipril"]

    problem(people.d1.client.post(f"{url}/take", json={"questionId": text}), 409, "already_taken")
    problem(
        people.d1.client.post(f"{url}/take", json={"questionId": medicines, "value": "Metformin"}),
        422,
        "not_takeable",
    )  # fmt: skip
    problem(people.d1.client.post(f"{url}/take", json={"questionId": smoke}), 422, "not_takeable")
    taken = people.d1.client.call("GET", url)["taken"]
    assert {(t["questionId"], t["value"]) for t in taken} == {
        (text, "Penicillin"),
        (medicines, "Ramipril"),
    }
    assert audit_count(patient_id=people.p1.id, action="allergy.add") == 1
    assert audit_count(patient_id=people.p1.id, action="medication.add") == 1


def test_questions_are_checked_and_a_new_set_keeps_old_answers_meaning(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    base = {"kind": "text", "prompt": "Anything else?"}
    bad = [
        {**base, "options": ["a", "b"]},
        {**base, "kind": "one_choice", "options": ["only"]},
        {**base, "kind": "several_choices", "options": ["A", "a"]},
        {**base, "kind": "number", "mapsTo": "allergies"},
    ]
    type_id = people.d1.client.call("GET", "/api/visit-types")[0]["id"]
    url = f"/api/visit-types/{type_id}/questions"
    for question in bad:
        problem(people.d1.client.put(url, json={"questions": [question]}), 422, "invalid_question")
    too_many = {"questions": [base] * 31}
    problem(people.d1.client.put(url, json=too_many), 422, "invalid_question")
    assert people.d1.client.call("GET", url) == []

    old = set_intake_questions(people.d1)
    visit = add_appointment(people.p1, people.d1)
    people.p1.client.call("PUT", f"/api/appointments/{visit}/intake", _answers(old))
    new = set_intake_questions(people.d1, [{"kind": "yes_no", "prompt": "Pregnant?"}])
    assert people.d1.client.call("GET", url) == new
    intake = people.d1.client.call("GET", f"/api/appointments/{visit}/intake")
    assert [q["prompt"] for q in intake["questions"]] == ["Pregnant?"]
    assert intake["response"]["answers"][0]["prompt"] == "Any allergies?"  # as it was asked


def test_the_manage_link_reads_and_answers_as_the_patient(
    app: OpenAPI, people: People, add_appointment: AddAppointment, audit_count: Callable[..., int]
) -> None:
    questions = set_intake_questions(people.d1)
    visit = add_appointment(people.p1, people.d1)
    with app.app_context():
        token = manage_token(visit, 0)
    guest = people.p3.client.another()
    shown = guest.call("GET", f"/api/manage/{token}/intake")
    assert len(shown["questions"]) == 5 and shown["mayAnswer"] is True
    saved = guest.call("PUT", f"/api/manage/{token}/intake", _answers(questions))
    assert saved["response"]["writtenBy"]["id"] == people.p1.id
    problem(guest.put(f"/api/manage/{token}/intake", json={"answers": []}), 422, "invalid_answer")
    problem(guest.get(f"/api/manage/{token[:-2]}xx/intake"), 404, "not_found")
    assert audit_count(patient_id=people.p1.id, action="intake.answer", actor_id=people.p1.id) == 1


def test_the_fhir_export_carries_questionnaire_and_response(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    questions = set_intake_questions(people.d1)
    visit = add_appointment(people.p1, people.d1)
    people.p1.client.call("PUT", f"/api/appointments/{visit}/intake", _answers(questions))
    body = _export(people.p1, people.p1)
    Bundle.model_validate(body)  # the whole bundle still validates
    resources = [e["resource"] for e in body["entry"]]
    questionnaire = next(r for r in resources if r["resourceType"] == "Questionnaire")
    response = next(r for r in resources if r["resourceType"] == "QuestionnaireResponse")
    QuestionnaireResponse.model_validate(response)
    assert [i["type"] for i in questionnaire["item"]] == [
        "text",
        "boolean",
        "choice",
        "choice",
        "decimal",
    ]
    assert questionnaire["item"][3]["repeats"] is True
    assert response["questionnaire"] == questionnaire["url"]
    assert response["status"] == "completed"
    items = {i["linkId"]: i["answer"] for i in response["item"]}
    assert items[str(questions[1]["id"])] == [{"valueBoolean": False}]
    assert items[str(questions[3]["id"])] == [
        {"valueString": "Aspirin"},
        {"valueString": "Ramipril"},
    ]
    assert items[str(questions[4]["id"])] == [{"valueDecimal": 71.5}]
