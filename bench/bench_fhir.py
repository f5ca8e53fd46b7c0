"""The FHIR API beside the JSON API it wraps (issue 20: within 1.5× of it).

A back-end app registered with `flask oauth-client create` (client credentials, system scopes)
takes a token from `/oauth2/token` and then, on the same server, data and load as the JSON API
runs of `bench.run`:

- **slot search**: `GET /fhir/R4/Slot?schedule=Schedule/<doctor>&start=ge<day>&start=lt<day+7>`
  for every doctor in turn, 8 clients (wrk through `bench.run.reads`), against
  `GET /api/doctors/<doctor>/slots` for the same seven days. A week of one doctor fits in one
  page (`_count=100`), so both answers carry the same slots;
- **booking**: `POST /fhir/R4/Appointment` (start, end, Patient and Practitioner participants)
  of the same candidate slots, 8 clients, against `POST /api/appointments`.

A token lives `OAUTH_ACCESS_TOKEN_SECONDS` (300 s): each run takes a fresh one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from bench import driver

SCOPE = "system/Slot.rs system/Appointment.crus"
FHIR_JSON = "application/fhir+json"


@dataclass(frozen=True)
class App:
    client_id: str
    secret: str


def parse_app(cli_output: str) -> App:
    """The client id and secret `flask oauth-client create` printed."""
    found = dict(line.split(": ", 1) for line in cli_output.splitlines() if ": " in line)
    return App(found["client_id"], found["client_secret"])


def bearer_headers(base_url: str, app: App) -> dict[str, str]:
    """The headers of a FHIR request with a fresh client-credentials access token."""
    response = httpx.post(
        f"{base_url}/oauth2/token",
        data={"grant_type": "client_credentials", "scope": SCOPE},
        auth=(app.client_id, app.secret),
        timeout=30.0,
    )
    if response.status_code != 200:
        raise RuntimeError(f"token: {response.status_code} {response.text[:200]}")
    return {"Authorization": f"Bearer {response.json()['access_token']}", "Accept": FHIR_JSON}


def slot_paths(doctor_ids: list[int], first: str, after_last: str) -> list[str]:
    """The FHIR slot searches of every doctor over [first, after_last) (dates)."""
    return [
        f"/fhir/R4/Slot?schedule=Schedule/{d}&start=ge{first}&start=lt{after_last}&_count=100"
        for d in doctor_ids
    ]


def appointment(patient_id: int, doctor_id: int, start: str, end: str) -> dict[str, Any]:
    """A FHIR Appointment to book: booked, its time, its two participants."""
    return {
        "resourceType": "Appointment",
        "status": "booked",
        "start": start,
        "end": end,
        "participant": [
            {"actor": {"reference": f"Patient/{patient_id}"}, "status": "accepted"},
            {"actor": {"reference": f"Practitioner/{doctor_id}"}, "status": "accepted"},
        ],
    }


def booking(
    base_url: str,
    app: App,
    patient_ids: list[int],
    queues: list[list[tuple[int, str, str]]],
    seconds: float,
) -> driver.Stats:
    """Client i books the slots of `queues[i]` for patient `patient_ids[i]`, in turn."""
    headers = {**bearer_headers(base_url, app), "Content-Type": FHIR_JSON}

    def step(browser: driver.Browser, index: int) -> Any:
        if not queues[index]:
            return None
        doctor_id, start, end = queues[index].pop()
        body = appointment(patient_ids[index], doctor_id, start, end)
        browser.operation = "POST /fhir/R4/Appointment"
        return browser.http.post("/fhir/R4/Appointment", json=body)

    users: list[str | None] = [None] * len(queues)
    return driver.run(base_url, users, "", step, seconds=seconds, headers=headers)
