"""Intake questionnaire endpoints (API.md "Intake questionnaires"): a visit type's
questions (its doctor, admins), an appointment's answers (its patient writes; its patient
and doctor read; the doctor takes answers into the chart lists), and the same answers
through the visit's manage link (no session: the link is the credential, CSRF off as for
the other manage-link endpoints). Handlers are thin: role, one service call, serialise."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.accounts.throttle import client_address
from clinic360.appointments.manage_schemas import ManageTokenPath
from clinic360.core.http import json_response
from clinic360.core.security import csrf
from clinic360.records import intake, intake_questions
from clinic360.records.intake_schemas import (
    AnswersBody,
    AppointmentPath,
    IntakeOut,
    QuestionList,
    QuestionsBody,
    ResponseHistory,
    TakeBody,
    TakenOut,
    VisitTypeQuestionsPath,
)

intake_bp = APIBlueprint("intake", __name__, url_prefix="/api", abp_tags=[Tag(name="intake")])
intake_link_bp = APIBlueprint(
    "intake_link", __name__, url_prefix="/api/manage", abp_tags=[Tag(name="manage links")]
)
csrf.exempt(intake_link_bp)


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    return response


@intake_bp.get("/visit-types/<int:visit_type_id>/questions", responses={200: QuestionList})
def visit_type_questions(path: VisitTypeQuestionsPath) -> Response:
    """The intake questions of one of the calling doctor's visit types (admins: any)."""
    actor = require_user(Role.DOCTOR, Role.ADMIN)
    items = intake_questions.list_questions(actor, path.visit_type_id)
    return json_response(items, total=len(items))


@intake_bp.put("/visit-types/<int:visit_type_id>/questions", responses={200: QuestionList})
def replace_visit_type_questions(path: VisitTypeQuestionsPath, body: QuestionsBody) -> Response:
    """Replace the visit type's questionnaire (422 `invalid_question`); answers already
    given keep the questions they answered."""
    actor = require_user(Role.DOCTOR, Role.ADMIN)
    items = intake_questions.replace_questions(actor, path.visit_type_id, body)
    return json_response(items, total=len(items))


@intake_bp.get("/appointments/<int:id>/intake", responses={200: IntakeOut})
def appointment_intake(path: AppointmentPath) -> Response:
    """The appointment's questions and current answers: its patient, or its doctor while the
    patient is in their care (others 404)."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    return _private(json_response(intake.read(user, path.id)))


@intake_bp.put("/appointments/<int:id>/intake", responses={200: IntakeOut})
def answer_intake(path: AppointmentPath, body: AnswersBody) -> Response:
    """The patient saves their answers (a new version) before the visit: 422
    `invalid_answer`, 409 `intake_closed` / `no_questionnaire` / `version_conflict`."""
    patient = require_user(Role.PATIENT)
    return _private(json_response(intake.answer(patient, path.id, body)))


@intake_bp.get("/appointments/<int:id>/intake/versions", responses={200: ResponseHistory})
def intake_versions(path: AppointmentPath) -> Response:
    """Every answer set of the appointment, oldest first (same readers as the intake)."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    items = intake.history(user, path.id)
    return _private(json_response(items, total=len(items)))


@intake_bp.post("/appointments/<int:id>/intake/take", responses={201: TakenOut})
def take_intake_answer(path: AppointmentPath, body: TakeBody) -> Response:
    """The visit's doctor adds one answer to the allergies or medications list its question
    maps to (422 `not_takeable`, 409 `already_taken`)."""
    doctor = require_user(Role.DOCTOR)
    return json_response(intake.take(doctor, path.id, body), 201)


@intake_link_bp.get("/<token>/intake", responses={200: IntakeOut}, security=[])
def link_intake(path: ManageTokenPath) -> Response:
    """The visit's intake through its manage link (as `GET /api/appointments/:id/intake`)."""
    return _private(json_response(intake.read_by_link(path.token, client_address())))


@intake_link_bp.put("/<token>/intake", responses={200: IntakeOut}, security=[])
def link_answer_intake(path: ManageTokenPath, body: AnswersBody) -> Response:
    """The patient saves their answers through the visit's manage link."""
    return _private(json_response(intake.answer_by_link(path.token, client_address(), body)))
