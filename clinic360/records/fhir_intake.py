"""Intake answers in the FHIR export: per answered appointment, one R4B Questionnaire (the
questions as they were asked, retired or not) and one QuestionnaireResponse (the current
answer set) naming it by its `url`. Kinds map to R4B item types: text → text, yes/no →
boolean, one choice → choice, several choices → choice with `repeats`, number → decimal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.questionnaire import (
    Questionnaire,
    QuestionnaireItem,
    QuestionnaireItemAnswerOption,
)
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
    QuestionnaireResponseItemAnswer,
)
from fhir.resources.R4B.reference import Reference
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from clinic360.core.schemas import format_instant
from clinic360.records.fhir_entries import Entries
from clinic360.records.intake_models import IntakeQuestion, IntakeResponse, IntakeResponseVersion
from clinic360.records.intake_questions import questions_by_id

INTAKE_IDENTIFIER_SYSTEM = "urn:clinic360:intake-response"
ITEM_TYPES = {
    "text": "text",
    "yes_no": "boolean",
    "one_choice": "choice",
    "several_choices": "choice",
    "number": "decimal",
}


@dataclass(frozen=True)
class IntakeExport:
    """One appointment's current answers and the questions they answer, in order."""

    response_id: int
    version: int
    written_at: datetime
    answers: list[tuple[IntakeQuestion, Any]]


def intake_export(session: Session, patient_id: int) -> list[IntakeExport]:
    """The patient's intake answers at their current versions, oldest first."""
    rows = session.execute(
        select(IntakeResponse, IntakeResponseVersion)
        .join(
            IntakeResponseVersion,
            and_(
                IntakeResponseVersion.response_id == IntakeResponse.id,
                IntakeResponseVersion.version == IntakeResponse.current_version,
            ),
        )
        .where(IntakeResponse.patient_id == patient_id)
        .order_by(IntakeResponse.created_at, IntakeResponse.id)
    ).all()
    asked = questions_by_id(session, (a["questionId"] for _, v in rows for a in v.answers))
    return [
        IntakeExport(
            response_id=head.id,
            version=version.version,
            written_at=version.written_at,
            answers=[(asked[a["questionId"]], a["value"]) for a in version.answers],
        )
        for head, version in rows
    ]


def add_intake(out: Entries, subject: Reference, intake: list[IntakeExport]) -> None:
    for export in intake:
        name = f"intake-{export.response_id}"
        url = out.url("Questionnaire", name)
        out.add(
            Questionnaire(
                url=url,
                status="active",
                title="Intake questionnaire",
                item=[_question(q) for q, _ in export.answers],
            ),
            name,
        )
        out.add(
            QuestionnaireResponse(
                meta=Meta(
                    versionId=str(export.version), lastUpdated=format_instant(export.written_at)
                ),
                identifier=Identifier(
                    system=INTAKE_IDENTIFIER_SYSTEM, value=str(export.response_id)
                ),
                questionnaire=url,
                status="completed",
                subject=subject,
                authored=format_instant(export.written_at),
                author=subject,
                source=subject,
                item=[_answer(q, value) for q, value in export.answers],
            ),
            name,
        )


def _question(question: IntakeQuestion) -> QuestionnaireItem:
    return QuestionnaireItem(
        linkId=str(question.id),
        text=question.prompt,
        type=ITEM_TYPES[question.kind],
        required=question.required,
        repeats=question.kind == "several_choices",
        answerOption=[QuestionnaireItemAnswerOption(valueString=o) for o in question.options]
        if question.options
        else None,
    )


def _answer(question: IntakeQuestion, value: Any) -> QuestionnaireResponseItem:
    values = value if isinstance(value, list) else [value]
    answers = [_value(question.kind, v) for v in values]
    return QuestionnaireResponseItem(linkId=str(question.id), text=question.prompt, answer=answers)


def _value(kind: str, value: Any) -> QuestionnaireResponseItemAnswer:
    if kind == "yes_no":
        return QuestionnaireResponseItemAnswer(valueBoolean=value)
    if kind == "number":
        return QuestionnaireResponseItemAnswer(valueDecimal=Decimal(str(value)))
    return QuestionnaireResponseItemAnswer(valueString=value)
