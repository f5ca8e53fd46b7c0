"""Registering apps: the CLI and the admin API; the secret is shown once; revoking an app
ends its tokens."""

from __future__ import annotations

from flask_openapi3 import OpenAPI

from tests.factories import admin_party, new_party, register_app, system_token
from tests.helpers import ApiClient, problem

BODY = {
    "name": "Scheduling kiosk",
    "grantTypes": ["client_credentials"],
    "scope": "system/Slot.rs system/Practitioner.rs",
}


def test_admin_registers_lists_and_revokes_apps(app: OpenAPI, client: ApiClient) -> None:
    admin = admin_party(app)
    created = admin.client.call("POST", "/api/admin/oauth-clients", BODY, status=201)
    assert created["clientSecret"]
    assert created["tokenEndpointAuthMethod"] == "client_secret_basic"
    listed = admin.client.call("GET", "/api/admin/oauth-clients")["items"]
    assert [c["clientId"] for c in listed] == [created["clientId"]]
    assert "clientSecret" not in listed[0]

    from tests.factories import OAuthApp

    oauth_app = OAuthApp(created["clientId"], created["clientSecret"])
    token = system_token(client, oauth_app, "system/Slot.rs")
    admin.client.call("DELETE", f"/api/admin/oauth-clients/{created['id']}", status=204)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.http.get("/fhir/R4/Practitioner", headers=headers).status_code == 401
    problem(admin.client.delete(f"/api/admin/oauth-clients/{created['id']}"), 404, "app_not_found")


def test_registration_rules(app: OpenAPI) -> None:
    admin = admin_party(app)
    bad = [
        {**BODY, "grantTypes": ["password"]},
        {**BODY, "grantTypes": ["authorization_code"]},  # no redirect URI
        {**BODY, "grantTypes": ["authorization_code"], "redirectUris": ["http://evil.example/"]},
        {**BODY, "grantTypes": ["authorization_code"], "redirectUris": ["https://a.example/#x"]},
        {**BODY, "scope": "system/Nonsense.rs"},
        {**BODY, "public": True},  # client credentials need a secret
    ]
    for body in bad:
        problem(admin.client.post("/api/admin/oauth-clients", body), 422, "validation_error")
    patient = new_party(ApiClient(app))
    problem(patient.client.post("/api/admin/oauth-clients", BODY), 403, "forbidden")


def test_cli_prints_the_secret_once(app: OpenAPI) -> None:
    oauth_app = register_app(app)
    assert oauth_app.secret and len(oauth_app.secret) >= 40
    public = register_app(app, grant_types=("authorization_code",), scope="user/Slot.rs",
                          public=True)  # fmt: skip
    assert public.secret is None
    result = app.test_cli_runner().invoke(
        args=[
            "oauth-client",
            "create",
            "--name",
            "x",
            "--grant-type",
            "client_credentials",
            "--scope",
            "system/Bogus.rs",
        ]
    )
    assert result.exit_code != 0
    assert "Bogus" in result.output
