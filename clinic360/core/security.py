"""CSRF protection and the security headers every response carries."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

from clinic360.core.events import stream_origin

csrf = CSRFProtect()

CSRF_HEADER = "X-CSRF-Token"
CSRF_COOKIE = "csrf_token"

APP_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The Swagger UI page at /api/docs boots with an inline script; it shows no user data.
DOCS_CSP = APP_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def init_security(app: Flask) -> None:
    app.config.update(
        WTF_CSRF_HEADERS=[CSRF_HEADER],
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session it is bound to
        WTF_CSRF_FIELD_NAME=CSRF_COOKIE,
        # The X-CSRF-Token header is the control (a cross-site page cannot set it without a
        # CORS preflight this app never grants, and the __Host- cookie cannot be planted from
        # a subdomain). Flask-WTF's strict HTTPS Referer check adds nothing to it and refuses
        # API clients that send no Referer (#23 F-12, API.md "Sessions and CSRF").
        WTF_CSRF_SSL_STRICT=False,
    )
    csrf.init_app(app)
    hsts = app.config["PUBLIC_URL"].startswith("https://")

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        is_docs = request.path.startswith("/api/docs")
        if "Content-Security-Policy" not in headers:  # a file download sets a stricter one
            policy = DOCS_CSP if is_docs else APP_CSP
            # The live-events stream may live on another port or host (core/events.py).
            headers["Content-Security-Policy"] = policy.replace(
                "connect-src 'self'", f"connect-src 'self' {stream_origin()}"
            )
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if hsts:
            headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if request.path.startswith("/api") and not is_docs:
            headers.setdefault("Cache-Control", "no-store")  # a handler may be stricter
        return response
