"""The admin users page's endpoints (`/api/admin/users…`, admins only): search every
account, suspend and reactivate it, reset its two-factor sign-in. Thin handlers: role, one
service call (`admin_users`), serialise."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts import admin_users
from clinic360.accounts.admin_users_schemas import (
    AdminUserList,
    AdminUserOut,
    MfaResetBody,
    SuspendBody,
    UserPath,
    UserSearch,
)
from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.core.http import json_response

admin_users_bp = APIBlueprint(
    "accounts_admin_users", __name__, url_prefix="/api/admin", abp_tags=[Tag(name="admin")]
)


@admin_users_bp.get("/users", responses={200: AdminUserList})
def search_users(query: UserSearch) -> Response:
    """Every account whose name, username or email holds `q` (any case), by name; `role`
    narrows it. Total in `X-Total-Count`."""
    require_user(Role.ADMIN)
    items, total = admin_users.search(query.q, query.role, query.limit, query.offset)
    return json_response(items, total=total)


@admin_users_bp.post("/users/<int:id>/suspend", responses={200: AdminUserOut})
def suspend_user(path: UserPath, body: SuspendBody) -> Response:
    """Suspend account `:id`: its sessions end at once, it can no longer sign in (a doctor
    also leaves search and their upcoming appointments are cancelled). 409 `own_account`."""
    admin = require_user(Role.ADMIN)
    return json_response(admin_users.suspend(admin, path.id, body.reason))


@admin_users_bp.post("/users/<int:id>/reactivate", responses={200: AdminUserOut})
def reactivate_user(path: UserPath) -> Response:
    """Lift account `:id`'s suspension (a doctor is approved again and emailed)."""
    admin = require_user(Role.ADMIN)
    return json_response(admin_users.reactivate(admin, path.id))


@admin_users_bp.post("/users/<int:id>/mfa-reset", responses={200: AdminUserOut})
def reset_user_mfa(path: UserPath, body: MfaResetBody) -> Response:
    """Turn account `:id`'s two-factor sign-in off (a lost device) after re-entering the
    administrator's own password and a current code of their own app (422 when either is
    wrong, 429 when throttled); the user is emailed and signed out. 409 `mfa_not_enabled`."""
    admin = require_user(Role.ADMIN)
    reset = admin_users.reset_mfa(admin, path.id, body.current_password, body.code)
    return json_response(reset)
