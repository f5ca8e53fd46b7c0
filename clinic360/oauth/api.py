"""OAuth 2.0 endpoints: the protocol (`/oauth2/*`, form-encoded, Authlib's answers) and the
JSON API the web app calls (`/api/oauth2/*` consent and "my apps", `/api/admin/oauth-clients`).
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, request
from flask_openapi3 import APIBlueprint, Tag
from werkzeug.wrappers import Response as BaseResponse

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.core.db import transaction
from clinic360.core.http import json_response, no_content
from clinic360.core.security import csrf
from clinic360.oauth import clients, consent, keys
from clinic360.oauth.clients import NewClient
from clinic360.oauth.errors import InvalidAuthorizationRequest
from clinic360.oauth.schemas import (
    AppPath,
    AuthorizedAppList,
    AuthorizedAppOut,
    ClientBody,
    ClientList,
    ClientOut,
    ConsentBody,
    ConsentOut,
    ConsentQuery,
    NewClientOut,
    RedirectOut,
)
from clinic360.oauth.server import server

protocol_bp = Blueprint("oauth2", __name__, url_prefix="/oauth2")
bp = APIBlueprint("oauth", __name__, url_prefix="/api/oauth2", abp_tags=[Tag(name="oauth")])
admin_bp = APIBlueprint(
    "oauth_admin", __name__, url_prefix="/api/admin", abp_tags=[Tag(name="admin")]
)
CONSENT_PAGE = "/authorize"


@protocol_bp.get("/authorize")
def authorize() -> BaseResponse:
    """Check the app's request, then send the browser to the consent page (which asks the
    user to sign in first). A bad app or redirect URI: 400 here, never a redirect."""
    query = request.query_string.decode("utf-8", "replace")
    try:
        consent.check_request(query)
    except InvalidAuthorizationRequest as error:
        if "redirectTo" in error.extra:  # the URI is the app's own: RFC 6749 §4.1.2.1
            return redirect(error.extra["redirectTo"])
        raise
    return redirect(f"{CONSENT_PAGE}?{query}")


@protocol_bp.post("/token")
@csrf.exempt  # type: ignore[untyped-decorator]
def token() -> Response:
    """RFC 6749 token endpoint (form-encoded): authorization_code, client_credentials,
    refresh_token."""
    with transaction():
        response: Response = server().create_token_response()
    return response


@protocol_bp.post("/revoke")
@csrf.exempt  # type: ignore[untyped-decorator]
def revoke() -> Response:
    """RFC 7009 revocation: 200 whether or not the token was known."""
    with transaction():
        response: Response = server().create_endpoint_response("revocation")
    return response


@protocol_bp.get("/jwks")
def jwks() -> Response:
    """The public key that verifies id_tokens (JWKS, public; apps may cache it an hour)."""
    response = Response(json.dumps(keys.jwks()), mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/consent", responses={200: ConsentOut})
def get_consent(query: ConsentQuery) -> Response:
    """What the app asks the signed-in user for, in plain words (400 for a bad request)."""
    view = consent.describe(require_user(), query.request)
    return json_response(ConsentOut.model_validate(view))


@bp.post("/consent", responses={200: RedirectOut})
def post_consent(body: ConsentBody) -> Response:
    """Approve or deny; answers where the browser goes next (the app, with a code or
    `error=access_denied`). Approving scopes the account cannot give: 403."""
    target = consent.decide(require_user(), body.request, body.approve)
    return json_response(RedirectOut(redirect_to=target))


@bp.get("/apps", responses={200: AuthorizedAppList})
def my_apps() -> Response:
    """The apps the signed-in user authorized."""
    apps = consent.my_apps(require_user())
    return json_response(
        AuthorizedAppList(items=[AuthorizedAppOut.model_validate(a) for a in apps])
    )


@bp.delete("/apps/<int:id>", responses={204: None})
def revoke_app(path: AppPath) -> Response:
    """Revoke one of the signed-in user's apps: its tokens stop working at once."""
    consent.revoke_app(require_user(), path.id)
    return no_content()


@admin_bp.get("/oauth-clients", responses={200: ClientList})
def list_clients() -> Response:
    """Registered apps (admins)."""
    require_user(Role.ADMIN)
    rows = clients.list_clients()
    return json_response(ClientList(items=[ClientOut.model_validate(r) for r in rows]))


@admin_bp.post("/oauth-clients", responses={201: NewClientOut})
def create_client(body: ClientBody) -> Response:
    """Register an app (admins); the secret is in this answer only."""
    admin = require_user(Role.ADMIN)
    registered = clients.create(NewClient(**body.model_dump()), admin)
    out = NewClientOut(
        **ClientOut.model_validate(registered.row).model_dump(), client_secret=registered.secret
    )
    return json_response(out, 201)


@admin_bp.delete("/oauth-clients/<int:id>", responses={204: None})
def revoke_client(path: AppPath) -> Response:
    """Revoke an app and all its tokens (admins)."""
    require_user(Role.ADMIN)
    clients.revoke(path.id)
    return no_content()
