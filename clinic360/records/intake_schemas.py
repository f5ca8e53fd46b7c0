"""Request and response bodies of intake questionnaires (questions on a visit type; the
answers of one appointment). The shape of an answer is checked against its question by the
service (422 `invalid_answer`), not here: a body of the right JSON types may still be the
wrong shape for the question it answers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    RootModel,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    StringConstraints,
)

from clinic360.core.schemas import ApiModel, Id, SingleLineText, UtcInstant
from clinic360.records.intake_models import MAX_OPTION_LENGTH, MAX_OPTIONS, MAX_PROMPT_LENGTH
from clinic360.records.schemas import PersonRef

QuestionKind = Literal["text", "yes_no", "one_choice", "several_choices", "number"]
ChartListName = Literal["allergies", "medications"]
Prompt = Annotated[
    SingleLineText,
    StringConstraints(min_length=1, max_length=MAX_PROMPT_LENGTH, strip_whitespace=True),
]
Option = Annotated[
    SingleLineText,
    StringConstraints(min_length=1, max_length=MAX_OPTION_LENGTH, strip_whitespace=True),
]
AnswerValue = StrictBool | StrictInt | StrictFloat | StrictStr | list[StrictStr] | None
"""`text`: a string; `yes_no`: a boolean; `one_choice`: one of the options; `several_choices`:
a list of distinct options; `number`: a number. `null` (or no answer): not answered."""


class QuestionBody(ApiModel):
    kind: QuestionKind
    prompt: Prompt
    options: list[Option] | None = Field(
        default=None,
        max_length=MAX_OPTIONS,
        description="The choices of `one_choice` and `several_choices` (2 or more, distinct); "
        "none for the other kinds.",
    )
    required: StrictBool = False
    maps_to: ChartListName | None = Field(
        default=None,
        description="An answer to this question can be taken into the patient's allergies or "
        "medications with one click (`text`, `one_choice`, `several_choices` only).",
    )


class QuestionsBody(ApiModel):
    """The visit type's whole questionnaire, in order; replaces the previous one (whose
    questions stay behind the answers already given)."""

    questions: list[QuestionBody] = Field(max_length=200)


class QuestionOut(ApiModel):
    id: int
    position: int
    kind: QuestionKind
    prompt: str
    options: list[str] | None
    required: bool
    maps_to: ChartListName | None


class QuestionList(RootModel[list[QuestionOut]]):
    pass


class AnswerIn(ApiModel):
    question_id: Id
    value: AnswerValue = None


class AnswersBody(ApiModel):
    """A full answer set (a new version); `baseVersion` (optional) gives 409
    `version_conflict` when the answers moved on since the client read them."""

    answers: list[AnswerIn] = Field(max_length=200)
    base_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


class AnswerOut(ApiModel):
    question_id: int
    kind: QuestionKind
    prompt: str
    maps_to: ChartListName | None
    value: AnswerValue


class TakenOut(ApiModel):
    question_id: int
    value: str
    list: ChartListName
    entry_id: int


class ResponseOut(ApiModel):
    version: int
    written_at: UtcInstant
    written_by: PersonRef
    answers: list[AnswerOut]


class IntakeOut(ApiModel):
    """An appointment's intake: the questions to answer now, the current answers (if any),
    and what the doctor took into the chart lists."""

    appointment_id: int
    patient_id: int
    may_answer: bool = Field(description="The patient may still answer (before the visit).")
    questions: list[QuestionOut]
    response: ResponseOut | None
    taken: list[TakenOut]


class ResponseHistory(RootModel[list[ResponseOut]]):
    pass


class TakeBody(ApiModel):
    """Take one answer into the chart list its question maps to: `value` is one chosen
    option (choice questions) or omitted (a free-text answer, taken whole)."""

    question_id: Id
    value: Annotated[StrictStr, StringConstraints(max_length=MAX_OPTION_LENGTH)] | None = None


class AppointmentPath(ApiModel):
    id: Id


class VisitTypeQuestionsPath(ApiModel):
    visit_type_id: Id = Field(alias="visit_type_id")
