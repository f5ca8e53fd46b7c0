"""A patient authorizes a SMART app on the consent page and revokes it (headless Chromium on
the running product): the app's authorization request lands on `/authorize` after sign-in,
the page lists the requested scopes in plain words, Allow sends the browser back to the
app's exact redirect URI with a code, which the app exchanges (PKCE) for a token that reads
`/fhir/R4`; revoking under Profile → Connected apps ends it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_open_doctor, api_register, log_in
from tests.factories import DEFAULT_PASSWORD, REDIRECT_URI, OAuthApp, authorization_query, pkce_pair
from tests.live import LiveServer

pytestmark = pytest.mark.e2e
SCOPE = "patient/Practitioner.rs user/Slot.rs offline_access"


def _register_app(live_server: LiveServer) -> OAuthApp:
    result = live_server.flask(
        "oauth-client", "create", "--name", "Health Diary", "--public",
        "--grant-type", "authorization_code", "--grant-type", "refresh_token",
        "--redirect-uri", REDIRECT_URI, "--scope", SCOPE,
    )  # fmt: skip
    found = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return OAuthApp(found["client_id"], None)


def test_patient_allows_an_app_then_revokes_it(page: Page, live_server: LiveServer) -> None:
    oauth_app = _register_app(live_server)
    doctor = api_open_doctor(live_server)
    patient = api_register(live_server, "patient")
    verifier, challenge = pkce_pair()
    callbacks: list[str] = []

    def app_callback(route: Route) -> None:  # the app's own page (offline here)
        callbacks.append(route.request.url)
        route.fulfill(status=200, body="<html><title>App</title><p>Connected</p></html>",
                      content_type="text/html")  # fmt: skip

    page.route(re.compile(r"^https://app\.example\.org/.*"), app_callback)
    query = authorization_query(oauth_app, SCOPE, challenge)
    page.goto(f"{live_server.url}/oauth2/authorize?{query}")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Username").fill(patient.username)
    page.get_by_label(re.compile(r"^Password")).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(
        page.get_by_role("heading", level=1, name="Allow an app to use your account?")
    ).to_be_visible()
    expect(page.get_by_text("Health Diary")).to_be_visible()
    expect(
        page.get_by_text("Read and search doctors' public profiles (as you, the patient)")
    ).to_be_visible()
    assert_no_axe_violations(page, "consent page")
    screenshot(page, "smart-consent")
    page.get_by_role("button", name="Allow").click()
    expect(page).to_have_title("App")

    target = urlsplit(callbacks[0])
    assert f"{target.scheme}://{target.netloc}{target.path}" == REDIRECT_URI
    params = dict(parse_qsl(target.query))
    assert params["state"] == "st-1"
    form = {
        "grant_type": "authorization_code", "code": params["code"],
        "client_id": oauth_app.client_id, "redirect_uri": REDIRECT_URI, "code_verifier": verifier,
    }  # fmt: skip
    token = httpx.post(f"{live_server.url}/oauth2/token", data=form).json()
    assert token["patient"] == str(patient.id)
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    read = httpx.get(f"{live_server.url}/fhir/R4/Practitioner/{doctor.id}", headers=bearer)
    assert read.status_code == 200

    page.goto(f"{live_server.url}/profile/apps")
    expect(page.get_by_text("Health Diary")).to_be_visible()
    assert_no_axe_violations(page, "connected apps")
    page.get_by_role("button", name="Revoke Health Diary").click()
    expect(page.get_by_text("No connected apps")).to_be_visible()
    again = httpx.get(f"{live_server.url}/fhir/R4/Practitioner/{doctor.id}", headers=bearer)
    assert again.status_code == 401


def test_signed_in_doctor_can_only_deny_patient_scopes(page: Page, live_server: LiveServer) -> None:
    oauth_app = _register_app(live_server)
    doctor = api_open_doctor(live_server)
    _, challenge = pkce_pair()
    log_in(page, live_server.url, doctor.username, DEFAULT_PASSWORD)
    expect(page).to_have_url(re.compile(r"/doctor$"))
    page.goto(
        f"{live_server.url}/oauth2/authorize?{authorization_query(oauth_app, SCOPE, challenge)}"
    )
    expect(page.get_by_text("Your account cannot give this app what it asks for")).to_be_visible()
    expect(page.get_by_role("button", name="Allow")).to_be_disabled()
