"""Intake questionnaires in a real browser (issue 19): the doctor adds questions to a visit
type on the schedule page; the patient answers them on the appointment page (a required
question left out is announced, then saved); the doctor reads the answers on the
appointment and adds the answered allergy to the patient's list with one click. Axe runs
on each page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_register, signed_in_context, watch_errors
from tests.factories import insert_appointment
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


def test_patient_answers_and_the_doctor_takes_the_allergy_into_the_list(
    browser: Browser, live_server: LiveServer
) -> None:
    patient = api_register(live_server, "patient", fullName="Ivy Intake")
    doctor = api_register(live_server, "doctor", fullName="Dina Doc", specialization="GP")
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    visit = insert_appointment(live_server.app(), patient.id, doctor.id, when)

    context = signed_in_context(browser, live_server, doctor.username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto("/schedule")
    page.get_by_role("button", name="Intake questions of Consultation").click()
    form = page.get_by_role("form", name="Intake questions of Consultation")
    form.get_by_role("button", name="Add question").click()
    form.get_by_role("textbox", name=re.compile(r"^Question 1\*?$")).fill("Any allergies?")
    form.get_by_label("Answers to question 1 go to").select_option("allergies")
    form.get_by_role("button", name="Add question").click()
    form.get_by_role("textbox", name=re.compile(r"^Question 2\*?$")).fill("Do you smoke?")
    form.get_by_label("Kind of answer to question 2").select_option("yes_no")
    form.get_by_label("Question 2 is required").check()
    assert_no_axe_violations(page, "schedule page, intake questions")
    form.get_by_role("button", name="Save questions").click()
    expect(page.get_by_text("Intake questions saved").first).to_be_visible()
    context.close()

    context = signed_in_context(browser, live_server, patient.username)
    page = context.new_page()
    errors += watch_errors(page)
    page.goto(f"/appointments/{visit}")
    intake = page.get_by_role("region", name="Before your visit")
    intake.get_by_label("Any allergies?").fill("Penicillin")
    intake.get_by_role("button", name="Save answers").click()
    expect(intake.get_by_role("alert")).to_contain_text("Some answers need another look")
    smoking = intake.get_by_role("group", name=re.compile("^Do you smoke"))
    expect(smoking).to_contain_text("is required")
    expect(smoking).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page, "appointment page, intake errors")
    smoking.get_by_label("No").check()
    intake.get_by_role("button", name="Save answers").click()
    expect(intake.get_by_role("status")).to_contain_text("Your answers are saved")
    assert_no_axe_violations(page, "appointment page, intake saved")
    context.close()

    context = signed_in_context(browser, live_server, doctor.username)
    page = context.new_page()
    errors += watch_errors(page)
    page.goto(f"/appointments/{visit}")
    answers = page.get_by_role("region", name="Intake answers")
    expect(answers).to_contain_text("Do you smoke?")
    expect(answers).to_contain_text("No")
    answers.get_by_role("button", name="Add Penicillin to allergies").click()
    expect(answers.get_by_text("Penicillin is in the allergies list")).to_be_visible()
    expect(answers.get_by_role("button", name="Add Penicillin to allergies")).to_have_count(0)
    assert_no_axe_violations(page, "appointment page, doctor's intake answers")
    page.goto(f"/patients/{patient.id}")
    expect(page.get_by_role("region", name="Active allergies")).to_contain_text("Penicillin")
    assert errors == []
    context.close()
