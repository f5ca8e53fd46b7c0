"""Visit types endpoints: a doctor's own (admins: any doctor's), and the ones offered."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user, user_or_guest
from clinic360.accounts.models import Role
from clinic360.core.http import json_response, no_content
from clinic360.schedules import visit_types
from clinic360.schedules.models import VisitType
from clinic360.schedules.schemas import DoctorPath
from clinic360.schedules.visit_type_schemas import (
    VisitTypeBody,
    VisitTypeList,
    VisitTypeOut,
    VisitTypePath,
    VisitTypeQuery,
)

bp = APIBlueprint("visit_types", __name__, url_prefix="/api", abp_tags=[Tag(name="schedules")])


def _list(types: list[VisitType]) -> Response:
    return json_response([VisitTypeOut.model_validate(t) for t in types], total=len(types))


@bp.get("/visit-types", responses={200: VisitTypeList})
def managed_visit_types(query: VisitTypeQuery) -> Response:
    """The calling doctor's visit types, retired ones too (admins: `doctorId`'s)."""
    actor = require_user(Role.DOCTOR, Role.ADMIN)
    return _list(visit_types.list_managed(actor, query.doctor_id))


@bp.post("/visit-types", responses={201: VisitTypeOut})
def create_visit_type(body: VisitTypeBody) -> Response:
    """Add a visit type (doctors: their own; admins: `doctorId`'s)."""
    visit_type = visit_types.create(require_user(Role.DOCTOR, Role.ADMIN), body)
    return json_response(VisitTypeOut.model_validate(visit_type), 201)


@bp.put("/visit-types/<int:visit_type_id>", responses={200: VisitTypeOut})
def update_visit_type(path: VisitTypePath, body: VisitTypeBody) -> Response:
    """Replace a visit type; `active: false` retires it (another doctor's: 404)."""
    actor = require_user(Role.DOCTOR, Role.ADMIN)
    visit_type = visit_types.update(actor, path.visit_type_id, body)
    return json_response(VisitTypeOut.model_validate(visit_type))


@bp.delete("/visit-types/<int:visit_type_id>", responses={204: None})
def delete_visit_type(path: VisitTypePath) -> Response:
    """Delete a visit type no appointment uses (used: 409 `visit_type_in_use`)."""
    visit_types.delete(require_user(Role.DOCTOR, Role.ADMIN), path.visit_type_id)
    return no_content()


@bp.get("/doctors/<int:doctor_id>/visit-types", responses={200: VisitTypeList})
def offered_visit_types(path: DoctorPath) -> Response:
    """A doctor's active visit types that patients may book online (not `staff_only`;
    public)."""
    return _list(visit_types.list_offered(user_or_guest(), path.doctor_id))
