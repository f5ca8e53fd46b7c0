"""Invitations to claim an account: `<PUBLIC_URL>/claim-account#token=<token>`.

A patient the front desk registered (no password) and a staff member an admin created get
one by email. The token is derived, never stored: `<invitation id>.<mac>`, the base64url
HMAC-SHA256 of the invitation's id and user id under a key derived from SECRET_KEY for this
purpose alone (as `appointments/links.py`); the relay derives it when it renders the email,
so neither the outbox nor any table holds it. The row makes it single use (`used_at`) and
short-lived (`expires_at`, INVITATION_HOURS); a newer invitation of the user voids older ones.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from clinic360.accounts import emails
from clinic360.accounts.errors import InvalidInvitation, UsernameTaken
from clinic360.accounts.models import UNCLAIMED_HASH, AccountInvitation, User
from clinic360.accounts.passwords import hash_password, password_problem
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import ValidationFailed

log = logging.getLogger("clinic360.accounts")

_PURPOSE = b"clinic360/account-invitation/v1"
_SHAPE = re.compile(r"^([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$")


def _mac(invitation_id: int, user_id: int) -> str:
    secret: str = current_app.config["SECRET_KEY"]
    key = hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).digest()
    digest = hmac.new(key, f"{invitation_id}:{user_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_for(invitation_id: int, user_id: int) -> str:
    return f"{invitation_id}.{_mac(invitation_id, user_id)}"


def claim_url(invitation_id: int, user_id: int) -> str:
    """The link of the invitation email (the token in the fragment: never sent to a server
    by the browser, never in a Referer header)."""
    base: str = current_app.config["PUBLIC_URL"]
    return f"{base.rstrip('/')}/claim-account#token={token_for(invitation_id, user_id)}"


def invite(session: Session, user: User, by: User) -> AccountInvitation:
    """Issue an invitation for `user` (older open ones of the user stop working) and queue its
    email, inside the caller's transaction."""
    now = utcnow()
    session.execute(
        update(AccountInvitation)
        .where(AccountInvitation.user_id == user.id, AccountInvitation.used_at.is_(None))
        .values(used_at=now)
    )
    row = AccountInvitation(
        user_id=user.id,
        created_by=by.id,
        created_at=now,
        expires_at=now + timedelta(hours=current_app.config["INVITATION_HOURS"]),
    )
    session.add(row)
    session.flush()
    emails.invitation(session, user, row.id)
    return row


def _parse(token: str) -> int | None:
    match = _SHAPE.match(token)
    return int(match.group(1)) if match else None


def claim(token: str, password: str, username: str | None) -> User:
    """Set the password (and optionally a new username) of the invited account; the
    invitation is used up. Raises InvalidInvitation (unknown, altered, used, expired, or the
    account already claimed: all alike), ValidationFailed (password rules), UsernameTaken."""
    invitation_id = _parse(token)
    if invitation_id is None:
        raise InvalidInvitation()
    now = utcnow()
    with transaction() as session:
        row = session.get(AccountInvitation, invitation_id, with_for_update=True)
        if (
            row is None
            or row.used_at is not None
            or row.expires_at <= now
            or not hmac.compare_digest(token.split(".")[1], _mac(row.id, row.user_id))
        ):
            raise InvalidInvitation()
        user = session.get(User, row.user_id, populate_existing=True, with_for_update=True)
        if user is None or user.suspended or user.password_hash != UNCLAIMED_HASH:
            raise InvalidInvitation()
        if username is not None and username.lower() != user.username.lower():
            taken = session.scalar(
                select(User.id).where(func.lower(User.username) == username.lower())
            )
            if taken is not None:
                raise UsernameTaken()
            user.username = username
        if reason := password_problem(password, user.username):
            raise ValidationFailed({"password": reason})
        row.used_at = now
        user.password_hash = hash_password(password)
        user.session_epoch += 1
        emails.password_changed(session, user, f"claim-{row.id}")
    log.info("account claimed", extra={"user_id": user.id})
    return user
