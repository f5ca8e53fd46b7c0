"""OpenID Connect for SMART apps: with `openid fhirUser` the token response carries an
id_token signed with the key the JWKS publishes (RS256), naming the user's FHIR resource;
without `openid`, none. Verified with Authlib's JOSE, as an app would (SQLite, PostgreSQL)."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from authlib.jose import JsonWebKey, jwt  # deprecated for joserfc (a warning), still common
from authlib.jose.errors import BadSignatureError
from flask_openapi3 import OpenAPI
from joserfc.jwk import RSAKey

from clinic360.oauth import keys
from tests.factories import (
    REDIRECT_URI,
    OAuthApp,
    authorization_query,
    new_party,
    open_doctor,
    pkce_pair,
    register_app,
    staff_party,
    token_request,
)
from tests.helpers import ApiClient

SCOPE = "openid fhirUser launch/patient patient/Practitioner.rs offline_access"
DOCTOR_SCOPE = "openid fhirUser user/Practitioner.rs"


def _exchange(app: OpenAPI, user: Any, scope: str, **extra: str) -> dict[str, Any]:
    oauth_app = register_app(app, grant_types=("authorization_code", "refresh_token"),
                             scope=f"{SCOPE} {DOCTOR_SCOPE}", public=True)  # fmt: skip
    verifier, challenge = pkce_pair()
    query = authorization_query(oauth_app, scope, challenge, **extra)
    start = user.client.http.get(f"/oauth2/authorize?{query}")
    assert start.status_code == 302, start.get_data(as_text=True)
    answer = user.client.call("POST", "/api/oauth2/consent", {"request": query, "approve": True})
    code = dict(pair.split("=", 1) for pair in answer["redirectTo"].split("?", 1)[1].split("&"))[
        "code"
    ]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier}  # fmt: skip
    response = token_request(ApiClient(app), oauth_app, **form)
    assert response.status_code == 200, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    body["client_id"] = oauth_app.client_id
    return body


def _verify(app: OpenAPI, id_token: str) -> Any:
    client = ApiClient(app)
    configuration = client.http.get("/fhir/R4/.well-known/smart-configuration").get_json()
    assert configuration["jwks_uri"] == "http://localhost/oauth2/jwks"
    assert "sso-openid-connect" in configuration["capabilities"]
    jwks = client.http.get("/oauth2/jwks")
    assert jwks.status_code == 200
    assert all("d" not in key and "p" not in key for key in jwks.get_json()["keys"])
    claims = jwt.decode(id_token, JsonWebKey.import_key_set(jwks.get_json()))
    claims.validate()  # exp, iat
    assert claims["iss"] == configuration["issuer"] == "http://localhost/fhir/R4"
    return claims


def test_a_patients_id_token_verifies_with_the_jwks_and_names_the_patient(app: OpenAPI) -> None:
    patient = new_party(ApiClient(app))
    token = _exchange(app, patient, SCOPE, nonce="n-0S6_WzA2Mj")
    claims = _verify(app, token["id_token"])
    assert claims["sub"] == str(patient.id)
    assert claims["fhirUser"] == f"Patient/{patient.id}"
    assert claims["aud"] == token["client_id"]
    assert claims["nonce"] == "n-0S6_WzA2Mj"
    assert claims["exp"] - claims["iat"] == 300  # OAUTH_ACCESS_TOKEN_SECONDS
    assert token["patient"] == str(patient.id)  # the launch context
    header = jwt.decode(token["id_token"], JsonWebKey.import_key_set(
        ApiClient(app).http.get("/oauth2/jwks").get_json())).header  # fmt: skip
    assert header["alg"] == "RS256"
    assert header["kid"] == ApiClient(app).http.get("/oauth2/jwks").get_json()["keys"][0]["kid"]

    tampered = token["id_token"][:-4] + (
        "AAAA" if not token["id_token"].endswith("AAAA") else "BBBB"
    )
    with pytest.raises(BadSignatureError):
        _verify(app, tampered)

    # A nonce seen before for this app is a replay: refused back to the app.
    replay = authorization_query(
        OAuthApp(token["client_id"], None), SCOPE, pkce_pair()[1], nonce="n-0S6_WzA2Mj"
    )
    again = patient.client.http.get(f"/oauth2/authorize?{replay}")
    assert again.status_code == 302
    assert "error=invalid_request" in again.headers["Location"]


def test_a_doctors_id_token_names_the_practitioner(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    token = _exchange(app, doctor, DOCTOR_SCOPE)
    claims = _verify(app, token["id_token"])
    assert claims["fhirUser"] == f"Practitioner/{doctor.id}"
    assert claims["sub"] == str(doctor.id)
    assert "nonce" not in claims
    assert "patient" not in token


def test_no_id_token_without_openid_and_no_fhir_user_without_its_scope(app: OpenAPI) -> None:
    patient = new_party(ApiClient(app))
    plain = _exchange(app, patient, "fhirUser patient/Practitioner.rs")
    assert "id_token" not in plain
    assert plain["fhirUser"] == f"Patient/{patient.id}"
    bare = _exchange(app, new_party(ApiClient(app)), "openid patient/Practitioner.rs")
    claims = _verify(app, bare["id_token"])
    assert "fhirUser" not in claims


def test_a_doctor_cannot_grant_launch_patient_and_staff_cannot_grant_fhir_user(
    app: OpenAPI,
) -> None:
    oauth_app = register_app(
        app, grant_types=("authorization_code",), scope=f"{SCOPE} {DOCTOR_SCOPE}"
    )
    _, challenge = pkce_pair()
    doctor = open_doctor(ApiClient(app))
    query = authorization_query(oauth_app, "openid fhirUser launch/patient", challenge)
    view = doctor.client.call("GET", f"/api/oauth2/consent?request={quote(query, safe='')}")
    assert view["refused"] == ["launch/patient"]
    desk = staff_party(app, "receptionist")
    query = authorization_query(oauth_app, "openid fhirUser", challenge)
    view = desk.client.call("GET", f"/api/oauth2/consent?request={quote(query, safe='')}")
    assert view["refused"] == ["fhirUser"]


def test_the_signing_key_is_made_once_owner_only_or_read_from_the_setting(
    app: OpenAPI, tmp_path: Path
) -> None:
    with app.app_context():
        first = keys.jwks()
        path = keys.key_path(app)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        app.extensions.pop(keys.EXTENSION)
        assert keys.jwks() == first  # read back, not made anew
        own = tmp_path / "operator.pem"
        own.write_bytes(RSAKey.generate_key(2048, private=True).as_pem(private=True))
        app.extensions.pop(keys.EXTENSION)
        app.config["OAUTH_JWT_PRIVATE_KEY_FILE"] = str(own)
        assert keys.jwks()["keys"][0]["kid"] != first["keys"][0]["kid"]
        app.extensions.pop(keys.EXTENSION)
        app.config["OAUTH_JWT_PRIVATE_KEY_FILE"] = str(tmp_path / "missing.pem")
        with pytest.raises(ValueError, match="no such file"):
            keys.jwks()
