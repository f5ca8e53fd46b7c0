"""The chart lists in a real browser: the doctor records an allergy and vitals and sees the
summary, the charts and the table of readings; the patient sees the same, read-only. Axe
runs on every state.

Two earlier vitals entries go in through the API (older visits) so the charts have lines;
the third, the allergy and the medication that names it go in through the forms.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_register, signed_in_context, watch_errors, web_storage
from tests.factories import Party, insert_appointment
from tests.helpers import LiveClient
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

SUBSTANCE = f"Canarycillin{uuid.uuid4().hex[:6]}"
REACTION = f"CANARY-rash-{uuid.uuid4().hex[:6]}"


@pytest.fixture
def cast(live_server: LiveServer) -> dict[str, Party[LiveClient]]:
    patient = api_register(live_server, "patient", fullName="Carol Chart")
    doctor = api_register(live_server, "doctor", fullName="Dan Doctor", specialization="GP")
    now = datetime.now(UTC).replace(microsecond=0)
    insert_appointment(
        live_server.app(), patient.id, doctor.id, now - timedelta(days=30), status="completed"
    )
    http = doctor.fresh_client()
    for days, weight, systolic in ((60, 84.0, 142), (30, 82.5, 135)):
        vitals = {
            "takenAt": (now - timedelta(days=days)).isoformat(),
            "weight": weight,
            "height": 178,
            "systolic": systolic,
            "diastolic": 88,
            "heartRate": 76,
        }
        http.call("POST", f"/api/patients/{patient.id}/vitals", vitals, status=201)
    http.close()
    return {"patient": patient, "doctor": doctor}


def _dialog_submit(page: Page, name: str, fields: dict[str, str], button: str) -> None:
    dialog = page.get_by_role("dialog", name=name)
    for label, value in fields.items():
        control = dialog.get_by_label(re.compile(rf"^{re.escape(label)}\*?$"))  # * required
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    assert_no_axe_violations(page, f"dialog {name}")
    dialog.get_by_role("button", name=button).click()
    expect(dialog).to_be_hidden()


def test_doctor_records_an_allergy_and_vitals_and_sees_the_chart(
    browser: Browser, live_server: LiveServer, cast: dict[str, Party[LiveClient]]
) -> None:
    context = signed_in_context(browser, live_server, cast["doctor"].username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(f"/patients/{cast['patient'].id}")
    expect(page.get_by_role("heading", level=1, name="Carol Chart")).to_be_visible()
    allergies_banner = page.get_by_role("region", name="Active allergies")
    expect(allergies_banner).to_have_text("No active allergies recorded.")
    assert_no_axe_violations(page, "patient page, no allergies")

    page.get_by_role("button", name="Add allergy").click()
    _dialog_submit(
        page,
        "Add allergy",
        {"Substance": SUBSTANCE, "Reaction": REACTION, "Severity": "severe"},
        "Add allergy",
    )
    expect(allergies_banner).to_contain_text(SUBSTANCE)
    expect(allergies_banner).to_contain_text("(severe)")

    page.get_by_role("button", name="Add vital signs").click()
    _dialog_submit(
        page,
        "Add vital signs",
        {
            "Weight (kg)": "80.5",
            "Systolic (mmHg)": "128",
            "Diastolic (mmHg)": "84",
            "Heart rate (/min)": "70",
        },
        "Add vital signs",
    )
    vitals = page.get_by_role("region", name="Vital signs")
    table = vitals.get_by_role("table", name="Vital signs, newest first")
    expect(table.get_by_role("row")).to_have_count(4)  # header + three visits
    expect(table.get_by_role("row").nth(1)).to_contain_text("80.5")
    for caption in (
        "Weight (kg) over time",
        "Blood pressure (mmHg) over time",
        "Heart rate (/min) over time",
    ):
        figure = vitals.get_by_role("figure", name=caption)
        expect(figure.locator("svg .recharts-line")).not_to_have_count(0)
    latest = page.get_by_text("Blood pressure 128/84 mmHg", exact=False)
    expect(latest).to_be_visible()

    # A medication naming the allergy: saved, with the warning shown.
    page.get_by_role("button", name="Add medication").click()
    _dialog_submit(page, "Add medication", {"Medication": f"{SUBSTANCE} 250 mg"}, "Add medication")
    warning = page.get_by_role("alert").filter(has_text="Allergy warning")
    expect(warning).to_contain_text(SUBSTANCE)
    meds = page.get_by_role("region", name="Medications")
    expect(meds.get_by_role("rowheader", name=f"{SUBSTANCE} 250 mg")).to_be_visible()
    assert_no_axe_violations(page, "patient page with chart and warning")
    screenshot(page, "chart-doctor-patient-page")

    # Amend: nothing is deleted, the allergy is marked entered in error with a reason.
    allergies = page.get_by_role("region", name="Allergies and intolerances")
    allergies.get_by_role("button", name=f"Amend {SUBSTANCE}", exact=False).click()
    _dialog_submit(
        page,
        "Amend allergy",
        {"Status": "inactive", "Reason for the change": "Tolerated a test dose"},
        "Save amendment",
    )
    expect(allergies.get_by_text("Reason: Tolerated a test dose")).to_be_visible()
    expect(allergies_banner).to_have_text("No active allergies recorded.")
    assert SUBSTANCE not in web_storage(page) and REACTION not in web_storage(page)
    assert errors == []
    context.close()


def test_patient_sees_the_same_lists_and_charts_read_only(
    browser: Browser, live_server: LiveServer, cast: dict[str, Party[LiveClient]]
) -> None:
    http = cast["doctor"].fresh_client()
    allergy = {"substance": SUBSTANCE, "reaction": REACTION, "severity": "moderate"}
    http.call("POST", f"/api/patients/{cast['patient'].id}/allergies", allergy, status=201)
    http.close()
    context = signed_in_context(browser, live_server, cast["patient"].username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto("/records")
    expect(page.get_by_role("heading", level=1, name="Medical records")).to_be_visible()
    allergies = page.get_by_role("region", name="Allergies and intolerances")
    expect(allergies.get_by_role("rowheader", name=SUBSTANCE)).to_be_visible()
    expect(allergies.get_by_role("cell", name=REACTION)).to_be_visible()
    vitals = page.get_by_role("region", name="Vital signs")
    expect(vitals.get_by_role("table").get_by_role("row")).to_have_count(3)
    expect(
        vitals.get_by_role("figure", name="Weight (kg) over time").locator("svg")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Add allergy")).to_have_count(0)
    expect(page.get_by_role("button", name="Amend", exact=False)).to_have_count(0)
    # The chart takes the keyboard: Tab reaches it.
    chart = vitals.get_by_role("figure", name="Weight (kg) over time").locator("svg[tabindex]")
    chart.focus()
    expect(chart).to_be_focused()
    assert_no_axe_violations(page, "patient medical records with chart")
    screenshot(page, "chart-patient-records")
    assert SUBSTANCE not in web_storage(page)
    assert errors == []
    context.close()
