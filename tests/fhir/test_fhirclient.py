"""Proof with a client nobody on the team wrote: SMART Health IT's Python `fhirclient`
discovers the OAuth endpoints from `/fhir/R4/metadata`, gets a client-credentials token,
searches Practitioner and Slot with paging over real HTTP, then books a free Slot for a
patient (`Appointment.create`), reads it back, searches the patient's appointments and
cancels it. Every body it reads is also
validated with fhir.resources.R4B."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fhir.resources.R4B.appointment import Appointment as R4BAppointment
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhirclient import client as smart_client
from fhirclient.models.appointment import Appointment
from fhirclient.models.codeableconcept import CodeableConcept
from fhirclient.models.practitioner import Practitioner
from fhirclient.models.slot import Slot
from flask_openapi3 import OpenAPI
from werkzeug.serving import make_server

from tests.factories import new_party, open_doctor, register_app, unique
from tests.helpers import ApiClient

SCOPE = "system/Practitioner.rs system/Slot.rs system/Schedule.rs"


@pytest.fixture
def base_url(app: OpenAPI) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/fhir/R4"
    server.shutdown()
    thread.join(5)


def _smart(app: OpenAPI, base_url: str, scope: str = SCOPE) -> smart_client.FHIRClient:
    oauth_app = register_app(app, scope=scope)
    smart = smart_client.FHIRClient(
        settings={
            "app_id": oauth_app.client_id,
            "app_secret": oauth_app.secret,
            "api_base": base_url,
            "scope": scope,
        }
    )
    smart.wants_patient = False  # a back-end system: no patient context
    return smart


def test_fhirclient_discovers_authorizes_and_pages(app: OpenAPI, base_url: str) -> None:
    family = unique("Zed")
    doctors = [open_doctor(ApiClient(app), fullName=f"Dr {family} {n}") for n in range(3)]
    smart = _smart(app, base_url)

    assert smart.prepare() is False  # metadata read; not authorized yet
    statement = smart.server.capabilityStatement
    CapabilityStatement.model_validate(statement.as_json())
    assert smart.server.auth._token_uri.endswith("/oauth2/token")
    smart.authorize()
    assert smart.ready

    search = Practitioner.where(struct={"name": family, "_count": "2"})
    first = next(iter(search.perform_iter(smart.server)))
    Bundle.model_validate(first.as_json())
    assert first.total == 3
    assert len(first.entry) == 2
    next_link = next(link.url for link in first.link if link.relation == "next")
    assert next_link.startswith("http://127.0.0.1:")  # absolute
    found = list(Practitioner.where(struct={"name": family, "_count": "2"})
                 .perform_resources_iter(smart.server))  # fmt: skip
    assert sorted(int(p.id) for p in found) == sorted(d.id for d in doctors)
    assert all(p.name[0].text.startswith(f"Dr {family}") for p in found)

    doctor = doctors[0]
    expected = ApiClient(app).call("GET", f"/api/doctors/{doctor.id}/slots")
    slots = Slot.where(struct={"schedule": f"Schedule/{doctor.id}", "status": "free",
                               "_count": "50"})  # fmt: skip
    page = next(iter(slots.perform_iter(smart.server)))
    Bundle.model_validate(page.as_json())
    assert page.total == len(expected)
    every = list(Slot.where(struct={"schedule": f"Schedule/{doctor.id}", "_count": "50"})
                 .perform_resources_iter(smart.server))  # fmt: skip
    assert [s.start.as_json() for s in every] == [e["startTime"] for e in expected]
    assert {s.status for s in every} == {"free"}


BOOKING_SCOPE = f"{SCOPE} system/Appointment.cruds"


def test_fhirclient_books_reads_searches_and_cancels(app: OpenAPI, base_url: str) -> None:
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    smart = _smart(app, base_url, BOOKING_SCOPE)
    smart.prepare()
    smart.authorize()
    assert smart.ready

    slots = Slot.where(struct={"schedule": f"Schedule/{doctor.id}", "_count": "2"})
    first_page = next(iter(slots.perform_iter(smart.server)))
    assert len(first_page.entry) == 2
    assert any(link.relation == "next" for link in first_page.link)
    free = first_page.entry[1].resource
    appointment = Appointment(
        {
            "resourceType": "Appointment",
            "status": "booked",
            "slot": [{"reference": f"Slot/{free.id}"}],
            "participant": [
                {"actor": {"reference": f"Patient/{patient.id}"}, "status": "accepted"},
                {"actor": {"reference": f"Practitioner/{doctor.id}"}, "status": "accepted"},
            ],
        }
    )
    created = appointment.create(smart.server)
    R4BAppointment.model_validate(created)
    assert created["start"] == free.start.as_json()

    read = Appointment.read(created["id"], smart.server)
    R4BAppointment.model_validate(read.as_json())
    assert read.status == "booked"
    assert read.participant[0].actor.reference == f"Patient/{patient.id}"
    mine = list(Appointment.where(struct={"patient": str(patient.id)})
                .perform_resources_iter(smart.server))  # fmt: skip
    assert [a.id for a in mine] == [created["id"]]
    # The same booking as the patient sees it in the web app.
    web = patient.client.call("GET", f"/api/appointments/{created['id']}")
    assert web["startTime"] == free.start.as_json() and web["status"] == "scheduled"

    read.status = "cancelled"
    read.cancelationReason = CodeableConcept({"text": "The patient asked us to"})
    cancelled = read.update(smart.server)
    R4BAppointment.model_validate(cancelled)
    assert cancelled["status"] == "cancelled"
    web = patient.client.call("GET", f"/api/appointments/{created['id']}")
    assert web["status"] == "cancelled"
