"""Test helpers: a browser-like API client and account factories."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from clinic360.core.logging import JsonFormatter
from clinic360.core.security import CSRF_HEADER

DEFAULT_PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


class ApiClient:
    """One browser: its own cookie jar, and the CSRF token sent on unsafe requests."""

    def __init__(self, app: OpenAPI) -> None:
        self.app = app
        self.http = app.test_client()
        self._csrf: str | None = None

    def csrf_token(self, *, refresh: bool = False) -> str:
        if self._csrf is None or refresh:
            response = self.http.get("/api/csrf")
            assert response.status_code == 200, response.get_data(as_text=True)
            self._csrf = response.get_json()["csrfToken"]
        return self._csrf

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.http.get(path, **kwargs)

    def _unsafe(self, method: str, path: str, json: Any = None, **kwargs: Any) -> TestResponse:
        headers = dict(kwargs.pop("headers", {}))
        headers.setdefault(CSRF_HEADER, self.csrf_token())
        response = self.http.open(path, method=method, json=json, headers=headers, **kwargs)
        if (
            response.status_code == 403
            and (response.get_json(silent=True) or {}).get("code") == "csrf_failed"
            and headers[CSRF_HEADER] == self._csrf
        ):
            # The session rotated (login, logout): fetch a fresh token once, like the web app.
            headers[CSRF_HEADER] = self.csrf_token(refresh=True)
            response = self.http.open(path, method=method, json=json, headers=headers, **kwargs)
        return response

    def post(self, path: str, json: Any = None, **kwargs: Any) -> TestResponse:
        return self._unsafe("POST", path, json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> TestResponse:
        return self._unsafe("PUT", path, json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self._unsafe("DELETE", path, None, **kwargs)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def register(client: ApiClient, role: str = "patient", **fields: Any) -> dict[str, Any]:
    """Register (and so log in) a user through the API; returns the user object."""
    response = client.post("/api/register", json=registration_body(role, **fields))
    assert response.status_code == 201, response.get_data(as_text=True)
    user: dict[str, Any] = response.get_json()
    return user


def registration_body(role: str = "patient", **fields: Any) -> dict[str, Any]:
    """A valid POST /api/register body; `fields` (camelCase) replace or add keys."""
    username = fields.pop("username", unique(role))
    body: dict[str, Any] = {
        "username": username,
        "password": DEFAULT_PASSWORD,
        "email": f"{username}@example.org",
        "fullName": f"{role.title()} {username}",
        "role": role,
        **fields,
    }
    if role == "doctor":
        body.setdefault("specialization", "Cardiology")
    return body


class _LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextmanager
def captured_logs() -> Iterator[list[str]]:
    """The log lines (JSON, as the app writes them) of the clinic360 and root loggers."""
    capture = _LogCapture()
    loggers = [logging.getLogger("clinic360"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(capture)
    try:
        yield capture.lines
    finally:
        for logger in loggers:
            logger.removeHandler(capture)
