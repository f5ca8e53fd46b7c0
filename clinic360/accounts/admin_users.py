"""The administrators' users page: find any account, suspend and reactivate it, reset a
user's two-factor sign-in when they lost their device.

Each action owns one transaction, locks the user's row, and writes its `admin_actions` row
in it (no row, no action); acting twice changes nothing and writes nothing. Suspension ends
the user's sessions at once (`service.suspend_locked`: the session epoch moves). A reset of
two-factor sign-in is a step-up action: the administrator re-enters their own password and
a current code of their own authenticator first (both throttled, the code single-use); the
user is emailed (no secret in it) and their sessions end. Administrators do not act on their
own account here (409 `own_account`): another administrator, or the CLI, does.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime

from flask import g, has_request_context
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clinic360.accounts import emails, mfa, service
from clinic360.accounts.admin_models import AdminAction, AdminActionKind
from clinic360.accounts.admin_users_schemas import AdminUserOut, user_row
from clinic360.accounts.errors import MfaNotEnabled, OwnAccount
from clinic360.accounts.models import Role, User
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound

log = logging.getLogger("clinic360.accounts")


def search(q: str, role: Role | None, limit: int, offset: int) -> tuple[list[AdminUserOut], int]:
    """Accounts whose name, username or email holds `q` (any case), by name, and the total."""
    query = select(User)
    needle = q.strip().lower()
    if needle:
        query = query.where(
            or_(
                *(
                    func.lower(column).contains(needle, autoescape=True)
                    for column in (User.full_name, User.username, User.email)
                )
            )
        )
    if role is not None:
        query = query.where(User.role == role.value)
    with transaction(write=False) as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        users = session.scalars(
            query.order_by(func.lower(User.full_name), User.id).limit(limit).offset(offset)
        ).all()
        last = _last_actions(session, [u.id for u in users])
        return [user_row(u, last.get(u.id)) for u in users], total


def suspend(admin: User, user_id: int, reason: str) -> AdminUserOut:
    """Suspend the account (its sessions end at once; a doctor's appointments are cancelled
    as by `service.suspend_doctor`). Raises NotFound, OwnAccount."""

    def act(session: Session, user: User) -> bool:
        if user.suspended:
            return False
        service.suspend_locked(session, user, reason)
        return True

    return _act(admin, user_id, AdminActionKind.SUSPEND, act, reason)


def reactivate(admin: User, user_id: int) -> AdminUserOut:
    """Lift the suspension (a doctor is approved again and emailed). NotFound, OwnAccount."""

    def act(session: Session, user: User) -> bool:
        if not user.suspended:
            return False
        service.reinstate_locked(session, user)
        return True

    return _act(admin, user_id, AdminActionKind.REACTIVATE, act)


def reset_mfa(admin: User, user_id: int, password: str, code: str) -> AdminUserOut:
    """Turn the user's two-factor sign-in off after the administrator's step-up; the user
    is emailed and signed out everywhere. Raises ValidationFailed (wrong password or code:
    nothing changes), RateLimited, NotFound, OwnAccount, MfaNotEnabled."""
    if admin.id == user_id:
        raise OwnAccount()
    service.reauthenticate(admin, password)
    mfa.verify_step_up_code(admin, code)

    def act(session: Session, user: User) -> bool:
        if not user.mfa_enabled:
            raise MfaNotEnabled()
        mfa.turn_off_locked(session, user)
        emails.mfa_reset(session, user, uuid.uuid4().hex)
        return True

    return _act(admin, user_id, AdminActionKind.MFA_RESET, act)


def _act(
    admin: User,
    user_id: int,
    kind: AdminActionKind,
    act: Callable[[Session, User], bool],
    reason: str | None = None,
) -> AdminUserOut:
    if admin.id == user_id:
        raise OwnAccount()
    with transaction() as session:
        user = session.get(User, user_id, populate_existing=True, with_for_update=True)
        if user is None:
            raise NotFound()
        if act(session, user):
            request_id = g.get("request_id") if has_request_context() else None
            session.add(
                AdminAction(
                    at=utcnow(), admin_id=admin.id, user_id=user.id, action=kind.value,
                    reason=reason, request_id=request_id,
                )
            )  # fmt: skip
            session.flush()
            log.info("admin action", extra={"user_id": admin.id, "target_id": user.id,
                                            "action": kind.value})  # fmt: skip
        return user_row(user, _last_actions(session, [user.id]).get(user.id))


def _last_actions(session: Session, user_ids: list[int]) -> dict[int, tuple[str, datetime]]:
    """Per user, the newest administrator action on them and when."""
    if not user_ids:
        return {}
    newest = (
        select(AdminAction.user_id, func.max(AdminAction.id).label("id"))
        .where(AdminAction.user_id.in_(user_ids))
        .group_by(AdminAction.user_id)
        .subquery()
    )
    rows = session.execute(
        select(AdminAction.user_id, AdminAction.action, AdminAction.at).join(
            newest, AdminAction.id == newest.c.id
        )
    ).all()
    return {user_id: (action, at) for user_id, action, at in rows}
