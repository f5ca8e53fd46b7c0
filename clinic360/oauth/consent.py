"""The consent step of the authorization code flow, and the apps a user has authorized.

The browser reaches `/oauth2/authorize`, which checks the request (app, exact redirect
URI, PKCE) and sends the signed-in user to the web app's consent page with the same query.
The page asks `describe` what the app wants (in plain words) and sends the answer to
`decide`, which hands Authlib the original request and returns where the browser goes next:
the app's redirect URI with a code, or with `error=access_denied`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from authlib.oauth2 import OAuth2Error, OAuth2Request
from authlib.oauth2.rfc6749.requests import OAuth2Payload
from flask import request as flask_request
from sqlalchemy import select

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.oauth import scopes, store
from clinic360.oauth.errors import AppNotFound, InvalidAuthorizationRequest, ScopeNotAllowed
from clinic360.oauth.models import OAuthAuthorization, OAuthClient, OAuthToken
from clinic360.oauth.server import Approval, server


class _QueryPayload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, query: str) -> None:
        pairs = parse_qsl(query, keep_blank_values=True)
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in pairs:
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


def _request(query: str) -> OAuth2Request:
    # The address the app used: Authlib refuses plain http except on localhost.
    request = OAuth2Request("GET", f"{flask_request.url_root}oauth2/authorize?{query}")
    request.payload = _QueryPayload(query)
    return request


@dataclass(frozen=True)
class ConsentView:
    client_name: str
    scope: str
    words: list[str]
    refused: list[str]
    redirect_uri: str


def _grant(query: str, user: User | None) -> Any:
    """Authlib's grant for a checked authorization request; InvalidAuthorizationRequest when
    the app or its redirect URI is wrong (then nothing may be sent to that URI)."""
    try:
        return server().get_consent_grant(_request(query), end_user=user)
    except OAuth2Error as error:
        if error.redirect_uri:  # the app and URI are right, the request is not: tell the app
            raise InvalidAuthorizationRequest(
                str(error.description or error.error), redirectTo=error()[2][0][1]
            ) from None
        raise InvalidAuthorizationRequest() from None


def check_request(query: str) -> None:
    """`/oauth2/authorize`'s check before sending the browser to the consent page."""
    with transaction(write=False):
        _grant(query, None)


def describe(user: User, query: str) -> ConsentView:
    """What the app asks `user` for, in plain words; `refused` lists what their account
    cannot give (the page then offers only Deny)."""
    with transaction(write=False):
        grant = _grant(query, user)
        scope = grant.request.payload.scope
        client: store.Client = grant.request.client
        return ConsentView(
            client_name=client.row.name,
            scope=scope,
            words=scopes.describe(scope),
            refused=scopes.beyond_role(scope, user.role),
            redirect_uri=grant.redirect_uri,
        )


def decide(user: User, query: str, approve: bool) -> str:
    """Approve (a code for the app, the consent remembered) or deny; returns the URL the
    browser goes to. Approving scopes beyond the user's role: ScopeNotAllowed."""
    with transaction() as session:
        grant = _grant(query, user)
        scope = grant.request.payload.scope
        approval: Approval | None = None
        if approve:
            if scopes.beyond_role(scope, user.role):
                raise ScopeNotAllowed()
            approval = Approval(user, _remember(session, user, grant.request.client, scope))
        response = server().create_authorization_response(
            grant.request, grant_user=approval, grant=grant
        )
        return str(response.headers["Location"])


def _remember(session: Any, user: User, client: store.Client, scope: str) -> int:
    row = session.scalar(
        select(OAuthAuthorization).where(
            OAuthAuthorization.user_id == user.id, OAuthAuthorization.client_id == client.row.id
        )
    )
    if row is None:
        row = OAuthAuthorization(user_id=user.id, client_id=client.row.id, scope=scope)
        session.add(row)
    row.scope, row.granted_at, row.revoked_at = scope, utcnow(), None
    session.flush()
    return int(row.id)


@dataclass(frozen=True)
class AuthorizedApp:
    id: int
    name: str
    scope: str
    words: list[str]
    granted_at: datetime


def my_apps(user: User) -> list[AuthorizedApp]:
    """The apps `user` authorized and has not revoked, newest first."""
    with transaction(write=False) as session:
        rows = session.execute(
            select(OAuthAuthorization, OAuthClient.name)
            .join(OAuthClient, OAuthClient.id == OAuthAuthorization.client_id)
            .where(OAuthAuthorization.user_id == user.id, OAuthAuthorization.revoked_at.is_(None))
            .order_by(OAuthAuthorization.granted_at.desc(), OAuthAuthorization.id.desc())
        ).all()
        return [
            AuthorizedApp(row.id, name, row.scope, scopes.describe(row.scope), row.granted_at)
            for row, name in rows
        ]


def revoke_app(user: User, authorization_id: int) -> None:
    """Withdraw a consent: every token issued under it stops working at once. Another
    user's consent, or one already revoked: AppNotFound."""
    with transaction() as session:
        row = session.get(OAuthAuthorization, authorization_id, with_for_update=True)
        if row is None or row.user_id != user.id or row.revoked_at is not None:
            raise AppNotFound()
        row.revoked_at = utcnow()
        store.revoke_where(OAuthToken.authorization_id == row.id)
