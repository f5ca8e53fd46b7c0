"""The resource side: who is calling `/fhir/R4` with a bearer token, and may they.

A token is looked up by its digest; it must be unrevoked, unexpired, of a live app, and (for
a user's token) of a consent that stands and a user who is not suspended. What it may do is
its scopes (`scopes.Scopes.allows`) and, for a user's token, never more than the user may do
in the web app: the FHIR handlers apply the same service rules with `Access.user`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, request

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.oauth import scopes, store
from clinic360.oauth.errors import InsufficientScope, InvalidToken


@dataclass(frozen=True)
class Access:
    client_id: str
    app_name: str
    user: User | None  # None: a system app (client credentials)
    scopes: scopes.Scopes


def _bearer() -> str:
    header = request.headers.get("Authorization", "")
    kind, _, value = header.partition(" ")
    if kind.lower() != "bearer" or not value.strip():
        raise InvalidToken()
    return value.strip()


def authenticate() -> Access:
    """The caller's access; InvalidToken (401) for a missing, unknown, expired or revoked
    token. Cached for the request. Read in the request's read transaction, left open as
    loading a session's user leaves it: the handler's own `transaction()` continues (a
    read) or first ends (a write) it."""
    if "fhir_access" in g:
        found: Access = g.fhir_access
        return found
    token = _bearer()
    live = store.find_access_token(token, utcnow())
    if live is None:
        raise InvalidToken()
    row, client = live
    user = None
    if row.authorization_id is not None:
        user = store.authorization_user(row.authorization_id)
        if user is None:
            raise InvalidToken()
    access = Access(client.client_id, client.name, user, scopes.parse(row.scope))
    g.fhir_access = access
    return access


def require(resource_type: str, permission: str) -> Access:
    """The caller's access if its scopes cover `permission` (a letter of "cruds") on
    `resource_type`; InvalidToken (401) or InsufficientScope (403) otherwise."""
    access = authenticate()
    if not access.scopes.allows(resource_type, permission):
        raise InsufficientScope()
    return access
