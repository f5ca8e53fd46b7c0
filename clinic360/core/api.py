"""Operational endpoints: health and the CSRF token."""

from __future__ import annotations

from flask import Response, current_app
from flask_openapi3 import APIBlueprint, Tag
from flask_wtf.csrf import generate_csrf
from pydantic import Field
from sqlalchemy import text

from clinic360.core.db import db
from clinic360.core.http import json_response
from clinic360.core.queue import queue_is_reachable
from clinic360.core.schemas import ApiModel
from clinic360.core.security import CSRF_COOKIE
from clinic360.core.stores import guaranteed_idle_seconds

bp = APIBlueprint("core", __name__, url_prefix="/api", abp_tags=[Tag(name="operations")])


class OutboxHealth(ApiModel):
    pending: int
    sending: int
    failed: int
    oldest_pending_seconds: int | None


class Health(ApiModel):
    status: str
    database: str
    queue: str
    outbox: OutboxHealth | None = None


class CsrfToken(ApiModel):
    csrf_token: str
    session_idle_seconds: int = Field(
        description="A signed-in session surely lasts this many seconds without a request "
        "(SESSION_IDLE_SECONDS less SESSION_TOUCH_SECONDS) and ends at most SESSION_TOUCH_SECONDS "
        "later; the web app returns to log in then."
    )


@bp.get("/health", responses={200: Health, 503: Health})
def health() -> Response:
    """Liveness of the database (503 when unreachable) and of the job queue; email backlog."""
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:
        current_app.logger.warning("health: database unreachable")
        database = "unavailable"
    finally:
        db.session.rollback()
    body = Health(
        status="ok" if database == "ok" else "unavailable",
        database=database,
        queue="ok" if queue_is_reachable() else "unavailable",
        outbox=_outbox_health() if database == "ok" else None,
    )
    return json_response(body, 200 if database == "ok" else 503)


def _outbox_health() -> OutboxHealth | None:
    """Registered by the notifications domain; None when it is absent or cannot answer."""
    summary = current_app.extensions.get("health.outbox")
    if summary is None:
        return None
    try:
        return OutboxHealth.model_validate(summary())
    except Exception:
        current_app.logger.warning("health: outbox state unavailable")
        return None
    finally:
        db.session.rollback()


@bp.get("/csrf", responses={200: CsrfToken})
def csrf_token() -> Response:
    """The CSRF token for this session; send it as `X-CSRF-Token` on every unsafe request."""
    token = generate_csrf()
    response = json_response(
        CsrfToken(csrf_token=token, session_idle_seconds=guaranteed_idle_seconds())
    )
    response.set_cookie(
        CSRF_COOKIE,
        token,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=False,
        samesite="Lax",
        path="/",
    )
    return response
