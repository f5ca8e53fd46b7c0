"""Audit: the append-only access log of every read and write of PHI."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.audit.api import bp

    app.register_api(bp)
