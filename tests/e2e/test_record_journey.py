"""Issue 19's "Done means" in a real browser, both roles, axe on every state: a doctor records
an allergy, a problem, a medication and the third visit's vitals (two earlier visits' went in
through the API), uploads a lab PDF and sees the charts; the patient's "Medical records" is
their timeline holding all of it (and their answered intake questionnaire, whose link opens the
appointment with the earlier versions of the answers), and their access log shows each access.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_register, signed_in_context, watch_errors, web_storage
from tests.e2e.test_chart import _dialog_submit
from tests.factories import TINY_PDF, insert_appointment, set_intake_questions
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

SUBSTANCE = f"Canarypen{uuid.uuid4().hex[:6]}"
CONDITION = f"CANARY-asthma-{uuid.uuid4().hex[:6]}"
MEDICINE = f"Canarybuterol{uuid.uuid4().hex[:6]}"
FIRST_ANSWER = f"CANARY-latex-{uuid.uuid4().hex[:6]}"
SECOND_ANSWER = f"CANARY-pollen-{uuid.uuid4().hex[:6]}"


def test_doctor_charts_and_the_patient_sees_it_all_in_their_timeline_and_access_log(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    patient = api_register(live_server, "patient", fullName="Jo Journey")
    doctor = api_register(live_server, "doctor", fullName="Jay Doctor", specialization="GP")
    now = datetime.now(UTC).replace(microsecond=0)
    app = live_server.app()
    for days in (60, 30, 1):
        insert_appointment(
            app, patient.id, doctor.id, now - timedelta(days=days), status="completed"
        )
    for days, weight in ((60, 84.0), (30, 82.5)):
        vitals = {"takenAt": (now - timedelta(days=days)).isoformat(), "weight": weight,
                  "systolic": 140, "diastolic": 88, "heartRate": 76}  # fmt: skip
        doctor.client.call("POST", f"/api/patients/{patient.id}/vitals", vitals, status=201)
    questions = set_intake_questions(doctor)
    upcoming = insert_appointment(app, patient.id, doctor.id, now + timedelta(days=3))
    url = f"/api/appointments/{upcoming}/intake"
    for number, text in enumerate((FIRST_ANSWER, SECOND_ANSWER)):
        answers = [{"questionId": questions[0]["id"], "value": text},
                   {"questionId": questions[1]["id"], "value": False}]  # fmt: skip
        body = {"answers": answers, "baseVersion": number or None}
        patient.client.call("PUT", url, body)
    pdf = tmp_path / "blood count.pdf"
    pdf.write_bytes(TINY_PDF)

    # The doctor: allergy, problem, medication, the third visit's vitals, a lab PDF; charts.
    context = signed_in_context(browser, live_server, doctor.username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(f"/patients/{patient.id}")
    expect(page.get_by_role("heading", level=1, name="Jo Journey")).to_be_visible()
    page.get_by_role("button", name="Add allergy").click()
    _dialog_submit(
        page, "Add allergy", {"Substance": SUBSTANCE, "Severity": "severe"}, "Add allergy"
    )
    expect(page.get_by_role("region", name="Active allergies")).to_contain_text(SUBSTANCE)
    page.get_by_role("button", name="Add problem").click()
    _dialog_submit(page, "Add problem", {"Condition": CONDITION}, "Add problem")
    page.get_by_role("button", name="Add medication").click()
    _dialog_submit(
        page, "Add medication", {"Medication": MEDICINE, "Dose": "2 puffs"}, "Add medication"
    )
    page.get_by_role("button", name="Add vital signs").click()
    vitals_form = {"Weight (kg)": "80.5", "Systolic (mmHg)": "128", "Diastolic (mmHg)": "84",
                   "Heart rate (/min)": "70"}  # fmt: skip
    _dialog_submit(page, "Add vital signs", vitals_form, "Add vital signs")
    documents = page.get_by_role("region", name="Documents")
    form = documents.get_by_role("form", name="Upload a document")
    form.get_by_label("File (PDF, PNG or JPEG)").set_input_files(str(pdf))
    form.get_by_label("Title").fill("Blood count")
    form.get_by_role("button", name="Upload document").click()
    expect(documents.get_by_role("table", name="Documents, newest first")).to_contain_text(
        "Lab result"
    )
    vitals = page.get_by_role("region", name="Vital signs")
    expect(
        vitals.get_by_role("table", name="Vital signs, newest first").get_by_role("row")
    ).to_have_count(4)
    for caption in ("Weight (kg) over time", "Blood pressure (mmHg) over time",
                    "Heart rate (/min) over time"):  # fmt: skip
        expect(
            vitals.get_by_role("figure", name=caption).locator("svg .recharts-line")
        ).not_to_have_count(0)
    doctor_timeline = page.get_by_role("list", name="Timeline, newest first")
    expect(
        doctor_timeline.get_by_role("heading", name="Intake questionnaire answered")
    ).to_be_visible()
    assert_no_axe_violations(page, "journey: doctor's patient page, charted")
    assert errors == []
    context.close()

    # The patient: everything in their timeline, newest first; the intake links to the visit.
    context = signed_in_context(browser, live_server, patient.username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto("/records")
    expect(page.get_by_role("heading", level=1, name="Medical records")).to_be_visible()
    timeline = page.get_by_role("list", name="Timeline, newest first")
    items = timeline.get_by_role("listitem")
    for heading in (f"Allergy added: {SUBSTANCE}", f"Problem added: {CONDITION}",
                    f"Medication added: {MEDICINE}", "Document: Blood count",
                    "Intake questionnaire answered"):  # fmt: skip
        expect(timeline.get_by_role("heading", name=heading, exact=True)).to_have_count(1)
    expect(timeline.get_by_role("heading", name="Vital signs", exact=True)).to_have_count(3)
    expect(timeline.get_by_role("heading", name="Visit with Jay Doctor")).to_have_count(4)
    expect(items.first).to_contain_text("Visit with Jay Doctor")  # the upcoming one
    stamps = timeline.locator("li time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert stamps == sorted(stamps, reverse=True)
    expect(timeline).not_to_contain_text(SECOND_ANSWER)  # the answers stay on the appointment
    expect(page.get_by_role("list", name="Medical records, newest first")).to_have_count(0)
    expect(
        page.get_by_role("region", name="Vital signs").get_by_role(
            "figure", name="Weight (kg) over time"
        )
    ).to_be_visible()
    assert_no_axe_violations(page, "journey: patient's timeline")

    intake = items.filter(has=page.get_by_role("heading", name="Intake questionnaire answered"))
    expect(intake).to_contain_text("2 answers by Jo Journey · changed, version 2")
    intake.get_by_role("link", name=re.compile(r"^See the answers on the appointment")).click()
    expect(page).to_have_url(re.compile(rf"/appointments/{upcoming}$"))
    region = page.get_by_role("region", name="Before your visit")
    expect(region.get_by_label("Any allergies?")).to_have_value(SECOND_ANSWER)
    region.get_by_role("button", name="Earlier versions of the answers (2 in all)").click()
    versions = region.get_by_role("list", name="Intake answer versions, oldest first")
    expect(versions.get_by_role("listitem")).to_have_count(2)
    expect(versions.get_by_role("listitem").first).to_contain_text(FIRST_ANSWER)
    assert_no_axe_violations(page, "journey: appointment with earlier intake answers")

    # The access log: the doctor's writes and reads, and the patient's own, each named.
    page.goto("/records/access-log")
    expect(page.get_by_role("heading", level=1, name="Who accessed my records")).to_be_visible()
    log = page.get_by_role("list", name="Access to your records, newest first")
    doctor_group = log.get_by_role("button", name=re.compile(r"^Jay Doctor \(doctor\) "))
    expect(doctor_group.first).to_be_visible()
    for button in doctor_group.all():
        if button.get_attribute("aria-expanded") == "false":
            button.click()
    accesses = page.get_by_role("list", name=re.compile(r"^Accesses, "))
    for done in ("An allergy — added", "A problem — added", "A medication — added",
                 "A vital-signs entry — added", "A document — uploaded",
                 "Your timeline — viewed"):  # fmt: skip
        expect(accesses.get_by_text(done, exact=True).first).to_be_visible()
    for phrase in ("viewed your timeline", "viewed earlier intake answers"):
        you = log.get_by_role("button", name=re.compile(rf"^You .*{phrase}"))
        expect(you).not_to_have_count(0)
    assert_no_axe_violations(page, "journey: access log")
    for secret in (SUBSTANCE, CONDITION, MEDICINE, SECOND_ANSWER):
        assert secret not in web_storage(page)
    assert errors == []
    context.close()
