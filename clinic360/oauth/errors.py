"""OAuth domain errors (each maps to its status and stable code in the error layer)."""

from __future__ import annotations

from clinic360.core.errors import DomainError, Forbidden, NotFound


class InvalidAuthorizationRequest(DomainError):
    """The authorization request names no registered app or a redirect URI it did not
    register: answered here, never redirected (no open redirect)."""

    status = 400
    code = "invalid_authorization_request"
    detail = "This sign-in link is not valid. Go back to the app and try again."


class ScopeNotAllowed(Forbidden):
    code = "scope_not_allowed"
    detail = "The app asks for access your account cannot give."


class AppNotFound(NotFound):
    code = "app_not_found"
    detail = "No such app."


class InvalidToken(DomainError):
    status = 401
    code = "invalid_token"
    detail = "Send a valid, unexpired bearer token."

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}


class InsufficientScope(DomainError):
    status = 403
    code = "insufficient_scope"
    detail = "The token's scopes do not cover this request."

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer error="insufficient_scope"'}
