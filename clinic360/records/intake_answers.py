"""The shape of intake answers: one function checks an answer set against the questions it
answers (`check_answers`); nothing about who or when. Messages never repeat a value."""

from __future__ import annotations

import math
from typing import Any

from clinic360.records.errors import InvalidAnswer
from clinic360.records.intake_models import IntakeQuestion
from clinic360.records.intake_schemas import AnswerIn

MAX_NUMBER = 1e9
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def _text(value: Any, max_chars: int) -> str | None:
    if not isinstance(value, str):
        raise ValueError("must be text")
    if any((ord(c) < 32 and c not in _ALLOWED_CONTROLS) or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    value = value.strip()
    if len(value) > max_chars:
        raise ValueError(f"must be at most {max_chars} characters (INTAKE_MAX_ANSWER_CHARS)")
    return value or None


def _value(question: IntakeQuestion, value: Any, max_chars: int) -> Any:
    """The answer as stored (None: not answered); ValueError names what is wrong."""
    if value is None:
        return None
    options = question.options or []
    match question.kind:
        case "text":
            return _text(value, max_chars)
        case "yes_no":
            if not isinstance(value, bool):
                raise ValueError("must be true or false")
            return value
        case "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("must be a number")
            if not math.isfinite(value) or abs(value) > MAX_NUMBER:
                raise ValueError(f"must be a number between -{MAX_NUMBER:.0f} and {MAX_NUMBER:.0f}")
            return value
        case "one_choice":
            if not isinstance(value, str) or value not in options:
                raise ValueError("must be one of the question's options")
            return value
        case _:  # several_choices
            if not isinstance(value, list) or any(v not in options for v in value):
                raise ValueError("must be a list of the question's options")
            if len(set(value)) != len(value):
                raise ValueError("must not name an option twice")
            return [o for o in options if o in value] or None


def check_answers(
    questions: list[IntakeQuestion], answers: list[AnswerIn], max_chars: int
) -> list[dict[str, Any]]:
    """The answer set as stored: `[{"questionId", "value"}]` in the questionnaire's order,
    unanswered questions left out. Raises InvalidAnswer naming every wrong answer
    (`answers.<questionId>`): not a question asked, answered twice, wrong shape, or a
    required question unanswered."""
    asked = {q.id: q for q in questions}
    errors: dict[str, str] = {}
    given: dict[int, Any] = {}
    seen: set[int] = set()
    for answer in answers:
        key = f"answers.{answer.question_id}"
        question = asked.get(answer.question_id)
        if question is None:
            errors[key] = "is not a question of this visit's questionnaire"
            continue
        if answer.question_id in seen:
            errors[key] = "is answered twice"
            continue
        seen.add(answer.question_id)
        try:
            value = _value(question, answer.value, max_chars)
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if value is not None:
            given[question.id] = value
    for question in questions:
        key = f"answers.{question.id}"
        if question.required and question.id not in given and key not in errors:
            errors[key] = "is required"
    if errors:
        raise InvalidAnswer(errors)
    return [{"questionId": q.id, "value": given[q.id]} for q in questions if q.id in given]
