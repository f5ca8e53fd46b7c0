"""One error layer: every failure under /api becomes an RFC 9457 problem document.

Domains raise `DomainError` subclasses; each class carries its HTTP status and stable
`code`, so handlers never build error responses themselves. Anything unexpected is
logged with an opaque error id and answered with that id only.
"""

from __future__ import annotations

import logging
import uuid
from http import HTTPStatus
from typing import Any, ClassVar

from flask import Flask, Response, json, request
from flask_wtf.csrf import CSRFError
from pydantic import ValidationError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeout
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

log = logging.getLogger("clinic360.errors")

PROBLEM_JSON = "application/problem+json"

# Stable codes for errors raised by the HTTP layer itself.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    detail: str | None = None

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.code)
        self.detail = detail or type(self).detail
        self.extra = extra

    def headers(self) -> dict[str, str]:
        return {}


class NotFound(DomainError):
    status = 404
    code = "not_found"
    detail = "The resource does not exist."


class Unauthenticated(DomainError):
    status = 401
    code = "unauthenticated"
    detail = "Log in to continue."


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    detail = "You are not allowed to do this."


class Conflict(DomainError):
    status = 409
    code = "conflict"


class ValidationFailed(DomainError):
    """A well-formed request that breaks a rule; `errors` maps camelCase fields to messages."""

    status = 422
    code = "validation_error"

    def __init__(self, errors: dict[str, str], detail: str | None = None) -> None:
        super().__init__(detail or "; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.extra = {"errors": errors}


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    detail = "Too many attempts. Try again later."

    def __init__(self, retry_after_seconds: int, detail: str | None = None) -> None:
        super().__init__(detail)
        self.retry_after_seconds = max(1, int(retry_after_seconds))

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class ServiceUnavailable(DomainError):
    status = 503
    code = "service_unavailable"
    detail = "The service is temporarily unavailable. Try again shortly."

    def headers(self) -> dict[str, str]:
        return {"Retry-After": "5"}


def problem(
    status: int,
    code: str,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """Build a problem+json response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def validation_problem(exc: ValidationError) -> Response:
    """422 with `errors` keyed by the camelCase field path (used by flask-openapi3)."""
    errors: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "body"
        errors.setdefault(field, error["msg"])
    detail = "; ".join(f"{field}: {message}" for field, message in errors.items())
    return problem(422, "validation_error", detail, errors=errors)


def _is_api_request() -> bool:
    return request.path.startswith(("/api/", "/fhir/", "/oauth2/")) or request.path == "/api"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError) -> Response:
        return problem(exc.status, exc.code, exc.detail, exc.headers(), **exc.extra)

    @app.errorhandler(CSRFError)
    def _csrf_error(exc: CSRFError) -> Response:
        return problem(403, "csrf_failed", "CSRF token missing or invalid. Fetch /api/csrf.")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        if exc.response is not None:  # already a full response (e.g. a validation error)
            return exc.response  # type: ignore[return-value]
        status = exc.code or 500
        if not _is_api_request() and status == 404:
            return Response("Not found", status=404, mimetype="text/plain")
        headers = {}
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            headers["Allow"] = ", ".join(exc.valid_methods)
        return problem(status, HTTP_CODES.get(status, "error"), exc.description, headers)

    @app.errorhandler(InternalServerError)
    def _unhandled_outside_view(exc: InternalServerError) -> Response:
        # Errors raised while opening or saving the session, or in request hooks.
        return _unexpected(exc.original_exception or exc)

    @app.errorhandler(Exception)
    def _unexpected(exc: BaseException) -> Response:
        if _is_outage(exc):
            log.error("dependency unavailable", extra={"error_class": type(exc).__name__})
            unavailable = ServiceUnavailable()
            return problem(503, unavailable.code, unavailable.detail, unavailable.headers())
        error_id = uuid.uuid4().hex
        log.error("unhandled error", exc_info=exc, extra={"error_id": error_id})
        return problem(500, "internal_error", "An unexpected error occurred.", errorId=error_id)


def _is_outage(exc: BaseException) -> bool:
    """Lost or slow database or Redis connections are outages (503), not bugs."""
    if isinstance(exc, OperationalError | PoolTimeoutError | RedisConnectionError | RedisTimeout):
        return True
    return isinstance(exc, DBAPIError) and _is_unavailable(exc)


def _is_unavailable(exc: DBAPIError) -> bool:
    """Timeouts and lost connections from the driver are outages (503), not bugs."""
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    return exc.connection_invalidated or sqlstate.startswith(("08", "57", "55P03"))


_PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


def problem_components() -> dict[str, dict[str, Any]]:
    """The problem+json body and the error answers, named once in the document's components."""
    return {
        "schemas": {"Problem": _PROBLEM_SCHEMA},
        "responses": {
            f"Problem{status}": {
                "description": f"`{code}` and other codes (problem+json)",
                "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            }
            for status, code in HTTP_CODES.items()
            if status not in (405, 500)
        },
    }


def problem_responses() -> dict[int, dict[str, Any]]:
    """The error answers every operation may give, each a reference to `problem_components`."""
    return {
        int(name.removeprefix("Problem")): {"$ref": f"#/components/responses/{name}"}
        for name in problem_components()["responses"]
    }
