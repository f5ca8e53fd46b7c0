"""OAuth 2.0 authorization server for SMART on FHIR apps (Authlib): registered apps,
consent, tokens stored as digests, revocation; and the bearer check `/fhir/R4` uses."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.oauth import models  # noqa: F401  (registers the tables)
    from clinic360.oauth.api import admin_bp, bp, protocol_bp
    from clinic360.oauth.server import build

    build(app)
    app.register_blueprint(protocol_bp)
    app.register_api(bp)
    app.register_api(admin_bp)
