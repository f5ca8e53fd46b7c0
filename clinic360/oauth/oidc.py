"""OpenID Connect for SMART apps (`openid fhirUser`): Authlib's OpenIDCode extension on the
authorization code grant signs an id_token (RS256, `keys.py`) next to the access token.

Claims: `iss` (the FHIR base URL, the `issuer` of the discovery documents), `sub` (the
user's id), `aud` (the app's client_id), `iat`/`exp` (the access token's lifetime),
`nonce` (the authorization request's, kept with the code), `at_hash`, and with `fhirUser`
the user's FHIR resource: `Patient/<id>` or `Practitioner/<id>` (only patients and doctors
may grant `fhirUser`, `scopes.beyond_role`). No `openid`, no id_token.
"""

from __future__ import annotations

import time
from typing import Any

from authlib.oauth2 import OAuth2Request
from authlib.oauth2.rfc6749 import InvalidRequestError
from authlib.oidc.core.grants import OpenIDCode
from flask import current_app, request
from joserfc.jwk import RSAKey
from sqlalchemy import select

from clinic360.accounts.models import Role, User
from clinic360.core.db import db
from clinic360.oauth import keys, store
from clinic360.oauth.models import NONCE_MAX_CHARS, OAuthCode

ISSUER_PATH = "/fhir/R4"
"""The issuer is the FHIR base URL: its `.well-known/openid-configuration` and
`.well-known/smart-configuration` both name it."""


def issuer() -> str:
    """The FHIR base URL as the app reached this server (the discovery documents agree)."""
    return request.host_url.rstrip("/") + ISSUER_PATH


def fhir_user(user: User) -> str | None:
    """The FHIR resource a signed-in user is: Patient/<id>, Practitioner/<id> or None."""
    if user.role == Role.PATIENT.value:
        return f"Patient/{user.id}"
    if user.role == Role.DOCTOR.value:
        return f"Practitioner/{user.id}"
    return None


def check_nonce(data: dict[str, Any], redirect_uri: str) -> None:
    nonce = data.get("nonce")
    if nonce is not None and not 0 < len(nonce) <= NONCE_MAX_CHARS:
        raise InvalidRequestError(
            f"nonce must be 1 to {NONCE_MAX_CHARS} characters.", redirect_uri=redirect_uri
        )


class OpenIDConnect(OpenIDCode):  # type: ignore[misc]
    def resolve_client_private_key(self, client: store.Client) -> RSAKey:
        return keys.signing_key()

    def get_client_algorithm(self, client: store.Client) -> str:
        return keys.ALGORITHM

    def get_encode_header(self, client: store.Client) -> dict[str, str]:
        return {"alg": keys.ALGORITHM, "kid": keys.signing_key().kid or "", "typ": "JWT"}

    def get_client_claims(self, client: store.Client) -> dict[str, Any]:
        now = int(time.time())
        lifetime = int(current_app.config["OAUTH_ACCESS_TOKEN_SECONDS"])
        return {"iss": issuer(), "aud": client.client_id, "iat": now, "exp": now + lifetime}

    def exists_nonce(self, nonce: str, req: OAuth2Request) -> bool:
        """A nonce this app already sent with an earlier code: a replay, refused."""
        client = store.query_client(req.payload.client_id or "")
        if client is None:
            return False
        found = db.session.scalar(
            select(OAuthCode.id).where(
                OAuthCode.client_id == client.row.id, OAuthCode.nonce == nonce
            )
        )
        return found is not None

    def generate_user_info(self, user: User, scope: str) -> dict[str, str]:
        claims = {"sub": str(user.id)}
        resource = fhir_user(user) if "fhirUser" in scope.split() else None
        if resource is not None:
            claims["fhirUser"] = resource
        return claims
