"""The emails of the accounts domain, written to the email outbox in the caller's transaction.

They carry ids only (and the reset token, which the template needs); the worker renders them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.outbox.enqueue import enqueue_email
from clinic360.outbox.models import EmailKind


def password_reset(session: Session, user: User, token: str, token_id: int) -> None:
    enqueue_email(
        session,
        kind=EmailKind.PASSWORD_RESET,
        recipient_id=user.id,
        idempotency_key=f"password-reset:{token_id}",
        params={"token": token},
    )


def password_changed(session: Session, user: User, change_id: str) -> None:
    """A notice that the password was changed or reset (no secret in it): if it was not the
    user, the email links to the reset page."""
    enqueue_email(
        session,
        kind=EmailKind.PASSWORD_CHANGED,
        recipient_id=user.id,
        idempotency_key=f"password-changed:{user.id}:{change_id}",
    )


def email_changed(session: Session, user: User, old_address: str, change_id: str) -> None:
    """A notice to the address the account had before the change."""
    enqueue_email(
        session,
        kind=EmailKind.EMAIL_CHANGED,
        recipient_id=user.id,
        idempotency_key=f"email-changed:{user.id}:{change_id}",
        to_address=old_address,
    )


def doctor_status(session: Session, doctor: User, *, approved: bool, change_id: str) -> None:
    """Tell a doctor they were approved or suspended (the reason is not emailed)."""
    kind = EmailKind.DOCTOR_APPROVED if approved else EmailKind.DOCTOR_SUSPENDED
    enqueue_email(
        session,
        kind=kind,
        recipient_id=doctor.id,
        idempotency_key=f"{kind.value}:{doctor.id}:{change_id}",
    )


def invitation(session: Session, user: User, invitation_id: int) -> None:
    """The link to claim an account the front desk or an admin created (the relay derives
    the token from the invitation's id: nothing secret in the payload)."""
    enqueue_email(
        session,
        kind=EmailKind.ACCOUNT_INVITATION,
        recipient_id=user.id,
        idempotency_key=f"account-invitation:{invitation_id}",
        params={"invitationId": str(invitation_id)},
    )


def mfa_reset(session: Session, user: User, change_id: str) -> None:
    """A notice that an administrator turned the user's two-factor sign-in off (no secret):
    they sign in with their password and set it up again."""
    enqueue_email(
        session,
        kind=EmailKind.MFA_RESET,
        recipient_id=user.id,
        idempotency_key=f"mfa-reset:{user.id}:{change_id}",
    )
