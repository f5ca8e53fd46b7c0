"""Registering apps: create (the secret is returned once, only its digest is kept), list,
revoke. Used by the admin API and `flask oauth-client create`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import ValidationFailed
from clinic360.core.tokens import token_digest
from clinic360.oauth import scopes, store
from clinic360.oauth.errors import AppNotFound
from clinic360.oauth.models import GRANT_TYPES, OAuthClient, OAuthToken


@dataclass(frozen=True)
class NewClient:
    name: str
    redirect_uris: list[str]
    grant_types: list[str]
    scope: str
    public: bool = False


@dataclass(frozen=True)
class Registered:
    row: OAuthClient
    secret: str | None  # shown once, never stored


def _check(new: NewClient) -> None:
    """The rules of a registration; ValidationFailed naming the field otherwise."""
    unknown = set(new.grant_types) - set(GRANT_TYPES)
    if not new.grant_types or unknown:
        raise ValidationFailed({"grantTypes": f"use some of {', '.join(GRANT_TYPES)}"})
    if "authorization_code" in new.grant_types and not new.redirect_uris:
        raise ValidationFailed({"redirectUris": "the authorization code needs a redirect URI"})
    for uri in new.redirect_uris:
        parts = urlsplit(uri)
        local = parts.hostname in ("127.0.0.1", "localhost", "[::1]")
        if (
            parts.fragment
            or not parts.netloc
            or not (parts.scheme == "https" or (parts.scheme == "http" and local))
        ):
            raise ValidationFailed(
                {"redirectUris": "an absolute https:// address without a fragment"}
            )
    if new.public and "client_credentials" in new.grant_types:
        raise ValidationFailed({"public": "client credentials need a confidential app"})
    try:
        parsed = scopes.parse(new.scope)
    except scopes.ScopeError as exc:
        raise ValidationFailed({"scope": str(exc)}) from None
    if not parsed.resources and not parsed.identity:
        raise ValidationFailed({"scope": "name at least one scope"})


def create(new: NewClient, admin: User | None) -> Registered:
    """Register an app; its secret (confidential apps) is in the answer and nowhere else."""
    _check(new)
    secret = None if new.public else secrets.token_urlsafe(32)
    with transaction() as session:
        row = OAuthClient(
            client_id=secrets.token_urlsafe(18),
            name=new.name,
            secret_digest=token_digest(secret) if secret else None,
            token_endpoint_auth_method="none" if new.public else "client_secret_basic",
            redirect_uris=list(dict.fromkeys(new.redirect_uris)),
            grant_types=list(dict.fromkeys(new.grant_types)),
            scope=" ".join(dict.fromkeys(new.scope.split())),
            created_by=admin.id if admin else None,
        )
        session.add(row)
        session.flush()
        return Registered(row, secret)


def list_clients() -> list[OAuthClient]:
    with transaction(write=False) as session:
        return list(session.scalars(select(OAuthClient).order_by(OAuthClient.id)))


def revoke(client_pk: int) -> OAuthClient:
    """Revoke an app and every token it holds; AppNotFound when unknown or already revoked."""
    with transaction() as session:
        row = session.get(OAuthClient, client_pk, with_for_update=True)
        if row is None or row.revoked_at is not None:
            raise AppNotFound()
        row.revoked_at = utcnow()
        store.revoke_where(OAuthToken.client_id == row.id)
        return row
