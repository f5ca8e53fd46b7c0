"""Two-factor sign-in with TOTP (RFC 6238): enrolment, confirmation, the login code step.

The codes themselves come from pyotp: 160-bit base32 secrets, HMAC-SHA1, 6 digits,
30-second steps (what every authenticator app supports). This module keeps only what is
ours: the code format check, the window, and the used-step bookkeeping. Codes are accepted
for the current 30-second step and one step either side; each step is accepted once per
user (`users.mfa_last_step`, advanced by compare-and-swap, so two concurrent uses of one
code cannot both win). Recovery codes are single-use, stored as SHA-256. Every code check
is throttled per user like a login (`throttle.before_mfa_code`).
"""

from __future__ import annotations

import logging
import secrets

import pyotp
import segno
from flask import current_app
from sqlalchemy import delete, or_, update
from sqlalchemy.orm import Session

from clinic360.accounts import throttle
from clinic360.accounts.errors import (
    InvalidMfaCode,
    MfaAlreadyEnabled,
    MfaNotStarted,
)
from clinic360.accounts.models import MfaRecoveryCode, User
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.core.tokens import token_digest

log = logging.getLogger("clinic360.accounts")

TOTP_DIGITS = 6
TOTP_STEP_SECONDS = 30
TOTP_WINDOW_STEPS = 1  # steps accepted either side of the current one (clock drift)
_TOTP_SECRET_CHARS = 32  # base32: 160 bits, RFC 4226 §4 asks for at least 128
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
_RECOVERY_LENGTH = 16  # 16 characters of a 31-letter alphabet: about 79 bits


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, _RECOVERY_LENGTH, 4))


def _normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_STEP_SECONDS)


def start_enrolment(user: User) -> tuple[str, str, str]:
    """A new (unconfirmed) secret for `user`: (secret, otpauth URI, QR code data URI).

    Starting again replaces an unconfirmed secret. Raises MfaAlreadyEnabled.
    """
    if user.mfa_enabled:
        raise MfaAlreadyEnabled()
    secret = pyotp.random_base32(_TOTP_SECRET_CHARS)
    with transaction() as session:
        fresh = session.get(User, user.id, populate_existing=True, with_for_update=True)
        if fresh is None:
            raise NotFound()
        if fresh.mfa_enabled:
            raise MfaAlreadyEnabled()
        fresh.mfa_secret = secret
        fresh.mfa_last_step = None
    uri = _totp(secret).provisioning_uri(
        name=fresh.username, issuer_name=current_app.config["CLINIC_NAME"]
    )
    qr = segno.make(uri, error="m").svg_data_uri(scale=4, border=2)
    log.info("mfa enrolment started", extra={"user_id": user.id})
    return secret, uri, qr


def confirm_enrolment(user: User, code: str) -> tuple[User, list[str]]:
    """Turn two-factor sign-in on with a first code; returns the user and fresh recovery
    codes (shown once). Every other session of the user ends (epoch + 1).

    Raises MfaNotStarted, MfaAlreadyEnabled, ValidationFailed (wrong code), RateLimited.
    """
    if user.mfa_enabled:
        raise MfaAlreadyEnabled()
    if not user.mfa_secret:
        raise MfaNotStarted()
    throttle.before_mfa_code(user.id)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    with transaction() as session:
        if not _claim_step(session, user, code):
            raise ValidationFailed({"code": "is wrong, expired or already used"})
        fresh = session.get(User, user.id, populate_existing=True, with_for_update=True)
        if fresh is None:
            raise NotFound()
        if fresh.mfa_enabled:
            raise MfaAlreadyEnabled()
        fresh.mfa_enabled_at = utcnow()
        fresh.session_epoch += 1
        session.execute(delete(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user.id))
        session.add_all(
            MfaRecoveryCode(user_id=user.id, code_hash=token_digest(_normalise_recovery_code(c)))
            for c in codes
        )
    throttle.mfa_code_succeeded(user.id)
    log.info("mfa enabled", extra={"user_id": user.id})
    return fresh, codes


def verify_login_code(user: User, code: str | None, recovery_code: str | None) -> None:
    """The second login step: a TOTP code or an unused recovery code.

    Raises InvalidMfaCode (wrong, expired, reused, or neither/both given), RateLimited.
    """
    throttle.before_mfa_code(user.id)
    if (code is None) == (recovery_code is None) or not user.mfa_enabled:
        raise InvalidMfaCode()
    with transaction() as session:
        if code is not None:
            ok = _claim_step(session, user, code)
        else:
            assert recovery_code is not None
            claimed = session.execute(
                update(MfaRecoveryCode)
                .where(
                    MfaRecoveryCode.user_id == user.id,
                    MfaRecoveryCode.code_hash
                    == token_digest(_normalise_recovery_code(recovery_code)),
                    MfaRecoveryCode.used_at.is_(None),
                )
                .values(used_at=utcnow())
            )
            ok = claimed.rowcount == 1  # type: ignore[attr-defined]
    if not ok:
        log.info("mfa code rejected", extra={"user_id": user.id})
        raise InvalidMfaCode()
    throttle.mfa_code_succeeded(user.id)
    log.info("mfa login", extra={"user_id": user.id, "method": "code" if code else "recovery_code"})


def verify_step_up_code(user: User, code: str) -> None:
    """A fresh TOTP code of `user` before a sensitive action (an admin resetting someone's
    two-factor sign-in): throttled and single-use like a login code. ValidationFailed when
    wrong, or when `user` has no two-factor sign-in to prove; RateLimited."""
    if not user.mfa_enabled:
        raise ValidationFailed({"code": "turn on your own two-factor sign-in first"})
    throttle.before_mfa_code(user.id)
    with transaction() as session:
        ok = _claim_step(session, user, code)
    if not ok:
        log.info("step-up code rejected", extra={"user_id": user.id})
        raise ValidationFailed({"code": "is wrong, expired or already used"})
    throttle.mfa_code_succeeded(user.id)


def turn_off_locked(session: Session, user: User) -> None:
    """Turn `user`'s two-factor sign-in off (the row locked by the caller): secret, last
    step and recovery codes gone; every session ends (epoch + 1). They enrol again at their
    next login when their role requires it."""
    user.mfa_secret = None
    user.mfa_enabled_at = None
    user.mfa_last_step = None
    user.session_epoch += 1
    session.execute(delete(MfaRecoveryCode).where(MfaRecoveryCode.user_id == user.id))


def _claim_step(session: Session, user: User, code: str) -> bool:
    """Inside the caller's transaction: accept `code` if it matches a step within ±1 that is
    newer than the last accepted one, and record that step (compare-and-swap)."""
    secret = user.mfa_secret
    code = code.strip()
    # pyotp compares after NFKC normalisation; only plain ASCII digits are a code here.
    if not secret or len(code) != TOTP_DIGITS or not code.isascii() or not code.isdigit():
        return False
    try:
        step = _totp(secret).verify_and_get_timecode(
            code, for_time=utcnow(), valid_window=TOTP_WINDOW_STEPS
        )
    except pyotp.OTPVerificationError:
        return False
    claimed = session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.mfa_last_step.is_(None), User.mfa_last_step < step),
        )
        .values(mfa_last_step=step)
    )
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]
