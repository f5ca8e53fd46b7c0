"""The scaled-out configuration: sessions and the queue in Redis, failing closed without it."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
from flask_openapi3 import OpenAPI

from tests.conftest import make_app
from tests.factories import register
from tests.helpers import ApiClient

CLOSED_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def scaled_app(pg_app: OpenAPI, pg_database_url: str, redis_url: str, tmp_path: Path) -> OpenAPI:
    return make_app(pg_database_url, tmp_path / "scaled", REDIS_URL=redis_url)


def test_sessions_live_in_redis(scaled_app: OpenAPI, redis_url: str) -> None:
    client = ApiClient(scaled_app)
    register(client, username="rita")
    cookie = client.http.get_cookie("clinic360_session")
    assert cookie is not None
    stored = redis.Redis.from_url(redis_url).get(f"clinic360:session:{cookie.value}")
    assert stored is not None
    assert b'"user_id"' in stored
    assert client.get("/api/user").status_code == 200


def test_health_reports_the_redis_queue(scaled_app: OpenAPI) -> None:
    assert ApiClient(scaled_app).get("/api/health").get_json()["queue"] == "ok"


def test_without_redis_requests_fail_closed_with_503(
    pg_app: OpenAPI, pg_database_url: str, tmp_path: Path
) -> None:
    app = make_app(pg_database_url, tmp_path / "down", REDIS_URL=CLOSED_REDIS)
    http = app.test_client()
    http.set_cookie("clinic360_session", "a-session-id-the-store-cannot-be-asked-about")
    for path in ("/api/user", "/api/csrf"):
        response = http.get(path)
        assert response.status_code == 503, path
        assert response.get_json()["code"] == "service_unavailable"
    health = app.test_client().get("/api/health")  # load balancers send no session cookie
    assert health.status_code == 200
    body = health.get_json()
    assert {k: body[k] for k in ("status", "database", "queue")} == {
        "status": "ok",
        "database": "ok",
        "queue": "unavailable",
    }
