"""The one HTTP client of the tests: a browser-like API client, in-process or against a live
server, and log capture. Users, doctors, bookings and times come from tests/factories.py."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any, Generic, Self, TypeVar

import httpx
from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from clinic360.core.logging import JsonFormatter
from clinic360.core.security import CSRF_HEADER

R = TypeVar("R", TestResponse, httpx.Response)


class Browser(ABC, Generic[R]):
    """One browser: its own cookie jar, and the CSRF token sent on unsafe requests, fetched
    again once when the session rotated (login, logout), like the web app does."""

    def __init__(self) -> None:
        self._csrf: str | None = None

    @abstractmethod
    def _open(self, method: str, path: str, **kwargs: Any) -> R: ...

    @staticmethod
    @abstractmethod
    def json_of(response: R) -> Any:
        """The JSON body, or None when there is none."""

    @staticmethod
    @abstractmethod
    def text_of(response: R) -> str: ...

    @abstractmethod
    def another(self) -> Self:
        """A new browser (no cookies) on the same server."""

    @abstractmethod
    def server_app(self) -> OpenAPI:
        """The app on the server's database in this process, for the set-up the factories
        write without the API (tests/factories.py: `ensure_specialization`)."""

    def csrf_token(self, *, refresh: bool = False) -> str:
        if self._csrf is None or refresh:
            response = self._open("GET", "/api/csrf")
            assert response.status_code == 200, self.text_of(response)
            self._csrf = self.json_of(response)["csrfToken"]
        return self._csrf

    def get(self, path: str, **kwargs: Any) -> R:
        return self._open("GET", path, **kwargs)

    def _unsafe(self, method: str, path: str, json: Any = None, **kwargs: Any) -> R:
        headers = dict(kwargs.pop("headers", {}))
        headers.setdefault(CSRF_HEADER, self.csrf_token())
        response = self._open(method, path, json=json, headers=headers, **kwargs)
        if (
            response.status_code == 403
            and (self.json_of(response) or {}).get("code") == "csrf_failed"
            and headers[CSRF_HEADER] == self._csrf
        ):
            # The session rotated (login, logout): fetch a fresh token once, like the web app.
            headers[CSRF_HEADER] = self.csrf_token(refresh=True)
            response = self._open(method, path, json=json, headers=headers, **kwargs)
        return response

    def post(self, path: str, json: Any = None, **kwargs: Any) -> R:
        return self._unsafe("POST", path, json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> R:
        return self._unsafe("PUT", path, json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> R:
        return self._unsafe("DELETE", path, None, **kwargs)

    def send(self, method: str, path: str, json: Any = None) -> R:
        """Any method: GET plainly, the others with the CSRF token."""
        return self.get(path) if method == "GET" else self._unsafe(method, path, json)

    def call(self, method: str, path: str, json: Any = None, *, status: int = 200) -> Any:
        """A call that must answer `status`; its JSON body (None when empty)."""
        response = self.send(method, path, json)
        assert response.status_code == status, self.text_of(response)
        return self.json_of(response)

    def log_in(self, username: str, password: str) -> dict[str, Any]:
        """Log in with a password; the user object. The CSRF token of the new session is
        fetched right away, so the next unsafe request goes out once (no retry)."""
        login = {"username": username, "password": password}
        user: dict[str, Any] = self.call("POST", "/api/login", login)
        self.csrf_token(refresh=True)
        return user


class ApiClient(Browser[TestResponse]):
    """A browser on the app in this process (Flask's test client)."""

    def __init__(self, app: OpenAPI) -> None:
        super().__init__()
        self.app = app
        self.http = app.test_client()

    def _open(self, method: str, path: str, **kwargs: Any) -> TestResponse:
        return self.http.open(path, method=method, **kwargs)

    @staticmethod
    def json_of(response: TestResponse) -> Any:
        return response.get_json(silent=True)

    @staticmethod
    def text_of(response: TestResponse) -> str:
        return response.get_data(as_text=True)

    def another(self) -> ApiClient:
        return ApiClient(self.app)

    def server_app(self) -> OpenAPI:
        return self.app


class LiveClient(Browser[httpx.Response]):
    """A browser on a running server (tests/live.py) over HTTP."""

    def __init__(
        self,
        base_url: str,
        timeout: float = 30,
        server_app: Callable[[], OpenAPI] | None = None,
    ) -> None:
        super().__init__()
        self.base_url = base_url
        self.timeout = timeout
        self.http = httpx.Client(base_url=base_url, timeout=timeout)
        self._server_app = server_app

    def _open(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.request(method, path, **kwargs)

    @staticmethod
    def json_of(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            return None

    @staticmethod
    def text_of(response: httpx.Response) -> str:
        return response.text

    def another(self) -> LiveClient:
        return LiveClient(self.base_url, self.timeout, self._server_app)

    def server_app(self) -> OpenAPI:
        if self._server_app is None:
            raise RuntimeError("this client's server has no app in this process")
        return self._server_app()

    def second_tab(self) -> LiveClient:
        """The same session on another connection (a second tab of the same browser)."""
        tab = self.another()
        tab.http.cookies = httpx.Cookies(self.http.cookies)
        tab._csrf = self._csrf
        return tab

    def close(self) -> None:
        self.http.close()


def problem(response: TestResponse, status: int, code: str) -> dict[str, Any]:
    """Assert that an in-process answer is the problem+json document of `status` and `code`;
    its body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json()
    assert body["status"] == status
    assert body["code"] == code
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


def rendered_outbox_email(app: OpenAPI, outbox_id: int) -> dict[str, str]:
    """The email the worker would send for outbox row `outbox_id`: its `subject`, `to` and
    the decoded content of each leaf part by content type (`text/plain`, `text/html`, …)."""
    from clinic360.core.clock import utcnow
    from clinic360.core.db import transaction
    from clinic360.notifications.rendering import Prepared, prepare
    from clinic360.outbox.models import OutboxEmail

    with app.app_context(), transaction(write=False) as session:
        row = session.get(OutboxEmail, outbox_id)
        assert row is not None
        prepared = prepare(session, row, utcnow())
    assert isinstance(prepared, Prepared), prepared
    message = prepared.message
    return {"subject": str(message["Subject"]), "to": str(message["To"]), **email_parts(message)}


def email_parts(message: EmailMessage) -> dict[str, str]:
    """Decoded content of each leaf part of an email, by content type."""
    parts: dict[str, str] = {}
    for part in message.walk():
        if not part.is_multipart():
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            parts[part.get_content_type()] = payload.decode()
    return parts
