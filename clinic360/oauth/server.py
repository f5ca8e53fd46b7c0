"""The authorization server: Authlib's grants over our store.

Grants: client credentials (`system/` scopes), authorization code with PKCE (S256 only,
required for every app; with `openid`, an OpenID Connect id_token: `oidc.py`) and refresh
tokens (only with `offline_access`, rotated on every use). Revocation is RFC 7009. Lifetimes
are settings (`OAUTH_*`). Authlib does the protocol (parameter checks, client
authentication, error bodies); our code decides what is stored (digests only) and which
scopes an app may hold (`scopes.py`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Request
from authlib.oauth2.rfc6749 import InvalidRequestError, InvalidScopeError, grants
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, current_app

from clinic360.accounts.models import Role, User
from clinic360.oauth import oidc, scopes, store
from clinic360.oauth.models import OAuthToken
from clinic360.oauth.oidc import OpenIDConnect

EXTENSION = "clinic360_oauth"


@dataclass(frozen=True)
class Approval:
    """The signed-in user who approved, and the consent row the code is issued under."""

    user: User
    authorization_id: int


def _check_scope(grant: Any, grant_type: str) -> None:
    """Refuse (invalid_scope) a scope that is missing, unknown, of the wrong kind for the
    grant, or beyond what the app was registered for."""
    scope = grant.request.payload.scope
    if not scope:
        raise InvalidScopeError(description="Name the scopes the app needs.")
    try:
        scopes.check_for_grant(scope, grant_type)
    except scopes.ScopeError as exc:
        raise InvalidScopeError(description=str(exc)) from None
    client = grant.request.client or store.query_client(grant.request.payload.client_id or "")
    if client is not None and scopes.beyond(scope, client.row.scope):
        raise InvalidScopeError(description="The app was not registered for these scopes.")


class _S256Only(CodeChallenge):  # type: ignore[misc]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]  # noqa: RUF012  (Authlib's class attribute)


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]  # noqa: RUF012
    AUTHORIZATION_CODE_LENGTH = 48

    def validate_requested_scope(self) -> None:
        _check_scope(self, "authorization_code")

    def validate_authorization_request(self) -> str:
        # Authlib checks the app and the exact redirect URI first; only then may an error
        # be sent back to that URI (never to an unregistered one).
        redirect_uri = str(super().validate_authorization_request())
        data = self.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError(
                "PKCE with code_challenge_method=S256 is required.", redirect_uri=redirect_uri
            )
        oidc.check_nonce(data, redirect_uri)
        return redirect_uri

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        approval: Approval = request.user
        data = request.payload.data
        store.save_code(
            code, request.client, approval.authorization_id, request.payload.redirect_uri,
            request.payload.scope, data["code_challenge"], data["code_challenge_method"],
            timedelta(seconds=current_app.config["OAUTH_CODE_SECONDS"]), data.get("nonce"),
        )  # fmt: skip

    def query_authorization_code(self, code: str, client: store.Client) -> store.Code | None:
        return store.find_code(code, client)

    def delete_authorization_code(self, authorization_code: store.Code) -> None:
        store.mark_code_used(authorization_code)

    def authenticate_user(self, authorization_code: store.Code) -> User:
        return authorization_code.user


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]  # noqa: RUF012

    def validate_requested_scope(self) -> None:
        _check_scope(self, "client_credentials")


class RefreshTokenGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]  # noqa: RUF012
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation: every refresh hands out a new refresh token

    def authenticate_refresh_token(self, refresh_token: str) -> store.Token | None:
        return store.find_refresh_token(refresh_token)

    def authenticate_user(self, refresh_token: store.Token) -> User | None:
        return refresh_token.user

    def revoke_old_credential(self, refresh_token: store.Token) -> None:
        store.revoke_where(OAuthToken.id == refresh_token.row.id)


class Revocation(RevocationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]  # noqa: RUF012

    def query_token(self, token_string: str, token_type_hint: str | None) -> store.Token | None:
        return store.find_any_token(token_string)

    def revoke_token(self, token: store.Token, request: OAuth2Request) -> None:
        store.revoke_where(OAuthToken.id == token.row.id)


class _Tokens(BearerTokenGenerator):  # type: ignore[misc]
    """Random opaque tokens (256 bits); a refresh token only with `offline_access`; the
    SMART launch context (`patient`) for a patient's own token."""

    def __init__(self, access_seconds: int) -> None:
        super().__init__(_random, _random, lambda client, grant_type: access_seconds)

    def generate(
        self, grant_type: str, client: store.Client, user: User | None = None,
        scope: str | None = None, expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:  # fmt: skip
        offline = "offline_access" in (scope or "").split()
        token: dict[str, Any] = super().generate(
            grant_type, client, user, scope, expires_in, include_refresh_token and offline
        )
        if user is not None and user.role == Role.PATIENT.value:
            token["patient"] = str(user.id)
        resource = oidc.fhir_user(user) if user is not None else None
        if resource is not None and "fhirUser" in (scope or "").split():
            token["fhirUser"] = resource
        return token


def _random(**_: Any) -> str:
    return secrets.token_urlsafe(32)


def _save_token(token: dict[str, Any], request: OAuth2Request) -> None:
    code: store.Code | None = getattr(request, "authorization_code", None)
    previous: store.Token | None = getattr(request, "refresh_token", None)
    authorization_id = (
        code.row.authorization_id if code else previous.row.authorization_id if previous else None
    )
    store.save_token(
        token,
        request.client,
        authorization_id=authorization_id,
        code_id=code.row.id if code else None,
        refresh_lifetime=timedelta(days=current_app.config["OAUTH_REFRESH_TOKEN_DAYS"]),
    )


class Server(AuthorizationServer):  # type: ignore[misc]
    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        """Authlib's Flask server reads `flask.request` only; the consent API hands it the
        original authorization request instead (`consent.py`)."""
        if isinstance(request, OAuth2Request):
            return request
        return super().create_oauth2_request(request)


def build(app: Flask) -> Server:
    server = Server(app, query_client=store.query_client, save_token=_save_token)
    server.register_token_generator("default", _Tokens(app.config["OAUTH_ACCESS_TOKEN_SECONDS"]))
    server.register_grant(AuthorizationCodeGrant, [_S256Only(required=True), OpenIDConnect()])
    server.register_grant(ClientCredentialsGrant)
    server.register_grant(RefreshTokenGrant)
    server.register_endpoint(Revocation)
    app.extensions[EXTENSION] = server
    return server


def server() -> Server:
    found: Server = current_app.extensions[EXTENSION]
    return found
