"""CORS for browser SMART apps: `/fhir/R4/*` and the token, revocation and key endpoints
(`/oauth2/token`, `/oauth2/revoke`, `/oauth2/jwks`) answer cross-origin requests from the
origins listed in FHIR_CORS_ORIGINS, and their preflights (OPTIONS).

Such an app holds a bearer token and sends it in `Authorization`, so no cookie is involved:
`Access-Control-Allow-Credentials` is never sent, and `*` is not a setting (each app's origin
is listed). `/oauth2/authorize` is a page the browser navigates to, not a fetch; `/api/*`
rides on the session cookie and the CSRF header and never answers cross-origin (API.md).
Empty FHIR_CORS_ORIGINS (the default): no CORS headers anywhere.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CORS_PATHS = ("/oauth2/token", "/oauth2/revoke", "/oauth2/jwks")
FHIR_PREFIX = "/fhir/R4/"
ALLOW_HEADERS = "Authorization, Content-Type, Accept, Prefer, If-Match, If-None-Exist"
EXPOSE_HEADERS = "Location, Content-Location, ETag, Last-Modified, WWW-Authenticate"
MAX_AGE_SECONDS = 600


def _covered(path: str) -> bool:
    return path.startswith(FHIR_PREFIX) or path in CORS_PATHS


def _allowed_origin() -> str | None:
    """The request's Origin when CORS applies to this path and the origin is listed."""
    origins: frozenset[str] = current_app.config["FHIR_CORS_ORIGINS"]
    origin = request.headers.get("Origin", "")
    if not origins or not _covered(request.path) or origin.lower() not in origins:
        return None
    return origin


def _is_preflight() -> bool:
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def register(app: Flask) -> None:
    @app.before_request
    def _preflight() -> Response | None:
        if not _is_preflight() or _allowed_origin() is None:
            return None  # Flask's own OPTIONS answer, without CORS headers: the browser refuses
        methods = "GET, POST, OPTIONS" if request.path in CORS_PATHS else (
            "GET, POST, PUT, PATCH, DELETE, OPTIONS")  # fmt: skip
        response = Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = methods
        response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
        response.headers["Access-Control-Max-Age"] = str(MAX_AGE_SECONDS)
        return response

    @app.after_request
    def _cors_headers(response: Response) -> Response:
        if not current_app.config["FHIR_CORS_ORIGINS"] or not _covered(request.path):
            return response
        response.vary.add("Origin")
        origin = _allowed_origin()
        if origin is not None:
            response.headers["Access-Control-Allow-Origin"] = origin
            if not _is_preflight():
                response.headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        return response
