"""What Authlib reads and writes, over our tables: duck-typed wrappers (Authlib's mixins are
interfaces, not bases) and the lookups by digest. Every function runs inside the caller's
transaction (`db.session`); the handlers in `api.py` open it around Authlib's call."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.core.tokens import token_digest
from clinic360.oauth.models import OAuthAuthorization, OAuthClient, OAuthCode, OAuthToken


@dataclass
class Client:
    """An app as Authlib sees it (ClientMixin's methods)."""

    row: OAuthClient

    @property
    def client_id(self) -> str:
        return self.row.client_id

    def get_client_id(self) -> str:
        return self.row.client_id

    def get_default_redirect_uri(self) -> str | None:
        # Never guessed: the request must name one of the registered URIs exactly.
        return None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        # The grants refuse (invalid_scope) what the registration does not cover before
        # Authlib asks this (`server._check_scope`), so nothing is silently dropped here.
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.row.redirect_uris  # exact string match, no prefixes

    def check_client_secret(self, client_secret: str) -> bool:
        stored = self.row.secret_digest
        return stored is not None and hmac.compare_digest(stored, token_digest(client_secret))

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == self.row.token_endpoint_auth_method

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in self.row.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.row.grant_types


@dataclass
class Code:
    row: OAuthCode
    user: User

    @property
    def code_challenge(self) -> str:
        return self.row.code_challenge

    @property
    def code_challenge_method(self) -> str:
        return self.row.code_challenge_method

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope

    # OpenID Connect (Authlib's AuthorizationCodeMixin): the request's nonce; no auth_time,
    # acr or amr are claimed.
    def get_nonce(self) -> str | None:
        return self.row.nonce

    def get_auth_time(self) -> int | None:
        return None

    def get_acr(self) -> str | None:
        return None

    def get_amr(self) -> list[str] | None:
        return None


@dataclass
class Token:
    row: OAuthToken
    user: User | None

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.row.id

    def get_scope(self) -> str:
        return self.row.scope

    def get_user(self) -> User | None:
        return self.user


def query_client(client_id: str) -> Client | None:
    """A registered app that is not revoked."""
    row = db.session.scalar(
        select(OAuthClient).where(
            OAuthClient.client_id == client_id, OAuthClient.revoked_at.is_(None)
        )
    )
    return Client(row) if row else None


def usable_user(user_id: int | None) -> User | None:
    """The user behind a grant, while they may still act (not suspended)."""
    user = db.session.get(User, user_id) if user_id is not None else None
    return None if user is None or user.suspended else user


def authorization_user(authorization_id: int | None) -> User | None:
    """The user of a consent that still stands."""
    if authorization_id is None:
        return None
    grant = db.session.get(OAuthAuthorization, authorization_id)
    if grant is None or grant.revoked_at is not None:
        return None
    return usable_user(grant.user_id)


def save_code(
    code: str, client: Client, authorization_id: int, redirect_uri: str, scope: str,
    challenge: str, method: str, lifetime: timedelta, nonce: str | None = None,
) -> None:  # fmt: skip
    db.session.add(
        OAuthCode(
            code_digest=token_digest(code),
            client_id=client.row.id,
            authorization_id=authorization_id,
            redirect_uri=redirect_uri,
            scope=scope,
            code_challenge=challenge,
            code_challenge_method=method,
            nonce=nonce,
            expires_at=utcnow() + lifetime,
        )
    )
    db.session.flush()


def find_code(code: str, client: Client) -> Code | None:
    """An unexpired, unused code of this app whose consent stands. A code presented a second
    time revokes every token issued from it (RFC 6749 §4.1.2) and is refused."""
    row = db.session.scalar(select(OAuthCode).where(OAuthCode.code_digest == token_digest(code)))
    if row is None or row.client_id != client.row.id:
        return None
    if row.used_at is not None:
        revoke_where(OAuthToken.code_id == row.id)
        return None
    user = authorization_user(row.authorization_id)
    if row.expires_at <= utcnow() or user is None:
        return None
    return Code(row, user)


def mark_code_used(code: Code) -> None:
    code.row.used_at = utcnow()
    db.session.flush()


def save_token(
    token: dict[str, object], client: Client, *, authorization_id: int | None,
    code_id: int | None, refresh_lifetime: timedelta,
) -> OAuthToken:  # fmt: skip
    now = utcnow()
    refresh = token.get("refresh_token")
    row = OAuthToken(
        access_digest=token_digest(str(token["access_token"])),
        refresh_digest=token_digest(str(refresh)) if refresh else None,
        client_id=client.row.id,
        authorization_id=authorization_id,
        code_id=code_id,
        scope=str(token.get("scope") or ""),
        issued_at=now,
        access_expires_at=now + timedelta(seconds=int(str(token["expires_in"]))),
        refresh_expires_at=now + refresh_lifetime if refresh else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def find_refresh_token(refresh_token: str) -> Token | None:
    """A live refresh token. A revoked one presented again means it leaked or was replayed:
    every token of its authorization is revoked (rotation's reuse detection)."""
    row = db.session.scalar(
        select(OAuthToken).where(OAuthToken.refresh_digest == token_digest(refresh_token))
    )
    if row is None:
        return None
    if row.revoked_at is not None:
        if row.authorization_id is not None:
            revoke_where(OAuthToken.authorization_id == row.authorization_id)
        return None
    user = authorization_user(row.authorization_id)
    expired = row.refresh_expires_at is None or row.refresh_expires_at <= utcnow()
    return None if expired or user is None else Token(row, user)


def find_any_token(token: str) -> Token | None:
    """A token by its access or refresh value (revocation accepts either)."""
    digest = token_digest(token)
    row = db.session.scalar(
        select(OAuthToken).where(
            or_(OAuthToken.access_digest == digest, OAuthToken.refresh_digest == digest)
        )
    )
    return Token(row, None) if row else None


def find_access_token(token: str, now: datetime) -> tuple[OAuthToken, OAuthClient] | None:
    """A live access token of a live app (not revoked, not expired), with that app: one
    query (every `/fhir/R4` request asks)."""
    row = db.session.execute(
        select(OAuthToken, OAuthClient)
        .join(OAuthClient, OAuthClient.id == OAuthToken.client_id)
        .where(
            OAuthToken.access_digest == token_digest(token),
            OAuthToken.revoked_at.is_(None),
            OAuthToken.access_expires_at > now,
            OAuthClient.revoked_at.is_(None),
        )
    ).first()
    return None if row is None else (row[0], row[1])


def revoke_where(condition: object) -> None:
    db.session.execute(
        update(OAuthToken)
        .where(condition, OAuthToken.revoked_at.is_(None))  # type: ignore[arg-type]
        .values(revoked_at=utcnow())
    )
