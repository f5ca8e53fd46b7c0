"""Clinic360: the application factory."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask_openapi3 import Info, OpenAPI
from flask_openapi3.models.security_scheme import SecurityScheme
from werkzeug.middleware.proxy_fix import ProxyFix

from clinic360.core.config import PROJECT_ROOT, load_settings, private_instance_folder
from clinic360.core.db import engine_options, init_db
from clinic360.core.errors import (
    problem_components,
    problem_responses,
    register_error_handlers,
    validation_problem,
)
from clinic360.core.http import register_body_guard
from clinic360.core.logging import configure_logging, init_request_logging
from clinic360.core.queue import init_queue
from clinic360.core.security import init_security
from clinic360.core.spa import init_spa
from clinic360.core.stores import init_redis, init_sessions

API_INFO = Info(title="Clinic360 API", version="1.0.0")
SECURITY_SCHEMES: dict[str, SecurityScheme | dict[str, Any]] = {
    "session": {"type": "apiKey", "in": "cookie", "name": "clinic360_session"},
    "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
}


def create_app(
    overrides: Mapping[str, str] | None = None, instance_path: Path | None = None
) -> OpenAPI:
    """Build the app; `overrides` replace environment settings (used by tests).

    `instance_path` (default `$INSTANCE_PATH` or `instance/`) holds the SQLite database,
    the generated secret key, file sessions, the job queue and the local email outbox; it
    is made owner-only (0700, files 0600, process umask 077) first.
    """
    instance_path = instance_path or Path(
        os.environ.get("INSTANCE_PATH") or PROJECT_ROOT / "instance"
    )
    private_instance_folder(instance_path)
    settings = load_settings(instance_path, overrides)
    configure_logging(settings["LOG_LEVEL"])

    app = OpenAPI(
        __name__,
        info=API_INFO,
        security_schemes=SECURITY_SCHEMES,
        doc_prefix="/api/docs",
        doc_url="/openapi.json",
        instance_path=str(instance_path),
        static_folder=None,
        validation_error_callback=validation_problem,
        validation_error_status=422,
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings)
    app.config.update(
        SQLALCHEMY_DATABASE_URI=settings["DATABASE_URL"],
        MAX_CONTENT_LENGTH=settings["MAX_BODY_BYTES"],
        JSON_SORT_KEYS=False,
        # Errors are always answered by the error layer, also under TESTING.
        PROPAGATE_EXCEPTIONS=False,
    )
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(settings["DATABASE_URL"], settings)
    if settings["TRUSTED_PROXY_COUNT"]:
        hops = settings["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    init_request_logging(app)
    register_error_handlers(app)
    register_body_guard(app)
    init_db(app, str(PROJECT_ROOT / "migrations"))
    init_redis(app)
    init_sessions(app)
    init_security(app)
    init_queue(app)
    _register_domains(app)
    init_spa(app)
    _register_cli(app)
    return app


def _register_domains(app: OpenAPI) -> None:
    """Each domain package registers its blueprint and extensions in `init_app`."""
    from clinic360 import (
        accounts,
        appointments,
        audit,
        fhir,
        frontdesk,
        live,
        messaging,
        notifications,
        oauth,
        records,
        reports,
        schedules,
        waitlist,
    )
    from clinic360.core.api import bp as core_bp

    app.register_api(core_bp)
    for domain in (
        accounts,
        appointments,
        notifications,
        schedules,
        records,
        audit,
        messaging,
        waitlist,
        live,
        frontdesk,
        reports,
        oauth,
        fhir,
    ):
        domain.init_app(app)
    # The contract's address for the document (flask-openapi3 serves it under /api/docs too).
    app.add_url_rule("/api/openapi.json", "openapi_json", lambda: _document(app))


def _document(app: OpenAPI) -> dict[str, Any]:
    """The OpenAPI document, with the problem+json answers every operation may give."""
    document = app.api_doc
    for section, named in problem_components().items():
        document.setdefault("components", {}).setdefault(section, {}).update(named)
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, response in problem_responses().items():
                if status == 422:  # flask-openapi3 documents its own body as application/json
                    responses[str(status)] = response
                responses.setdefault(str(status), response)
    return document


def _register_cli(app: OpenAPI) -> None:
    from clinic360.cli import register_commands

    register_commands(app)
