"""Structured JSON logs on stderr, one object per line, tagged with the request id.

Log lines carry ids, never PHI: no bodies, no query strings, no free text from users.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# Path parameters that are secrets (calendar subscription links): logged as the route.
SECRET_PATH_PARAMETERS = frozenset({"token"})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        entry.update(
            (key, value) for key, value in vars(record).items() if key not in _STANDARD_ATTRS
        )
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    """Route the clinic360 loggers to stderr as JSON (idempotent)."""
    logger = logging.getLogger("clinic360")
    logger.setLevel(level.upper())
    if not any(getattr(h, "clinic360", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.clinic360 = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False


def init_request_logging(app: Flask) -> None:
    access_log = logging.getLogger("clinic360.request")

    @app.before_request
    def _start_request() -> None:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        if request.path.startswith("/api"):
            access_log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": _loggable_path(),
                    "status": response.status_code,
                    "duration_ms": round(
                        (time.perf_counter() - g.get("request_started", time.perf_counter()))
                        * 1000,
                        1,
                    ),
                    "user_id": g.get("user_id"),
                },
            )
        return response


def _loggable_path() -> str:
    """The request path, or its route pattern when the path carries a secret."""
    if request.url_rule is not None and SECRET_PATH_PARAMETERS & set(request.view_args or {}):
        return request.url_rule.rule
    return request.path
