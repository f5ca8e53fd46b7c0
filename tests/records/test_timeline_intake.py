"""Answered intake questionnaires in the patient timeline (issue 19): one item per answered
questionnaire, at its current answers' time, naming the appointment, never the answers; a
doctor sees only their own appointments' intakes; keyset pages still neither repeat nor skip;
one access-log row per page read; both databases."""

from __future__ import annotations

import json
from typing import Any

from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.audit.models import AccessEvent
from clinic360.core.db import db
from tests.factories import set_intake_questions
from tests.records.conftest import AddAppointment, People, canary
from tests.records.test_chart_lists import add
from tests.records.test_timeline import _all_pages, _timeline


def _answer(people: People, visit: int, questions: list[dict[str, Any]], text: str) -> Any:
    body = {
        "answers": [
            {"questionId": questions[0]["id"], "value": text},
            {"questionId": questions[1]["id"], "value": True},
        ]
    }
    url = f"/api/appointments/{visit}/intake"
    return people.p1.client.call("PUT", url, body)


def test_answered_questionnaires_are_timeline_items_without_their_answers(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    questions1 = set_intake_questions(people.d1)
    questions2 = set_intake_questions(people.d2)
    visit1 = add_appointment(people.p1, people.d1)
    visit2 = add_appointment(people.p1, people.d2)
    add_appointment(people.p1, people.d1)  # a visit whose questionnaire is not answered
    secret = canary("INTAKE")
    _answer(people, visit1, questions1, "first answer")
    add(people.d1, people.p1, "problems")
    _answer(people, visit2, questions2, secret)
    first = _answer(people, visit1, questions1, secret)  # version 2, now the newest
    assert first["response"]["version"] == 2

    page = _timeline(people.p1, people.p1.id)
    intakes = [item for item in page["items"] if item["kind"] == "intake"]
    # visit1's questionnaire was answered first, then again last: it is at its newest answers
    assert [i["intake"]["appointmentId"] for i in intakes] == [visit1, visit2]
    newest = intakes[0]
    assert newest["key"] == f"intake:{newest['intake']['responseId']}"
    past = [item["kind"] for item in page["items"] if item["kind"] != "visit"]  # visits: ahead
    assert past == ["intake", "intake", "problem"]
    assert newest["intake"]["version"] == 2 and newest["intake"]["answered"] == 2
    assert newest["intake"]["writtenBy"]["id"] == people.p1.id
    assert newest["intake"]["doctor"]["id"] == people.d1.id
    assert newest["at"] == newest["intake"]["writtenAt"]
    assert secret not in json.dumps(page) and "first answer" not in json.dumps(page)

    everything = [item["key"] for item in page["items"]]
    assert len(everything) == 6  # 3 visits, the problem, 2 intakes
    for limit in (1, 2, 3):
        assert [i["key"] for i in _all_pages(people.p1, people.p1.id, limit)] == everything

    seen_by_d1 = _timeline(people.d1, people.p1.id)["items"]
    assert [i["intake"]["appointmentId"] for i in seen_by_d1 if i["kind"] == "intake"] == [visit1]
    assert {i["kind"] for i in seen_by_d1} == {"intake", "visit", "problem"}
    with app.app_context():
        reads = db.session.execute(
            select(AccessEvent.actor_id).where(
                AccessEvent.patient_id == people.p1.id, AccessEvent.action == "timeline.read"
            )
        ).scalars()
        assert sorted(reads) == sorted(
            [people.p1.id] * (1 + 6 + 3 + 2) + [people.d1.id]
        )  # one per page
