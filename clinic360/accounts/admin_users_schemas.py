"""Request and response bodies of the admin users page (`admin_users_api`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, RootModel, StringConstraints

from clinic360.accounts.models import Role, User
from clinic360.accounts.schemas import OneTimeCode, SuspendBody
from clinic360.core.schemas import ApiModel, Id, Page, SingleLineText, UtcInstant

__all__ = ["AdminUserOut", "MfaResetBody", "SuspendBody", "UserPath", "UserSearch"]


class UserSearch(Page):
    q: Annotated[SingleLineText, StringConstraints(max_length=100)] = Field(
        default="",
        description="Part of the name, username or email (any case); empty: everyone.",
    )
    role: Role | None = None


class UserPath(ApiModel):
    id: Id


class MfaResetBody(ApiModel):
    current_password: Annotated[str, StringConstraints(min_length=1, max_length=1024)] = Field(
        description="The administrator's own password."
    )
    code: OneTimeCode = Field(description="A current code of the administrator's own app.")


class AdminUserOut(ApiModel):
    id: int
    username: str
    email: str
    full_name: str
    role: Role
    approved: bool = Field(description="Doctors: approved (patients and admins: always).")
    suspended: bool
    suspended_at: UtcInstant | None
    suspension_reason: str | None
    mfa_enabled: bool
    created_at: UtcInstant
    last_action: str | None = Field(
        description="The newest administrator action on the account: `suspend`, "
        "`reactivate` or `mfa_reset`."
    )
    last_action_at: UtcInstant | None


class AdminUserList(RootModel[list[AdminUserOut]]):
    pass


def user_row(user: User, last: tuple[str, datetime] | None) -> AdminUserOut:
    """`user` as the admin page shows it, with the newest administrator action on it."""
    return AdminUserOut(
        id=user.id,
        username=user.username,
        email=user.email,
        full_name=user.full_name,
        role=Role(user.role),
        approved=user.approved,
        suspended=user.suspended,
        suspended_at=user.suspended_at,
        suspension_reason=user.suspension_reason,
        mfa_enabled=user.mfa_enabled,
        created_at=user.created_at,
        last_action=last[0] if last else None,
        last_action_at=last[1] if last else None,
    )
