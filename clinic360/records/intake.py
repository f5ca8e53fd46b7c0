"""Intake answers: the patient answers their visit's questions before it starts (signed in,
or through the visit's manage link); the doctor of the visit reads them and takes answered
allergies and medications into the chart lists, one click each.

Who: the appointment's patient, or its doctor while active and the patient is in their care
(`care.ensure_may_read_patient`); anyone else, and a missing appointment, is NotFound alike.
Each public function owns one transaction and writes the patient's access log in it before
any answer leaves it. An answer set is checked whole against the questions
(`intake_answers.check_answers`) before anything is written; each save is a new version,
the earlier ones stay (`versioning.py`, like records).
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.appointments.visits import Visit, count_link_request, visit_of, visit_of_link
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.records.allergies import ALLERGIES
from clinic360.records.care import ensure_active_doctor, ensure_may_read_patient
from clinic360.records.chart import insert_item
from clinic360.records.errors import (
    AlreadyTaken,
    IntakeClosed,
    IntakeLimitReached,
    NoQuestionnaire,
    NotTakeable,
    VersionConflict,
)
from clinic360.records.intake_answers import check_answers
from clinic360.records.intake_models import (
    MAX_OPTION_LENGTH,
    IntakeResponse,
    IntakeResponseVersion,
    IntakeTaken,
)
from clinic360.records.intake_present import intake_out, response_out
from clinic360.records.intake_questions import active_questions, questions_by_id
from clinic360.records.intake_schemas import AnswersBody, IntakeOut, ResponseOut, TakeBody, TakenOut
from clinic360.records.medications import MEDICATIONS
from clinic360.records.versioning import advance, ensure_base, insert_version
from clinic360.schedules.visit_types import effective_type_id

LISTS = {"allergies": (ALLERGIES, "substance"), "medications": (MEDICATIONS, "name")}


def _visit(session: Session, user: User, appointment_id: int) -> Visit:
    """The appointment, when `user` is its patient or its doctor with the patient in care.
    Raises DoctorNotApproved (pending or suspended doctor), NotFound (anyone else's)."""
    if user.role == Role.DOCTOR.value:
        ensure_active_doctor(user)
    visit = visit_of(session, appointment_id)
    if visit is None or user.id not in (visit.patient_id, visit.doctor_id):
        raise NotFound()
    ensure_may_read_patient(session, user, visit.patient_id)
    return visit


def _head(session: Session, visit: Visit, lock: bool = False) -> IntakeResponse | None:
    query = select(IntakeResponse).where(IntakeResponse.appointment_id == visit.id)
    if lock:
        query = query.with_for_update(key_share=True)
    return session.scalar(query)


def read(user: User, appointment_id: int) -> IntakeOut:
    """The appointment's questions, current answers and takes. Raises as `_visit`."""
    with transaction() as session:
        visit = _visit(session, user, appointment_id)
        record_access(session, user, AuditAction.INTAKE_READ, [visit.patient_id])
        return intake_out(session, visit, _head(session, visit), utcnow())


def answer(patient: User, appointment_id: int, body: AnswersBody) -> IntakeOut:
    """Save the patient's answer set as the next version. Raises as `_visit`, then
    IntakeClosed (409: started, ended, cancelled), NoQuestionnaire (409), InvalidAnswer,
    IntakeLimitReached (422), VersionConflict (409)."""
    with transaction() as session:
        visit = _visit(session, patient, appointment_id)
        if visit.patient_id != patient.id:
            raise NotFound()
        return _write(session, patient, visit, body)


def read_by_link(
    token: str,
    address: str,
) -> IntakeOut:
    """`read` through the visit's manage link (no session: the link acts as the patient).
    Raises RateLimited, NotFound, LinkChanged as the link page."""
    now = count_link_request(address)
    with transaction() as session:
        visit = visit_of_link(session, token, now)
        record_access(session, visit.patient, AuditAction.INTAKE_READ, [visit.patient_id])
        return intake_out(session, visit, _head(session, visit), now)


def answer_by_link(token: str, address: str, body: AnswersBody) -> IntakeOut:
    """`answer` through the visit's manage link."""
    now = count_link_request(address)
    with transaction() as session:
        visit = visit_of_link(session, token, now)
        return _write(session, visit.patient, visit, body)


def _write(session: Session, patient: User, visit: Visit, body: AnswersBody) -> IntakeOut:
    now = utcnow()
    if not visit.is_upcoming(now):
        raise IntakeClosed()
    questions = active_questions(
        session, effective_type_id(session, visit.doctor_id, visit.visit_type_id)
    )
    if not questions:
        raise NoQuestionnaire()
    answers = check_answers(questions, body.answers, current_app.config["INTAKE_MAX_ANSWER_CHARS"])
    head = _head(session, visit, lock=True)
    if head is None:
        ensure_base(body.base_version, 0)
        head = IntakeResponse(
            appointment_id=visit.id, patient_id=visit.patient_id, created_at=now, current_version=1
        )
        try:
            session.add(head)
            session.flush()
        except IntegrityError:
            raise VersionConflict() from None  # another first answer won
        number = 1
    else:
        limit: int = current_app.config["INTAKE_MAX_VERSIONS"]
        if head.current_version >= limit:
            raise IntakeLimitReached({"answers": f"at most {limit} versions (INTAKE_MAX_VERSIONS)"})
        ensure_base(body.base_version, head.current_version)
        number = advance(session, IntakeResponse, head.id, head.current_version)
    insert_version(
        session,
        IntakeResponseVersion(
            response_id=head.id, version=number, answers=answers, written_by=patient.id,
            written_at=now,
        ),
    )  # fmt: skip
    record_access(session, patient, AuditAction.INTAKE_ANSWER, [visit.patient_id])
    session.refresh(head)
    return intake_out(session, visit, head, now)


def history(user: User, appointment_id: int) -> list[ResponseOut]:
    """Every answer set of the appointment, oldest first (same readers as `read`)."""
    with transaction() as session:
        visit = _visit(session, user, appointment_id)
        record_access(session, user, AuditAction.INTAKE_READ_HISTORY, [visit.patient_id])
        head = _head(session, visit)
        if head is None:
            return []
        versions = list(
            session.scalars(
                select(IntakeResponseVersion)
                .where(IntakeResponseVersion.response_id == head.id)
                .order_by(IntakeResponseVersion.version)
            )
        )
        asked = questions_by_id(session, (a["questionId"] for v in versions for a in v.answers))
        return [response_out(session, v, asked) for v in versions]


def _take_value(kind: str, answered: Any, chosen: str | None) -> str:
    """The text that becomes the entry: the free-text answer whole, the one choice, or one
    chosen option of several. NotTakeable otherwise."""
    if kind == "several_choices":
        if chosen is None or chosen not in answered:
            raise NotTakeable({"value": "must be one of the options the patient chose"})
        return chosen
    if chosen is not None and chosen != answered:
        raise NotTakeable({"value": "must be the patient's answer"})
    value = str(answered)
    if len(value) > MAX_OPTION_LENGTH or "\n" in value or "\r" in value:
        raise NotTakeable({"questionId": "the answer is too long for one entry: add it by hand"})
    return value


def take(doctor: User, appointment_id: int, body: TakeBody) -> TakenOut:
    """Add one answer to the chart list its question maps to (allergies: the substance;
    medications: the name), once. Raises as `_visit`, NotTakeable (422), AlreadyTaken (409),
    the list's own 422s."""
    with transaction() as session:
        visit = _visit(session, doctor, appointment_id)
        if visit.doctor_id != doctor.id:
            raise NotFound()
        head = _head(session, visit, lock=True)
        current = (
            session.get(IntakeResponseVersion, (head.id, head.current_version)) if head else None
        )
        answered = next(
            (
                a["value"]
                for a in (current.answers if current else [])
                if a["questionId"] == body.question_id
            ),
            None,
        )
        question = questions_by_id(session, [body.question_id]).get(body.question_id)
        if head is None or answered is None or question is None:
            raise NotTakeable({"questionId": "has no answer in the current answers"})
        if question.maps_to is None:
            raise NotTakeable({"questionId": "does not map to a chart list"})
        value = _take_value(question.kind, answered, body.value)
        if session.scalar(
            select(IntakeTaken.id).where(
                IntakeTaken.response_id == head.id,
                IntakeTaken.question_id == question.id,
                IntakeTaken.value == value,
            )
        ):
            raise AlreadyTaken()
        chart, field = LISTS[question.maps_to]
        try:
            data = chart.create_schema.model_validate({field: value})
        except ValidationError:
            raise NotTakeable(
                {"questionId": "the answer cannot be a list entry as it is"}
            ) from None
        item = insert_item(session, doctor, chart, visit.patient_id, data)
        try:
            session.add(
                IntakeTaken(
                    response_id=head.id, question_id=question.id, value=value,
                    list=question.maps_to, chart_entry_id=item.id, taken_by=doctor.id,
                    taken_at=utcnow(),
                )
            )  # fmt: skip
            session.flush()
        except IntegrityError:
            raise AlreadyTaken() from None
        return TakenOut(
            question_id=question.id, value=value, list=question.maps_to, entry_id=item.id
        )
