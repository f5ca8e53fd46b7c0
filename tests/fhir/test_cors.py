"""CORS for browser SMART apps: `/fhir/R4/*` and the token, revocation and JWKS endpoints
answer the origins of FHIR_CORS_ORIGINS (and their preflights), never with credentials;
other origins, `/oauth2/authorize` and `/api/*` get no CORS headers; by default none at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from clinic360.core.config import ConfigError, load_settings
from tests.factories import open_doctor, register_app, system_token
from tests.helpers import ApiClient

APP_ORIGIN = "https://app.example.org"
COVERED = ("/fhir/R4/metadata", "/fhir/R4/Practitioner", "/oauth2/token", "/oauth2/revoke",
           "/oauth2/jwks", "/fhir/R4/.well-known/smart-configuration")  # fmt: skip


def _preflight(client: ApiClient, path: str, origin: str, method: str = "POST") -> TestResponse:
    return client.http.options(path, headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization, content-type",
    })  # fmt: skip


def test_no_cors_headers_by_default(app: OpenAPI) -> None:
    client = ApiClient(app)
    for path in COVERED:
        response = _preflight(client, path, APP_ORIGIN)
        assert "Access-Control-Allow-Origin" not in response.headers, path
        plain = client.http.get(path, headers={"Origin": APP_ORIGIN})
        assert "Access-Control-Allow-Origin" not in plain.headers, path


def test_listed_origins_are_answered_others_are_not(app: OpenAPI) -> None:
    app.config["FHIR_CORS_ORIGINS"] = frozenset({APP_ORIGIN})
    client = ApiClient(app)
    for path in COVERED:
        response = _preflight(client, path, APP_ORIGIN)
        assert response.status_code == 204, path
        headers = response.headers
        assert headers["Access-Control-Allow-Origin"] == APP_ORIGIN
        assert "POST" in headers["Access-Control-Allow-Methods"]
        assert "Authorization" in headers["Access-Control-Allow-Headers"]
        assert "Access-Control-Allow-Credentials" not in headers
        assert "Origin" in headers["Vary"]
        other = _preflight(client, path, "https://evil.example")
        assert "Access-Control-Allow-Origin" not in other.headers

    oauth_app = register_app(app)
    token = system_token(client, oauth_app, "system/Practitioner.rs")
    doctor = open_doctor(ApiClient(app))
    with_token = {"Origin": APP_ORIGIN, "Authorization": f"Bearer {token}"}
    read = client.http.get(f"/fhir/R4/Practitioner/{doctor.id}", headers=with_token)
    assert read.status_code == 200
    assert read.headers["Access-Control-Allow-Origin"] == APP_ORIGIN
    assert "Location" in read.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in read.headers
    # A refusal (an OperationOutcome) is readable by the app too.
    refused = client.http.get("/fhir/R4/Practitioner", headers={"Origin": APP_ORIGIN})
    assert refused.status_code == 401
    assert refused.mimetype == "application/fhir+json"
    assert refused.headers["Access-Control-Allow-Origin"] == APP_ORIGIN
    token_answer = client.http.post("/oauth2/token", data={"grant_type": "client_credentials"},
                                    headers={"Origin": APP_ORIGIN})  # fmt: skip
    assert token_answer.headers["Access-Control-Allow-Origin"] == APP_ORIGIN


def test_never_on_the_session_api_or_the_authorize_page(app: OpenAPI) -> None:
    app.config["FHIR_CORS_ORIGINS"] = frozenset({APP_ORIGIN})
    client = ApiClient(app)
    for path in ("/api/user", "/api/doctors", "/api/login", "/oauth2/authorize"):
        response = _preflight(client, path, APP_ORIGIN)
        assert "Access-Control-Allow-Origin" not in response.headers, path
        plain = client.http.get(path, headers={"Origin": APP_ORIGIN})
        assert "Access-Control-Allow-Origin" not in plain.headers, path


@pytest.mark.parametrize("raw", ["*", "https://app.example.org/path", "app.example.org",
                                 "ftp://app.example.org"])  # fmt: skip
def test_the_setting_takes_origins_only(raw: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="FHIR_CORS_ORIGINS"):
        load_settings(tmp_path, {"FHIR_CORS_ORIGINS": raw})


def test_the_setting_reads_a_list(tmp_path: Path) -> None:
    raw = "https://a.example, http://localhost:5173,,"
    settings = load_settings(tmp_path, {"FHIR_CORS_ORIGINS": raw})
    assert settings["FHIR_CORS_ORIGINS"] == {"https://a.example", "http://localhost:5173"}
