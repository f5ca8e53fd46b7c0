"""Records in a real browser: the doctor's and the patient's side, plus an axe check.

Set-up goes through the API (register, and for the patient's side the doctor's record and
amendment) and, for appointments in the past, a row inserted into the live server's
database (`insert_appointment`). Each test builds its own patient and doctor, so either runs
alone. Logging in uses the browser context's own request client, so the session cookie lands
in the browser.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import add_record, api_register, signed_in_context, web_storage
from tests.factories import Party, insert_appointment
from tests.helpers import LiveClient
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

DIAGNOSIS = f"CANARY-DX-{uuid.uuid4().hex[:8]}"
PRESCRIPTION = f"CANARY-RX-{uuid.uuid4().hex[:8]}"
NOTES = f"CANARY-NOTE-{uuid.uuid4().hex[:8]}"
AMENDED = f"CANARY-DX2-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def cast(live_server: LiveServer) -> dict[str, Party[LiveClient]]:
    patient = api_register(live_server, "patient", fullName="Alice Patient")
    doctor = api_register(live_server, "doctor", fullName="Bob Doctor", specialization="Cardiology")
    now = datetime.now(UTC).replace(microsecond=0)
    app = live_server.app()
    insert_appointment(app, patient.id, doctor.id, now - timedelta(days=2), status="completed")
    insert_appointment(app, patient.id, doctor.id, now + timedelta(days=7), reason="Check-up")
    return {"patient": patient, "doctor": doctor}


def _signed_in(browser: Browser, server: LiveServer, username: str) -> tuple[BrowserContext, Page]:
    context = signed_in_context(browser, server, username)
    return context, context.new_page()


def _write_amended_record(doctor: Party[LiveClient], patient_id: int) -> None:
    """The doctor's side through the API (a new login): one record, then one amendment."""
    http = doctor.fresh_client()
    record = {
        "patientId": patient_id,
        "diagnosis": DIAGNOSIS,
        "prescription": PRESCRIPTION,
        "notes": NOTES,
    }
    created = http.call("POST", "/api/records", record, status=201)
    amendment = {"diagnosis": AMENDED, "reason": "Confirmed by lab results"}
    http.call("PUT", f"/api/records/{created['id']}", amendment)
    http.close()


def test_doctor_finds_the_patient_adds_and_amends_a_record(
    browser: Browser, live_server: LiveServer, cast: dict[str, Party[LiveClient]]
) -> None:
    context, page = _signed_in(browser, live_server, cast["doctor"].username)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto("/patients")
    expect(page.get_by_role("heading", level=1, name="My patients")).to_be_visible()
    expect(page.get_by_role("link", name="Alice Patient")).to_be_visible()
    assert_no_axe_violations(page, "my patients")
    page.get_by_role("searchbox", name="Search patients").fill("nobody-matches")
    expect(page.get_by_text("No patients found.")).to_be_visible()
    page.get_by_role("searchbox", name="Search patients").fill("alice")
    page.get_by_role("link", name="Alice Patient").click()

    expect(page.get_by_role("heading", level=1, name="Alice Patient")).to_be_visible()
    expect(page.get_by_text("No medical records yet.")).to_be_visible()
    assert_no_axe_violations(page, "patient page (empty)")
    add_record(page, DIAGNOSIS, PRESCRIPTION, NOTES)
    records = page.get_by_role("list", name="Medical records, newest first")
    expect(records.get_by_text(DIAGNOSIS)).to_be_visible()
    expect(records.get_by_text(PRESCRIPTION)).to_be_visible()

    records.get_by_role("button", name="Amend").click()
    dialog = page.get_by_role("dialog", name="Amend record")
    dialog.get_by_label("Diagnosis").fill(AMENDED)
    dialog.get_by_label("Reason for the amendment").fill("Confirmed by lab results")
    assert_no_axe_violations(page, "amend dialog")
    dialog.get_by_role("button", name="Save amendment").click()
    expect(dialog).to_be_hidden()
    expect(records.get_by_text(AMENDED)).to_be_visible()
    expect(records.get_by_text("Amended · version 2")).to_be_visible()

    records.get_by_role("button", name="Version history").click()
    history = page.get_by_role("list", name="Version history")
    expect(history.get_by_text(f"Diagnosis: {DIAGNOSIS}")).to_be_visible()
    expect(history.get_by_text("Reason: Confirmed by lab results")).to_be_visible()
    assert_no_axe_violations(page, "patient page with history")
    screenshot(page, "records-doctor-patient-page")
    assert DIAGNOSIS not in web_storage(page) and AMENDED not in web_storage(page)
    assert errors == []
    context.close()


def test_patient_reads_records_access_log_and_downloads_fhir(
    browser: Browser, live_server: LiveServer, cast: dict[str, Party[LiveClient]]
) -> None:
    _write_amended_record(cast["doctor"], cast["patient"].id)
    cast["doctor"].fresh_client().call("GET", "/api/appointments")  # the visits' reasons
    context, page = _signed_in(browser, live_server, cast["patient"].username)

    page.goto("/records")
    expect(page.get_by_role("heading", level=1, name="Medical records")).to_be_visible()
    # "Medical records" is the timeline: the record is an entry of it (no second list).
    expect(page.get_by_role("list", name="Medical records, newest first")).to_have_count(0)
    timeline = page.get_by_role("list", name="Timeline, newest first")
    record = timeline.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=f"Record: {AMENDED}", exact=True)
    )
    expect(record.get_by_text(f"Notes: {NOTES}")).to_be_visible()
    expect(record.get_by_text("Written by Bob Doctor", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Amend")).to_have_count(0)
    record.get_by_role("button", name="Show versions of record").click()
    expect(
        record.get_by_role("list", name="Version history").get_by_text(
            "Reason: Confirmed by lab results"
        )
    ).to_be_visible()
    assert_no_axe_violations(page, "patient records")
    screenshot(page, "records-patient-timeline")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (FHIR)").click()
    bundle = json.loads(download_info.value.path().read_text())
    Bundle.model_validate(bundle)
    texts = json.dumps(bundle)
    assert AMENDED in texts and PRESCRIPTION in texts

    page.get_by_role("link", name="Who accessed my records").first.click()
    expect(page.get_by_role("heading", level=1, name="Who accessed my records")).to_be_visible()
    visits = page.get_by_role("list", name="Access to your records, newest first")
    # The doctor wrote and amended the record and read the visits' reasons moments apart:
    # one line, closed.
    doctor_visit = visits.get_by_role(
        "button",
        name=re.compile(
            r"^Bob Doctor \(doctor\) wrote a record, amended a record and viewed the reason"
        ),
    )
    expect(doctor_visit).to_have_attribute("aria-expanded", "false")
    # The patient's own reads (the timeline, chart lists, history, the FHIR download) are one
    # line too; the page loads its lists at once, so their order is not fixed.
    expect(
        visits.get_by_role(
            "button",
            name=re.compile(r"^You viewed .*your timeline.*downloaded all your data"),
        )
    ).to_be_visible()
    expect(visits.get_by_role("button")).to_have_count(2)
    assert_no_axe_violations(page, "access log")
    doctor_visit.click()
    expect(doctor_visit).to_have_attribute("aria-expanded", "true")
    accesses = page.get_by_role("list", name=re.compile(r"^Accesses, "))
    expect(accesses.get_by_role("listitem")).to_have_count(3)
    record_day = re.compile(r"^Record of \d{1,2} [A-Z][a-z]{2} \d{4} — ")
    expect(accesses.get_by_text(record_day)).to_have_count(2)
    expect(accesses.get_by_text(re.compile(r" — amended$"))).to_be_visible()
    expect(accesses.get_by_text(re.compile(r" — written$"))).to_be_visible()
    expect(accesses.get_by_text("The reason you gave for an appointment — viewed")).to_be_visible()
    assert_no_axe_violations(page, "access log, a visit opened")
    screenshot(page, "records-access-log")
    page.keyboard.press("Shift+Tab")  # the disclosure works from the keyboard too
    page.keyboard.press("Tab")
    expect(doctor_visit).to_be_focused()
    page.keyboard.press("Enter")
    expect(doctor_visit).to_have_attribute("aria-expanded", "false")
    expect(accesses).to_be_hidden()
    assert all(c not in web_storage(page) for c in (DIAGNOSIS, AMENDED, PRESCRIPTION, NOTES))
    context.close()
