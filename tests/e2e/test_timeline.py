"""The timeline in a real browser: the doctor sees the summary header then the patient's
timeline, opens a list entry's and a record's version history (what changed, the reason),
and writes a record whose prescription goes onto the medication list in the same step; the
patient sees their own timeline, newest first, read-only. Axe runs on every state."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_register, signed_in_context, watch_errors, web_storage
from tests.factories import Party, insert_appointment
from tests.helpers import LiveClient
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

SUBSTANCE = f"Canaryzol{uuid.uuid4().hex[:6]}"
DIAGNOSIS = f"CANARY-otitis-{uuid.uuid4().hex[:6]}"
AMENDED = f"{DIAGNOSIS} media"


@pytest.fixture
def cast(live_server: LiveServer) -> dict[str, Party[LiveClient]]:
    """Tess Timeline with a past visit with Dr Tom: a record (amended), an allergy (amended),
    one vital-signs reading."""
    patient = api_register(live_server, "patient", fullName="Tess Timeline")
    doctor = api_register(live_server, "doctor", fullName="Tom Doctor", specialization="GP")
    now = datetime.now(UTC).replace(microsecond=0)
    insert_appointment(
        live_server.app(), patient.id, doctor.id, now - timedelta(days=10), status="completed"
    )
    http = doctor.fresh_client()
    base = f"/api/patients/{patient.id}"
    record = http.call(
        "POST", "/api/records", {"patientId": patient.id, "diagnosis": DIAGNOSIS}, status=201
    )
    http.call("PUT", f"/api/records/{record['id']}", {"diagnosis": AMENDED, "reason": "Confirmed"})
    allergy = http.call(
        "POST", f"{base}/allergies", {"substance": SUBSTANCE, "severity": "severe"}, status=201
    )
    http.call(
        "PUT", f"{base}/allergies/{allergy['id']}", {"severity": "mild", "reason": "Retested"}
    )
    vitals = {"takenAt": (now - timedelta(days=5)).isoformat(), "heartRate": 71, "weight": 60}
    http.call("POST", f"{base}/vitals", vitals, status=201)
    http.close()
    return {"patient": patient, "doctor": doctor}


def test_doctor_sees_header_then_timeline_and_a_version_history(
    browser: Browser, live_server: LiveServer, cast: dict[str, Party[LiveClient]]
) -> None:
    context = signed_in_context(browser, live_server, cast["doctor"].username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(f"/patients/{cast['patient'].id}")
    expect(page.get_by_role("heading", level=1, name="Tess Timeline")).to_be_visible()
    expect(page.get_by_role("region", name="Active allergies")).to_contain_text(SUBSTANCE)
    timeline = page.get_by_role("list", name="Timeline, newest first")
    items = timeline.get_by_role("listitem")
    expect(items).to_have_count(6)  # visit, record, amendment, allergy ×2, vitals
    expect(items.first).to_contain_text(f"Allergy amended: {SUBSTANCE}")
    expect(items.nth(4)).to_contain_text("Vital signs")
    expect(items.last).to_contain_text("Visit with Tom Doctor")
    expect(timeline.get_by_role("heading", name=f"Record amended: {AMENDED}")).to_be_visible()
    expect(timeline.get_by_text("Reason: Confirmed")).to_be_visible()
    expect(timeline.locator("time").first).to_have_attribute("datetime", re.compile(r"^\d{4}-.*Z$"))
    assert_no_axe_violations(page, "patient page with timeline")

    amended = items.filter(has_text=f"Allergy amended: {SUBSTANCE}")
    amended.get_by_role("button", name=f"Show versions of allergy {SUBSTANCE}").click()
    versions = page.get_by_role("list", name=f"All versions of allergy {SUBSTANCE}")
    expect(versions.get_by_role("listitem")).to_have_count(2)
    expect(versions).to_contain_text("Reason: Retested")
    expect(versions).to_contain_text("Changed severity:")
    expect(versions.locator("del")).to_have_text("severe")
    expect(versions.locator("ins")).to_have_text("mild")
    record = items.filter(has_text=f"Record: {AMENDED}")
    record.get_by_role("button", name="Show versions of record").click()
    history = record.get_by_role("list", name="Version history")
    expect(history).to_contain_text("Reason: Confirmed")
    expect(history.locator("del")).to_have_text(DIAGNOSIS)
    assert_no_axe_violations(page, "timeline with version histories open")

    # A record whose prescription goes onto the medication list in the same step: warned.
    form = page.get_by_role("form", name="Add record")
    form.get_by_label("Diagnosis").fill(f"{DIAGNOSIS} again")
    form.get_by_label("Prescription").fill(f"{SUBSTANCE} 5 mg daily")
    form.get_by_label("Also add a medication to the medication list").check()
    form.get_by_label("Medicine name").fill(f"{SUBSTANCE} 5 mg")
    form.get_by_label("Dose").fill("5 mg")
    form.get_by_label("Frequency").fill("daily")
    assert_no_axe_violations(page, "add record with a medication")
    form.get_by_role("button", name="Add record").click()
    expect(page.get_by_role("alert").filter(has_text="Allergy warning")).to_contain_text(SUBSTANCE)
    meds = page.get_by_role("region", name="Medications")
    expect(meds.get_by_role("rowheader", name=f"{SUBSTANCE} 5 mg")).to_be_visible()
    expect(items.first).to_contain_text(f"Medication added: {SUBSTANCE} 5 mg")
    assert SUBSTANCE not in web_storage(page) and DIAGNOSIS not in web_storage(page)
    assert errors == []
    context.close()


def test_patient_sees_their_own_timeline_newest_first(
    browser: Browser, live_server: LiveServer, cast: dict[str, Party[LiveClient]]
) -> None:
    context = signed_in_context(browser, live_server, cast["patient"].username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto("/records")
    expect(page.get_by_role("heading", level=1, name="Medical records")).to_be_visible()
    timeline = page.get_by_role("list", name="Timeline, newest first")
    items = timeline.get_by_role("listitem")
    expect(items).to_have_count(6)
    expect(items.first).to_contain_text(f"Allergy amended: {SUBSTANCE}")
    expect(items.nth(4)).to_contain_text("Heart rate: 71 /min")
    expect(items.last).to_contain_text("Visit with Tom Doctor")
    stamps = timeline.locator("li time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert stamps == sorted(stamps, reverse=True)
    expect(page.get_by_role("region", name="Allergies and intolerances")).to_contain_text(SUBSTANCE)
    expect(page.get_by_role("button", name="Amend", exact=False)).to_have_count(0)
    expect(page.get_by_role("button", name="Add record")).to_have_count(0)
    assert_no_axe_violations(page, "patient timeline")
    assert SUBSTANCE not in web_storage(page)
    assert errors == []
    context.close()
