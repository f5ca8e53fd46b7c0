"""Intake answers as the API gives them (for services of this domain that have authorised
and audited already): each answer names its question as it was asked, retired or not."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.appointments.visits import Visit
from clinic360.records.intake_models import (
    IntakeQuestion,
    IntakeResponse,
    IntakeResponseVersion,
    IntakeTaken,
)
from clinic360.records.intake_questions import active_questions, questions_by_id
from clinic360.records.intake_schemas import (
    AnswerOut,
    IntakeOut,
    QuestionOut,
    ResponseOut,
    TakenOut,
)
from clinic360.records.schemas import PersonRef
from clinic360.schedules.visit_types import effective_type_id


def response_out(
    session: Session, version: IntakeResponseVersion, asked: dict[int, IntakeQuestion]
) -> ResponseOut:
    writer = session.get(User, version.written_by)
    assert writer is not None
    return ResponseOut(
        version=version.version,
        written_at=version.written_at,
        written_by=PersonRef(id=writer.id, full_name=writer.full_name),
        answers=[
            AnswerOut(
                question_id=q.id, kind=q.kind, prompt=q.prompt, maps_to=q.maps_to, value=a["value"]
            )
            for a in version.answers
            if (q := asked.get(a["questionId"])) is not None
        ],
    )


def intake_out(
    session: Session, visit: Visit, head: IntakeResponse | None, now: datetime
) -> IntakeOut:
    questions = active_questions(
        session, effective_type_id(session, visit.doctor_id, visit.visit_type_id)
    )
    response = None
    taken: list[TakenOut] = []
    if head is not None:
        version = session.get(IntakeResponseVersion, (head.id, head.current_version))
        assert version is not None  # every head has its current version
        asked = questions_by_id(session, (a["questionId"] for a in version.answers))
        response = response_out(session, version, asked)
        taken = [
            TakenOut(
                question_id=t.question_id, value=t.value, list=t.list, entry_id=t.chart_entry_id
            )
            for t in session.scalars(
                select(IntakeTaken)
                .where(IntakeTaken.response_id == head.id)
                .order_by(IntakeTaken.id)
            )
        ]
    return IntakeOut(
        appointment_id=visit.id,
        patient_id=visit.patient_id,
        may_answer=visit.is_upcoming(now) and bool(questions),
        questions=[QuestionOut.model_validate(q) for q in questions],
        response=response,
        taken=taken,
    )
