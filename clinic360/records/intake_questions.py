"""A visit type's intake questions: the doctor who owns the type (or an admin) reads and
replaces them. Questions are not clinical data (no access log); answers are (`intake.py`).

Saving replaces the questionnaire: the current questions are retired (`active = false`, kept
for the answers that name them) and the new ones written, in order, so an answer always
points at the question exactly as it was asked. The shape rules of a question live in
`check_question`, one function.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.core.db import transaction
from clinic360.records.errors import InvalidQuestion
from clinic360.records.intake_models import CHOICE_KINDS, TAKEABLE_KINDS, IntakeQuestion
from clinic360.records.intake_schemas import QuestionBody, QuestionOut, QuestionsBody
from clinic360.schedules.visit_types import managed_type


def check_question(index: int, question: QuestionBody) -> None:
    """InvalidQuestion (`questions.<index>`) unless the question's parts fit its kind:
    choices have 2 or more distinct options, other kinds none; only text and choice
    questions map to a chart list."""
    key = f"questions.{index}"
    options = question.options or []
    if question.kind in CHOICE_KINDS:
        if len(options) < 2:
            raise InvalidQuestion({key: "a choice question needs at least two options"})
        if len({o.casefold() for o in options}) != len(options):
            raise InvalidQuestion({key: "options must be distinct"})
    elif options:
        raise InvalidQuestion({key: "only choice questions have options"})
    if question.maps_to is not None and question.kind not in TAKEABLE_KINDS:
        raise InvalidQuestion({key: "only text and choice questions map to a chart list"})


def active_questions(session: Session, visit_type_id: int | None) -> list[IntakeQuestion]:
    """The questions a visit of this type asks now, in order."""
    if visit_type_id is None:
        return []
    return list(
        session.scalars(
            select(IntakeQuestion)
            .where(IntakeQuestion.visit_type_id == visit_type_id, IntakeQuestion.active)
            .order_by(IntakeQuestion.position, IntakeQuestion.id)
        )
    )


def questions_by_id(session: Session, ids: Iterable[int]) -> dict[int, IntakeQuestion]:
    """Questions by id, retired ones too (those an answer set names)."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.scalars(select(IntakeQuestion).where(IntakeQuestion.id.in_(wanted)))
    return {q.id: q for q in rows}


def list_questions(actor: User, visit_type_id: int) -> list[QuestionOut]:
    """The type's current questions. Raises NotFound (not a type `actor` manages)."""
    with transaction(write=False) as session:
        visit_type = managed_type(session, actor, visit_type_id)
        return [QuestionOut.model_validate(q) for q in active_questions(session, visit_type.id)]


def replace_questions(actor: User, visit_type_id: int, body: QuestionsBody) -> list[QuestionOut]:
    """Retire the type's questions and write `body`'s, in order; all or nothing.
    Raises NotFound, InvalidQuestion."""
    limit: int = current_app.config["INTAKE_MAX_QUESTIONS"]
    if len(body.questions) > limit:
        raise InvalidQuestion({"questions": f"at most {limit} questions (INTAKE_MAX_QUESTIONS)"})
    for index, question in enumerate(body.questions):
        check_question(index, question)
    with transaction() as session:
        visit_type = managed_type(session, actor, visit_type_id)
        session.execute(
            update(IntakeQuestion)
            .where(IntakeQuestion.visit_type_id == visit_type.id, IntakeQuestion.active)
            .values(active=False)
        )
        written = [
            IntakeQuestion(
                visit_type_id=visit_type.id,
                position=position,
                kind=question.kind,
                prompt=question.prompt,
                options=question.options if question.kind in CHOICE_KINDS else None,
                required=question.required,
                maps_to=question.maps_to,
                active=True,
            )
            for position, question in enumerate(body.questions)
        ]
        session.add_all(written)
        session.flush()
        return [QuestionOut.model_validate(q) for q in written]
