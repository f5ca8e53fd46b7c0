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


class InvalidInvitation(DomainError):
    status = 400
    code = "invalid_invitation"
    detail = "This invitation link is invalid, used or expired. Ask the clinic for a new one."


class PossibleDuplicate(Conflict):
    """A walk-in registration whose name and date of birth match patients on file: the
    front desk confirms (`confirmDuplicate: true`) after checking them (`duplicates`)."""

    code = "possible_duplicate"
    detail = "Patients with this name and date of birth are already registered."

    def __init__(self, duplicates: list[dict[str, object]]) -> None:
        super().__init__()
        self.extra = {"duplicates": duplicates}


class ProxyCapabilityMissing(DomainError):
    status = 403
    code = "proxy_capability_missing"
    detail = "Your access for this patient does not include that. Ask them to extend it."


class ProxyRevoked(DomainError):
    status = 403
    code = "proxy_revoked"
    detail = "Your access for this patient was revoked."


class ProxyNotAccepted(DomainError):
    status = 403
    code = "proxy_not_accepted"
    detail = "Accept the access this patient granted you first."


class DependentClaimed(DomainError):
    status = 403
    code = "dependent_claimed"
    detail = "This person now has their own account; ask them for proxy access."


class DependentTooYoung(DomainError):
    status = 422
    code = "dependent_too_young"
    detail = "A dependent gets their own login only from the age the clinic set."

    def __init__(self, age: int) -> None:
        super().__init__(f"A dependent gets their own login from the age of {age}.")


class ProxyAccountUnknown(DomainError):
    status = 422
    code = "proxy_account_unknown"
    detail = "No patient account has that username or email address."


class ProxyGrantExists(Conflict):
    code = "proxy_grant_exists"
    detail = "This account already has access (or an invitation) for you; revoke it first."


class FamilyLimitReached(DomainError):
    status = 422
    code = "family_limit_reached"
    detail = "You reached the clinic's limit for this; remove one first."


class InvalidClaimToken(DomainError):
    status = 400
    code = "invalid_claim_token"
    detail = "This invitation link is invalid, used or expired. Ask for a new one."


class OwnAccount(Conflict):
    code = "own_account"
    detail = "Administrators cannot suspend, reactivate or reset their own account here."


class MfaNotEnabled(Conflict):
    code = "mfa_not_enabled"
    detail = "This account has no two-factor sign-in to reset."
