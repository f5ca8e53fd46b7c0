"""WEB-01, stored XSS: markup written into every free-text field comes back as plain text.

Through the API a doctor, a patient and their records are given names, a specialization, an
appointment reason, a diagnosis, a prescription, notes, an amendment reason and chart entries
(allergy, problem, medication and a chart amendment reason) that are each
an HTML payload with a tag of its own. Every screen that shows them is then opened in the
browser, as the administrator, the patient and the doctor: each payload must be visible as
text, no `<img src=x>` may exist in the document (that catches injected markup even where
the Content-Security-Policy would stop its handler from running), and `window.__xss` must be
undefined. Nothing clinical may be kept in localStorage or sessionStorage.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import ADMIN_PASSWORD
from tests.e2e.flows import (
    api_open_doctor,
    api_register,
    signed_in_context,
    web_storage,
)
from tests.factories import DEFAULT_PASSWORD, book_free_slot, write_record
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e


def payload(tag: str) -> str:
    return f'{tag} <img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


DOCTOR_NAME = payload("XSS-DN")
SPECIALIZATION = payload("XSS-SP")
PATIENT_NAME = payload("XSS-PN")
REASON = payload("XSS-RSN") + "\nsecond line"
DIAGNOSIS = payload("XSS-DX1")
AMENDED = payload("XSS-DX2")
PRESCRIPTION = payload("XSS-RX")
NOTES = payload("XSS-NT") + "\n" + payload("XSS-NT2")
AMENDMENT_REASON = payload("XSS-AR")
SUBSTANCE = payload("XSS-AL")
ALLERGY_REACTION = payload("XSS-AR2")
CONDITION = payload("XSS-PB")
MEDICATION = payload("XSS-MD")
DOSE = payload("XSS-DS")
CHART_REASON = payload("XSS-CR")
CHART = [SUBSTANCE, ALLERGY_REACTION, CONDITION, MEDICATION, DOSE, CHART_REASON]
PHI = ["XSS-RSN", "XSS-DX1", "XSS-DX2", "XSS-RX", "XSS-NT", "XSS-AL", "XSS-PB", "XSS-MD"]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Doctors wait for approval, so the admin's list shows the doctor's name too."""
    yield from start_live_server(tmp_path_factory.mktemp("live"), DOCTOR_APPROVAL="required")


@pytest.fixture
def world(live_server: LiveServer) -> dict[str, Any]:
    """The payload doctor (pending approval), a payload patient, a booking and a record."""
    doctor = api_open_doctor(live_server, fullName=DOCTOR_NAME, specialization=SPECIALIZATION)
    patient = api_register(live_server, "patient", fullName=PATIENT_NAME)
    return {"doctor": doctor, "patient": patient}


def open_as(
    browser: Browser, server: LiveServer, username: str, password: str = DEFAULT_PASSWORD
) -> Page:
    context = signed_in_context(
        browser, server, username, password, viewport={"width": 1280, "height": 800}
    )
    return context.new_page()


def assert_shown_as_text(page: Page, *payloads: str) -> None:
    for text in payloads:
        expect(page.get_by_text(text).filter(visible=True).first).to_be_visible()
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    storage = web_storage(page)
    assert [canary for canary in PHI if canary in storage] == []


def test_payloads_render_as_text_on_every_screen(
    live_server: LiveServer, admin: str, browser: Browser, world: dict[str, Any]
) -> None:
    doctor, patient = world["doctor"], world["patient"]
    contexts: list[BrowserContext] = []

    # The administrator's list of doctors waiting for approval; then approve (API).
    page = open_as(browser, live_server, admin, ADMIN_PASSWORD)
    contexts.append(page.context)
    page.goto("/admin")
    assert_shown_as_text(page, DOCTOR_NAME, SPECIALIZATION)
    token = page.context.request.get("/api/csrf").json()["csrfToken"]
    approved = page.context.request.post(
        f"/api/admin/doctors/{doctor.id}/approve", headers={"X-CSRF-Token": token}
    )
    assert approved.ok, approved.text()

    # The patient books with a payload reason; the doctor writes and amends a record.
    book_free_slot(patient, doctor, reason=REASON)
    record = write_record(
        doctor, patient, diagnosis=DIAGNOSIS, prescription=PRESCRIPTION, notes=NOTES
    )
    doctor.client.call(
        "PUT",
        f"/api/records/{record['id']}",
        {"diagnosis": AMENDED, "reason": AMENDMENT_REASON},
    )
    chart = f"/api/patients/{patient.id}"
    allergy = {"substance": SUBSTANCE, "reaction": ALLERGY_REACTION}
    added = doctor.client.call("POST", f"{chart}/allergies", allergy, status=201)
    doctor.client.call("POST", f"{chart}/problems", {"condition": CONDITION}, status=201)
    medication = {"name": MEDICATION, "dose": DOSE}
    doctor.client.call("POST", f"{chart}/medications", medication, status=201)
    doctor.client.call("PUT", f"{chart}/allergies/{added['id']}", {"reason": CHART_REASON})

    # The patient's screens.
    page = open_as(browser, live_server, patient.username)
    contexts.append(page.context)
    page.goto("/patient")
    assert_shown_as_text(page, PATIENT_NAME, DOCTOR_NAME)
    page.goto("/doctors")
    assert_shown_as_text(page, DOCTOR_NAME, SPECIALIZATION)
    page.goto(f"/doctors/{doctor.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(DOCTOR_NAME)
    assert_shown_as_text(page, SPECIALIZATION)
    page.goto(f"/book/{doctor.id}")
    assert_shown_as_text(page, DOCTOR_NAME)
    page.goto("/appointments")
    assert_shown_as_text(page, DOCTOR_NAME, SPECIALIZATION, payload("XSS-RSN"))
    page.goto("/records")
    assert_shown_as_text(page, AMENDED, PRESCRIPTION, payload("XSS-NT2"), DOCTOR_NAME, *CHART)
    page.get_by_role("button", name="Show versions of record").first.click()  # the timeline
    assert_shown_as_text(page, DIAGNOSIS, AMENDMENT_REASON)
    page.goto("/records/access-log")
    assert_shown_as_text(page, DOCTOR_NAME)

    # The doctor's screens.
    page = open_as(browser, live_server, doctor.username)
    contexts.append(page.context)
    page.goto("/doctor")
    assert_shown_as_text(page, DOCTOR_NAME)
    page.goto("/agenda")
    page.get_by_role("button", name="Week").click()
    assert_shown_as_text(page, PATIENT_NAME, payload("XSS-RSN"))
    page.goto("/patients")
    assert_shown_as_text(page, PATIENT_NAME)
    page.goto(f"/patients/{patient.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(PATIENT_NAME)
    assert_shown_as_text(page, AMENDED, PRESCRIPTION, payload("XSS-NT2"), *CHART)
    page.get_by_role("button", name="Version history").click()
    assert_shown_as_text(page, DIAGNOSIS, AMENDMENT_REASON)
    page.goto("/profile")
    expect(page.get_by_label("Full name")).to_have_value(DOCTOR_NAME)
    expect(page.get_by_label("Specialization").locator("option:checked")).to_have_text(
        SPECIALIZATION
    )
    assert_shown_as_text(page, DOCTOR_NAME)
    for context in contexts:
        context.close()
