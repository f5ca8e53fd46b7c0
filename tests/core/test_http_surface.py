"""Health, security headers, request ids, the OpenAPI document and the web app fallback."""

from __future__ import annotations

import gzip
from pathlib import Path

from flask_openapi3 import OpenAPI
from openapi_spec_validator import validate

from clinic360.core.security import CSRF_HEADER
from tests.conftest import make_app
from tests.helpers import ApiClient


def test_health_reports_database_and_queue(client: ApiClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.get_json()
    assert {k: body[k] for k in ("status", "database", "queue")} == {
        "status": "ok",
        "database": "ok",
        "queue": "ok",
    }
    assert body["outbox"] == {"pending": 0, "sending": 0, "failed": 0, "oldestPendingSeconds": None}


def test_security_headers_on_api_and_pages(client: ApiClient) -> None:
    api = client.get("/api/health")
    assert api.headers["Cache-Control"] == "no-store"
    for response in (api, client.get("/")):
        csp = response.headers["Content-Security-Policy"]
        script_src = csp.split("script-src")[1].split(";")[0]
        assert script_src.strip() == "'self'"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in api.headers


def test_https_public_url_turns_on_hsts_and_host_cookie(sqlite_url: str, tmp_path: Path) -> None:
    app = make_app(sqlite_url, tmp_path, PUBLIC_URL="https://clinic.example")
    response = app.test_client().get("/api/csrf", base_url="https://clinic.example")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("__Host-clinic360_session="))
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie
    assert "SameSite=Lax" in session_cookie and "Path=/" in session_cookie
    assert "Domain" not in session_cookie


def test_request_id_is_echoed_or_generated(client: ApiClient) -> None:
    echoed = client.get("/api/health", headers={"X-Request-ID": "abc12345-req"})
    assert echoed.headers["X-Request-ID"] == "abc12345-req"
    generated = client.get("/api/health", headers={"X-Request-ID": "bad id!"})
    assert len(generated.headers["X-Request-ID"]) == 32


def test_openapi_document_is_valid_3_1_and_lists_the_api(client: ApiClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    for path in ("/api/health", "/api/csrf", "/api/register", "/api/login", "/api/user"):
        assert path in document["paths"], path


def test_docs_page_is_served(client: ApiClient) -> None:
    response = client.get("/api/docs/swagger")
    assert response.status_code == 200
    assert "swagger" in response.get_data(as_text=True).lower()


def test_web_app_routes_fall_back_to_index(sqlite_url: str, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Clinic360</title>")
    (dist / "assets" / "app-abc123.js").write_text("console.log(1)")
    app: OpenAPI = make_app(sqlite_url, tmp_path, WEB_DIST=str(dist))
    http = app.test_client()
    for page in ("/", "/login", "/appointments/12"):
        response = http.get(page)
        assert response.status_code == 200 and b"Clinic360" in response.data, page
        assert response.headers["Cache-Control"] == "no-cache"
    asset = http.get("/assets/app-abc123.js")
    assert asset.status_code == 200
    # Hashed names are cached for a year and never revalidated (no `no-cache` beside it).
    assert set(asset.headers["Cache-Control"].split(", ")) == {
        "public",
        "max-age=31536000",
        "immutable",
    }
    assert http.get("/api/unknown").mimetype == "application/problem+json"


def test_precompressed_copies_are_sent_to_browsers_that_accept_them(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The build writes name.br and name.gz beside each file; the best accepted one is sent."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    script = "console.log('clinic360');" * 100
    (dist / "index.html").write_text("<!doctype html><title>Clinic360</title>")
    (dist / "assets" / "app-abc123.js").write_text(script)
    (dist / "assets" / "app-abc123.js.br").write_bytes(brotli_bytes := b"BROTLI" + b"\0" * 10)
    (dist / "assets" / "app-abc123.js.gz").write_bytes(gzip.compress(script.encode()))
    http = make_app(sqlite_url, tmp_path, WEB_DIST=str(dist)).test_client()

    best = http.get("/assets/app-abc123.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert best.headers["Content-Encoding"] == "br" and best.data == brotli_bytes
    assert best.mimetype == "text/javascript" and "Accept-Encoding" in best.headers["Vary"]
    gz = http.get("/assets/app-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.data).decode() == script
    plain = http.get("/assets/app-abc123.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.data.decode() == script
    refused = http.get("/assets/app-abc123.js", headers={"Accept-Encoding": "br;q=0, gzip"})
    assert refused.headers["Content-Encoding"] == "gzip"
    # index.html has no precompressed copy here: sent as is, revalidated on every load.
    page = http.get("/login", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in page.headers and page.headers["Cache-Control"] == "no-cache"


def test_web_app_route_is_no_file_existence_oracle(sqlite_url: str, tmp_path: Path) -> None:
    """Review #23 F-9: `/%2e%2e%2f…` used to answer 404 for a file outside the web app
    that exists and 200 for one that does not."""
    dist = tmp_path / "web" / "dist"
    dist.mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Clinic360</title>")
    (tmp_path / "secret.txt").write_text("server file")
    app: OpenAPI = make_app(sqlite_url, tmp_path / "instance", WEB_DIST=str(dist))
    http = app.test_client()
    answers = set()
    for name in ("secret.txt", "missing.txt"):
        for path in (f"/%2e%2e%2f%2e%2e%2f{name}", f"/..%2f..%2f{name}", f"/a/../../../{name}"):
            response = http.get(path)
            assert response.status_code == 200 and b"Clinic360" in response.data, path
            answers.add((response.status_code, response.data))
    assert len(answers) == 1


def test_https_needs_the_csrf_header_but_no_referer(sqlite_url: str, tmp_path: Path) -> None:
    """Review #23 F-12: the X-CSRF-Token header is the control over HTTPS too; API clients
    that send no Referer are not refused (Flask-WTF's strict SSL Referer check is off)."""
    app = make_app(sqlite_url, tmp_path, PUBLIC_URL="https://clinic.example")
    http = app.test_client()
    base = "https://clinic.example"
    token = http.get("/api/csrf", base_url=base).get_json()["csrfToken"]
    body = {"username": "nobody", "password": "wrong-password"}
    with_token = http.post("/api/login", json=body, base_url=base, headers={CSRF_HEADER: token})
    assert with_token.status_code == 401, with_token.get_data(as_text=True)
    without = http.post("/api/login", json=body, base_url=base)
    assert without.status_code == 403 and without.get_json()["code"] == "csrf_failed"
    forged = http.post(
        "/api/login",
        json=body,
        base_url=base,
        headers={CSRF_HEADER: "forged", "Referer": "https://clinic.example/login"},
    )
    assert forged.status_code == 403 and forged.get_json()["code"] == "csrf_failed"
