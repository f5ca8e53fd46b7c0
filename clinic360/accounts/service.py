"""Account rules: registration, authentication, profile, passwords, resets, doctor approval.

Each public function owns one transaction. Throttling happens here too (`throttle`), with
the client address passed in by the handler.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic360.accounts import emails, specializations, throttle
from clinic360.accounts.doctors import DOCTOR_FIELDS, apply_doctor_fields, doctor_saved
from clinic360.accounts.errors import (
    AccountSuspended,
    EmailTaken,
    InvalidCredentials,
    InvalidResetToken,
    UsernameTaken,
)
from clinic360.accounts.models import (
    DEFAULT_SLOT_MINUTES,
    PasswordResetToken,
    Role,
    User,
    email_key,
)
from clinic360.accounts.passwords import hash_password, password_problem, verify_password
from clinic360.accounts.phones import normalise_mobile
from clinic360.accounts.schemas import RegisterBody, UpdateUserBody
from clinic360.accounts.throttle import Client
from clinic360.core.clock import utcnow
from clinic360.core.db import db, transaction
from clinic360.core.durations import step_label
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.core.tokens import token_digest

log = logging.getLogger("clinic360.accounts")

RESET_TOKEN_BYTES = 32  # 256 bits from `secrets`

SuspensionHook = Callable[[Session, User], None]
_suspension_hooks: list[SuspensionHook] = []


def register(data: RegisterBody, address: str) -> User:
    """Create a patient or doctor.

    Raises RateLimited (registrations per address), ValidationFailed (password rules, doctor
    without specialization, a patient with one), UnknownSpecialization (not an active entry
    of the list), UsernameTaken or EmailTaken (ignoring case, enforced by unique indexes).
    """
    throttle.before_registration(address)
    errors: dict[str, str] = {}
    if reason := password_problem(data.password, data.username):
        errors["password"] = reason
    is_doctor = data.role == Role.DOCTOR.value
    choice = data.specialization_choice
    if is_doctor and choice is None:
        errors["specialization"] = "is required for doctors"
    if is_doctor:
        for value, name in (
            (data.date_of_birth, "dateOfBirth"),
            (data.mobile_phone, "mobilePhone"),
        ):
            if value is not None:
                errors[name] = "only patients have this field"
    if errors:
        raise ValidationFailed(errors)
    phone = data.mobile_phone.strip() if data.mobile_phone else ""
    user = User(
        username=data.username,
        email=str(data.email),
        full_name=data.full_name,
        role=data.role,
        timezone=data.timezone,
        slot_minutes=(data.slot_minutes or DEFAULT_SLOT_MINUTES) if is_doctor else None,
        approved=not is_doctor or current_app.config["DOCTOR_APPROVAL"] == "auto",
        password_hash=hash_password(data.password),
        session_epoch=0,
        date_of_birth=data.date_of_birth,
        mobile_phone=normalise_mobile(phone) if phone else None,
    )
    insert_user(user, choice if is_doctor else None)
    return user


def create_admin(username: str, email: str, full_name: str, password: str) -> User:
    """Create an administrator (only the `flask create-admin` command calls this).

    Raises ValidationFailed, UsernameTaken or EmailTaken.
    """
    if reason := password_problem(password, username):
        raise ValidationFailed({"password": reason})
    user = User(
        username=username,
        email=email,
        full_name=full_name,
        role=Role.ADMIN.value,
        timezone="UTC",
        approved=True,
        password_hash=hash_password(password),
        session_epoch=0,
    )
    insert_user(user)
    log.info("admin created", extra={"user_id": user.id})
    return user


def insert_user(user: User, specialization: specializations.Choice | None = None) -> None:
    try:
        with transaction() as session:
            raise_if_taken(user.username, user.email)
            if specialization is not None:
                specializations.assign(user, specializations.choose(session, specialization))
            session.add(user)
            if user.role == Role.DOCTOR.value:
                session.flush()
                doctor_saved(session, user)
    except IntegrityError:  # lost a race against a concurrent registration
        raise_if_taken(user.username, user.email)
        raise


def raise_if_taken(username: str | None, email: str | None, *, ignore_id: int = 0) -> None:
    if username is not None and db.session.scalar(
        select(User.id).where(func.lower(User.username) == username.lower(), User.id != ignore_id)
    ):
        raise UsernameTaken()
    if email is not None and db.session.scalar(
        select(User.id).where(User.email_key == email_key(email), User.id != ignore_id)
    ):
        raise EmailTaken()


def find_login_user(identifier: str) -> User | None:
    """The account `identifier` names: an email address (it has an '@'; usernames cannot)
    compared by `email_key`, otherwise a username ignoring case. One indexed query either way.
    """
    if "@" in identifier:
        return db.session.scalar(select(User).where(User.email_key == email_key(identifier)))
    return db.session.scalar(select(User).where(func.lower(User.username) == identifier.lower()))


def authenticate(identifier: str, password: str, client: Client) -> User:
    """The user with these credentials; `identifier` is the username or the email address.

    Raises RateLimited (login throttle; the same for unknown identifiers, the counts are per
    account whichever identifier names it, and the cap per account does not apply to a known
    client of the user), InvalidCredentials (unknown user or wrong password, same cost either
    way), AccountSuspended (right password of a suspended account).
    """
    user = find_login_user(identifier)
    subject = throttle.login_subject(identifier, user)
    counted = throttle.before_login(subject, user, client)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        throttle.login_failed(subject, user, client)
        raise InvalidCredentials()
    throttle.login_succeeded(subject, user, client, counted=counted)
    if user.suspended:
        raise AccountSuspended()
    return user


def reauthenticate(user: User, password: str | None) -> None:
    """Check the caller's current password (throttled per user); ValidationFailed if wrong."""
    if not password:
        raise ValidationFailed({"currentPassword": "is required"})
    throttle.before_reauthentication(user.id)
    if not verify_password(user.password_hash, password):
        raise ValidationFailed({"currentPassword": "is not correct"})
    throttle.reauthentication_succeeded(user.id)


def update_profile(user: User, data: UpdateUserBody) -> User:
    """Apply the fields present in `data`; an email change needs `currentPassword`.

    The old address is told about an email change. Raises ValidationFailed (doctor-only
    fields for others, missing or wrong current password), UnknownSpecialization (not an
    active entry of the list, nor the doctor's current one), RateLimited, EmailTaken.
    """
    is_doctor = user.role == Role.DOCTOR.value
    choice = data.specialization_choice
    errors: dict[str, str] = {}
    if not is_doctor:
        doctor_only = ((getattr(data, field), name) for field, name in DOCTOR_FIELDS)
        for value, name in ((choice, "specialization"), *doctor_only):
            if value is not None:
                errors[name] = "only doctors have this field"
    if user.role != Role.PATIENT.value:
        for value, name in (
            (data.mobile_phone, "mobilePhone"),
            (data.sms_reminders, "smsReminders"),
            (data.date_of_birth, "dateOfBirth"),
        ):
            if value is not None:
                errors[name] = "only patients have this field"
    steps_off = (
        None if data.reminder_steps_off is None else _reminder_steps(data.reminder_steps_off)
    )
    if errors:
        raise ValidationFailed(errors)
    phone = None
    if data.mobile_phone is not None and data.mobile_phone.strip():
        phone = normalise_mobile(data.mobile_phone.strip())
    new_email = str(data.email) if data.email is not None else None
    changes_email = new_email is not None and new_email != user.email
    if changes_email:
        reauthenticate(user, data.current_password)
    try:
        with transaction() as session:
            fresh = _locked(session, user.id)
            if changes_email and new_email is not None:
                raise_if_taken(None, new_email, ignore_id=fresh.id)
                old_address = fresh.email
                fresh.email = new_email
                emails.email_changed(session, fresh, old_address, uuid.uuid4().hex)
            if data.full_name is not None:
                fresh.full_name = data.full_name
            if data.timezone is not None:
                fresh.timezone = data.timezone
            if is_doctor and choice is not None:
                entry = specializations.choose(session, choice, fresh.specialization_id)
                specializations.assign(fresh, entry)
            if is_doctor:
                apply_doctor_fields(fresh, data)
                session.flush()
                doctor_saved(session, fresh)
            if steps_off is not None:
                fresh.reminder_steps_off = steps_off
            if data.date_of_birth is not None:
                fresh.date_of_birth = data.date_of_birth
            if data.mobile_phone is not None:
                _set_mobile(fresh, phone, data.sms_reminders)
            elif data.sms_reminders is not None:
                _set_mobile(fresh, fresh.mobile_phone, data.sms_reminders)
    except IntegrityError:  # a concurrent registration took the address
        raise EmailTaken() from None
    return fresh


def _set_mobile(user: User, phone: str | None, sms: bool | None) -> None:
    """The patient's number (None clears it, and SMS with it) and SMS choice."""
    wants_sms = user.sms_reminders if sms is None else sms
    if wants_sms and phone is None:
        if sms:
            raise ValidationFailed({"smsReminders": "add a mobile number first"})
        wants_sms = False
    user.mobile_phone = phone
    user.sms_reminders = wants_sms


def _reminder_steps(names: list[str]) -> list[int]:
    """Minutes of the named steps of REMINDER_SCHEDULE; ValidationFailed for other names."""
    schedule = {step_label(minutes): minutes for minutes in current_app.config["REMINDER_SCHEDULE"]}
    unknown = [name for name in names if name not in schedule]
    if unknown:
        known = ", ".join(schedule) or "none"
        raise ValidationFailed(
            {"reminderStepsOff": f"unknown step {unknown[0]!r}; the steps are {known}"}
        )
    return sorted({schedule[name] for name in names}, reverse=True)


def change_password(user: User, current_password: str, new_password: str) -> User:
    """Replace the password and end every session of the user (the caller starts a new one);
    a "your password was changed" email is queued in the same transaction.

    Raises ValidationFailed (wrong current password, rules of the new one), RateLimited.
    """
    reauthenticate(user, current_password)
    if reason := password_problem(new_password, user.username):
        raise ValidationFailed({"newPassword": reason})
    new_hash = hash_password(new_password)
    with transaction() as session:
        fresh = _locked(session, user.id)
        fresh.password_hash = new_hash
        fresh.session_epoch += 1
        emails.password_changed(session, fresh, uuid.uuid4().hex)
    log.info("password changed", extra={"user_id": fresh.id})
    return fresh


def request_password_reset(email: str, client: Client) -> None:
    """Email a single-use reset link when `email` belongs to an account; silent otherwise,
    and silent once the email's hourly quota is used up (a known device of the account is
    not counted).

    Raises RateLimited (per client address, whether or not the email is known).
    """
    user = db.session.scalar(select(User).where(User.email_key == email_key(email)))
    if not throttle.reset_email_allowed(email, user, client):
        return
    token = secrets.token_urlsafe(RESET_TOKEN_BYTES)
    lifetime = timedelta(minutes=current_app.config["PASSWORD_RESET_TOKEN_MINUTES"])
    with transaction() as session:
        user = session.scalar(select(User).where(User.email_key == email_key(email)))
        if user is None or user.suspended:
            return
        now = utcnow()
        epoch, email_digest = PasswordResetToken.binding(user)
        row = PasswordResetToken(
            user_id=user.id,
            token_hash=token_digest(token),
            session_epoch=epoch,
            email_digest=email_digest,
            created_at=now,
            expires_at=now + lifetime,
        )
        session.add(row)
        session.flush()
        emails.password_reset(session, user, token, row.id)
    log.info("password reset requested", extra={"user_id": user.id})


def confirm_password_reset(token: str, new_password: str) -> User:
    """Set a new password with a reset token; the token is used up, every session ends, and a
    "your password was changed" email is queued in the same transaction.

    Raises InvalidResetToken (unknown, used, expired; exactly one of concurrent uses wins),
    ValidationFailed (password rules).
    """
    now = utcnow()
    digest = token_digest(token)
    with transaction() as session:
        row = session.scalar(
            select(PasswordResetToken).where(
                PasswordResetToken.token_hash == digest,
                PasswordResetToken.used_at.is_(None),
                PasswordResetToken.expires_at > now,
            )
        )
        if row is None:
            raise InvalidResetToken()
        user = _locked(session, row.user_id)
        if user.suspended or not row.issued_for(user):
            raise InvalidResetToken()
        if reason := password_problem(new_password, user.username):
            raise ValidationFailed({"newPassword": reason})
        claimed = session.execute(
            update(PasswordResetToken)
            .where(PasswordResetToken.id == row.id, PasswordResetToken.used_at.is_(None))
            .values(used_at=now)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise InvalidResetToken()
        # Every other link of this user stops working too.
        session.execute(
            update(PasswordResetToken)
            .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
            .values(used_at=now)
        )
        user.password_hash = hash_password(new_password)
        user.session_epoch += 1
        emails.password_changed(session, user, f"reset-{row.id}")
    log.info("password reset", extra={"user_id": user.id})
    return user


def _locked(session: Session, user_id: int) -> User:
    """The user row, re-read and locked for update (fresh even if already loaded)."""
    user = session.get(User, user_id, populate_existing=True, with_for_update=True)
    if user is None:
        raise NotFound()
    return user


# --- administrators -------------------------------------------------------------------


def list_doctors(approved: bool | None, limit: int, offset: int) -> tuple[list[User], int]:
    """Doctors (all, or only approved / not approved), oldest first, and their total."""
    query = select(User).where(User.role == Role.DOCTOR.value)
    if approved is not None:
        query = query.where(User.approved.is_(approved))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    doctors = db.session.scalars(query.order_by(User.id).limit(limit).offset(offset)).all()
    return list(doctors), total


def approve_doctor(doctor_id: int, admin: User) -> User:
    """Approve (or reinstate) a doctor and email them; approving twice sends one email.

    Raises NotFound when `doctor_id` is not a doctor.
    """
    with transaction() as session:
        doctor = _locked_doctor(session, doctor_id)
        if doctor.approved:
            return doctor
        reinstate_locked(session, doctor)
    log.info("doctor approved", extra={"user_id": admin.id, "doctor_id": doctor.id})
    return doctor


def reinstate_locked(session: Session, user: User) -> None:
    """Lift `user`'s suspension (the row locked by the caller); a doctor is approved again
    and told by email. The one rule of reinstating, for doctors and every other account."""
    user.suspended_at = None
    user.suspension_reason = None
    if user.role == Role.DOCTOR.value:
        user.approved = True
        emails.doctor_status(session, user, approved=True, change_id=uuid.uuid4().hex)


def on_doctor_suspended(hook: SuspensionHook) -> None:
    """Run `hook(session, doctor)` inside every suspension's transaction.

    The appointments domain registers the cancellation of the doctor's future appointments
    (and the emails to their patients) here, so both commit or fail together.
    """
    if hook not in _suspension_hooks:
        _suspension_hooks.append(hook)


def suspend_doctor(doctor_id: int, reason: str, admin: User) -> User:
    """Suspend a doctor and commit: not approved, every session ends, no more logins, an
    email tells them.

    Hooks registered with `on_doctor_suspended` run in the same transaction. Suspending a
    suspended doctor changes nothing. Raises NotFound when `doctor_id` is not a doctor.
    """
    with transaction() as session:
        doctor = _locked_doctor(session, doctor_id)
        if doctor.suspended:
            return doctor
        suspend_locked(session, doctor, reason)
    log.info("doctor suspended", extra={"user_id": admin.id, "doctor_id": doctor.id})
    return doctor


def suspend_locked(session: Session, user: User, reason: str) -> None:
    """Suspend `user` (the row locked by the caller, not suspended): every session ends at
    once (epoch + 1), no more logins. A doctor is also unapproved (out of search), emailed,
    and the hooks of `on_doctor_suspended` run. The one rule of suspending."""
    user.suspended_at = utcnow()
    user.suspension_reason = reason
    user.session_epoch += 1
    if user.role != Role.DOCTOR.value:
        return
    user.approved = False
    session.flush()
    emails.doctor_status(session, user, approved=False, change_id=uuid.uuid4().hex)
    for hook in _suspension_hooks:
        hook(session, user)


def _locked_doctor(session: Session, doctor_id: int) -> User:
    doctor = session.get(User, doctor_id, populate_existing=True, with_for_update=True)
    if doctor is None or doctor.role != Role.DOCTOR.value:
        raise NotFound()
    return doctor
