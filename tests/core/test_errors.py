"""Every error under /api is problem+json with a stable code; never HTML, never a trace."""

from __future__ import annotations

import logging

from flask_openapi3 import OpenAPI

from clinic360.core.errors import PROBLEM_JSON
from tests.helpers import ApiClient


def assert_problem(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON
    body = response.get_json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == "about:blank"
    assert body["title"]
    return body  # type: ignore[no-any-return]


def test_unknown_api_route_is_404_problem(client: ApiClient) -> None:
    assert_problem(client.get("/api/nope"), 404, "not_found")
    assert_problem(client.post("/api/nope/deeper", json={}), 404, "not_found")


def test_wrong_method_is_405_problem_with_allow(client: ApiClient) -> None:
    response = client.put("/api/health", json={})
    assert_problem(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_malformed_json_is_400(client: ApiClient) -> None:
    response = client.post("/api/login", data="{not json", content_type="application/json")
    assert_problem(response, 400, "bad_request")


def test_deeply_nested_json_is_400_not_500(client: ApiClient) -> None:
    body = "[" * 50000 + "]" * 50000
    response = client.post("/api/login", data=body, content_type="application/json")
    assert_problem(response, 400, "bad_request")


def test_invalid_utf8_is_400(client: ApiClient) -> None:
    response = client.post(
        "/api/login", data=b'{"username": "\xff\xfe"}', content_type="application/json"
    )
    assert_problem(response, 400, "bad_request")


def test_wrong_content_type_is_415(client: ApiClient) -> None:
    response = client.post("/api/login", data='{"username": "a"}', content_type="text/plain")
    assert_problem(response, 415, "unsupported_media_type")


def test_body_over_limit_is_413(client: ApiClient) -> None:
    payload = '{"username": "' + "a" * (1024 * 1024) + '"}'
    response = client.post("/api/login", data=payload, content_type="application/json")
    assert_problem(response, 413, "payload_too_large")


def test_validation_error_is_422_with_camel_case_fields(client: ApiClient) -> None:
    response = client.post("/api/register", json={"username": "x", "role": "admin"})
    body = assert_problem(response, 422, "validation_error")
    assert {"username", "password", "email", "fullName", "role"} <= set(body["errors"])


def test_missing_csrf_token_is_403_csrf_failed(client: ApiClient) -> None:
    response = client.http.post("/api/login", json={"username": "a", "password": "b"})
    assert_problem(response, 403, "csrf_failed")


def test_wrong_csrf_token_is_403_csrf_failed(client: ApiClient) -> None:
    client.csrf_token()
    response = client.http.post(
        "/api/login", json={"username": "a", "password": "b"}, headers={"X-CSRF-Token": "forged"}
    )
    assert_problem(response, 403, "csrf_failed")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_unexpected_exception_is_500_with_only_an_error_id(sqlite_app: OpenAPI) -> None:
    def explode() -> None:
        raise RuntimeError("secret internal detail /srv/app.py")

    sqlite_app.add_url_rule("/api/test-explode", "explode", explode)
    collector = _Collector()
    logger = logging.getLogger("clinic360")
    logger.addHandler(collector)
    try:
        response = sqlite_app.test_client().get("/api/test-explode")
    finally:
        logger.removeHandler(collector)
    body = assert_problem(response, 500, "internal_error")
    assert set(body) == {"type", "title", "status", "code", "detail", "errorId"}
    assert "secret internal detail" not in response.get_data(as_text=True)
    logged = [r for r in collector.records if getattr(r, "error_id", None) == body["errorId"]]
    assert logged and logged[0].exc_info is not None


def test_database_down_is_503_problem(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_app

    app = make_app(
        "postgresql+psycopg://postgres@127.0.0.1:1/none", tmp_path, DB_CONNECT_TIMEOUT_SECONDS="1"
    )
    client = app.test_client()
    health = client.get("/api/health")
    assert health.status_code == 503
    assert health.get_json()["database"] == "unavailable"
    response = ApiClient(app).post("/api/login", json={"username": "a", "password": "b"})
    assert_problem(response, 503, "service_unavailable")
    assert "Retry-After" in response.headers
