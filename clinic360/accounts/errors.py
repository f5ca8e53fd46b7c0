"""Errors of the accounts domain (status and code live on each class)."""

from clinic360.core.errors import Conflict, DomainError


class InvalidCredentials(DomainError):
    status = 401
    code = "invalid_credentials"
    detail = "Wrong username or password."


class UsernameTaken(Conflict):
    code = "username_taken"
    detail = "That username is taken."


class EmailTaken(Conflict):
    code = "email_taken"
    detail = "That email is already registered."


class AccountSuspended(DomainError):
    status = 403
    code = "account_suspended"
    detail = "This account is suspended. Contact the clinic."


class InvalidResetToken(DomainError):
    status = 400
    code = "invalid_token"
    detail = "This reset link is invalid, used or expired. Request a new one."


class InvalidMfaCode(DomainError):
    status = 401
    code = "invalid_mfa_code"
    detail = "That code is wrong, expired or already used."


class MfaLoginExpired(DomainError):
    status = 401
    code = "mfa_login_expired"
    detail = "Log in with your password again."


class MfaEnrolmentRequired(DomainError):
    status = 403
    code = "mfa_enrolment_required"
    detail = "Set up two-factor sign-in first (POST /api/user/mfa/setup)."


class MfaAlreadyEnabled(Conflict):
    code = "mfa_already_enabled"
    detail = "Two-factor sign-in is already on."


class MfaNotStarted(Conflict):
    code = "mfa_not_started"
    detail = "Start with POST /api/user/mfa/setup."


class UnknownSpecialization(DomainError):
    status = 422
    code = "unknown_specialization"
    detail = "Pick a specialization from the clinic's list (GET /api/specializations)."


class SpecializationTaken(Conflict):
    code = "specialization_taken"
    detail = "The list already has a specialization of that name (ignoring case)."


class InvalidPhone(DomainError):
    status = 422
    code = "invalid_phone"
    detail = "That is not a valid mobile number. Include the country code, e.g. +49 151 2345678."


class OwnAccount(Conflict):
    code = "own_account"
    detail = "Administrators cannot suspend, reactivate or reset their own account here."


class MfaNotEnabled(Conflict):
    code = "mfa_not_enabled"
    detail = "This account has no two-factor sign-in to reset."
