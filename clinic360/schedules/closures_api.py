"""Clinic closures endpoints: the public list, and the admin's changes and imports."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user, user_or_guest
from clinic360.accounts.models import Role
from clinic360.core.http import json_response, no_content
from clinic360.schedules import closures
from clinic360.schedules.closure_schemas import (
    ClosureAdminList,
    ClosureAdminOut,
    ClosureBody,
    ClosureImportBody,
    ClosureImportOut,
    ClosureList,
    ClosureOut,
    ClosurePath,
    ClosureQuery,
)

bp = APIBlueprint("closures", __name__, url_prefix="/api", abp_tags=[Tag(name="schedules")])
admin_bp = APIBlueprint(
    "closures_admin", __name__, url_prefix="/api/admin", abp_tags=[Tag(name="admin")]
)


@bp.get("/closures", responses={200: ClosureList})
def list_closures(query: ClosureQuery) -> Response:
    """The dates the clinic is closed (of one year with `year`), by date (public)."""
    user_or_guest()
    found = closures.list_closures(query.year)
    return json_response([ClosureOut.model_validate(c) for c in found], total=len(found))


@admin_bp.get("/closures", responses={200: ClosureAdminList})
def admin_list_closures(query: ClosureQuery) -> Response:
    """The closures with who added them and when."""
    require_user(Role.ADMIN)
    found = closures.list_closures(query.year)
    return json_response([ClosureAdminOut.model_validate(c) for c in found], total=len(found))


@admin_bp.post("/closures", responses={201: ClosureAdminOut})
def add_closure(body: ClosureBody) -> Response:
    """Close the clinic on a date (409 `closure_exists`; 422 `closure_limit_reached`)."""
    closure = closures.add_closure(require_user(Role.ADMIN), body.date, body.name)
    return json_response(ClosureAdminOut.model_validate(closure), 201)


@admin_bp.delete("/closures/<int:closure_id>", responses={204: None})
def delete_closure(path: ClosurePath) -> Response:
    """Reopen a closure's date."""
    closures.delete_closure(require_user(Role.ADMIN), path.closure_id)
    return no_content()


@admin_bp.post("/closures/import", responses={200: ClosureImportOut})
def import_closures(body: ClosureImportBody) -> Response:
    """Close the clinic on a country's (and region's) public holidays of a year;
    idempotent (422 `unknown_country`, `unknown_region`, `closure_limit_reached`)."""
    admin = require_user(Role.ADMIN)
    result = closures.import_holidays(admin, body.country, body.region, body.year)
    return json_response(
        ClosureImportOut(
            added=[ClosureAdminOut.model_validate(c) for c in result.added],
            already_closed=result.already_closed,
        )
    )
