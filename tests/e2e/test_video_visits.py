"""Video visits and the doctor's public profile in the browser: a patient books "Follow-up,
15 min, video" from a doctor with buffers and finds the video link on the appointment page;
a doctor fills in address, languages and bio, and the doctor page shows them."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_schedules_flow import collect_errors, register, signed_in_page
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

FOLLOW_UP = {
    "name": "Follow-up",
    "durationMinutes": 15,
    "slotGridMinutes": 15,
    "bufferBeforeMinutes": 5,
    "bufferAfterMinutes": 10,
    "channel": "video",
    "description": "A short video call about your results.",
}


def test_a_patient_books_a_video_follow_up_and_finds_its_link(
    live_server: LiveServer, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:8]
    doctor_client = register(
        live_server,
        "doctor",
        username=f"vid{suffix}",
        email=f"vid{suffix}@example.org",
        fullName=f"Dr. Vid Eo {suffix}",
        timezone="UTC",
    )
    doctor_id = doctor_client.call("GET", "/api/user")["id"]
    doctor_client.call("PUT", "/api/user", {"address": "12 High Street, Leeds"})
    for day_of_week in range(7):
        doctor_client.call(
            "POST",
            "/api/schedule",
            {"dayOfWeek": day_of_week, "startTime": "09:00", "endTime": "12:00"},
            status=201,
        )
    doctor_client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    patient_client = register(
        live_server, "patient", username=f"vp{suffix}", email=f"vp{suffix}@example.org",
        timezone="UTC",
    )  # fmt: skip

    page = signed_in_page(browser, live_server, patient_client)
    errors = collect_errors(page)
    page.goto(f"/book/{doctor_id}")
    choice = page.get_by_role("button", name=re.compile("Follow-up.*15 min · Video"))
    expect(choice).to_contain_text("A short video call about your results.")
    choice.click()
    page.get_by_role("group", name="Day").get_by_role("button").nth(1).click()
    page.get_by_role("group", name=re.compile("^Time on")).get_by_role("button").first.click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()

    [booked] = patient_client.call("GET", "/api/appointments")
    link = booked["videoLink"]
    assert re.fullmatch(r"https://meet\.jit\.si/clinic360-[A-Za-z0-9_-]{22}", link)
    page.goto(f"/appointments/{booked['id']}")
    join = page.get_by_role("link", name=re.compile("Join the video visit"))
    expect(join).to_have_attribute("href", link)
    expect(page.get_by_text("12 High Street, Leeds")).to_have_count(0)
    assert_no_axe_violations(page, "appointment page: video visit")
    assert errors == []
    page.context.close()

    # The doctor sees the same link on their copy; once cancelled it is gone.
    page = signed_in_page(browser, live_server, doctor_client)
    page.goto(f"/appointments/{booked['id']}")
    expect(page.get_by_role("link", name=re.compile("Join the video visit"))).to_have_attribute(
        "href", link
    )
    page.context.close()
    patient_client.call("PUT", f"/api/appointments/{booked['id']}", {"status": "cancelled"})
    assert patient_client.call("GET", f"/api/appointments/{booked['id']}")["videoLink"] is None


def test_a_doctor_fills_in_the_public_profile_and_the_doctor_page_shows_it(
    live_server: LiveServer, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:8]
    name = f"Dr. Pro File {suffix}"
    doctor_client = register(
        live_server, "doctor", username=f"pf{suffix}", email=f"pf{suffix}@example.org",
        fullName=name, timezone="UTC",
    )  # fmt: skip
    doctor_id = doctor_client.call("GET", "/api/user")["id"]
    page = signed_in_page(browser, live_server, doctor_client)
    errors = collect_errors(page)
    page.goto("/profile")
    form = page.get_by_role("form", name="Public profile")
    form.get_by_label("Address").fill("12 High Street, Leeds")
    form.get_by_label("Add a language").select_option("fr")
    form.get_by_role("button", name="Add").click()
    form.get_by_label("Add a language").select_option("de")
    form.get_by_role("button", name="Add").click()
    form.get_by_role("button", name="Remove German").click()
    form.get_by_label("Add a language").select_option("en")
    form.get_by_role("button", name="Add").click()
    form.get_by_label("Bio").fill("Twenty years of family medicine.")
    assert_no_axe_violations(page, "profile: public profile")
    form.get_by_role("button", name="Save public profile").click()
    expect(page.get_by_text("Public profile saved", exact=True)).to_be_visible()
    saved = doctor_client.call("GET", "/api/user")
    assert (saved["address"], saved["languages"], saved["bio"]) == (
        "12 High Street, Leeds", ["fr", "en"], "Twenty years of family medicine.",
    )  # fmt: skip
    assert errors == []
    page.context.close()

    patient_client = register(
        live_server, "patient", username=f"pp{suffix}", email=f"pp{suffix}@example.org",
        timezone="UTC",
    )  # fmt: skip
    page = signed_in_page(browser, live_server, patient_client)
    page.goto(f"/doctors/{doctor_id}")
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_text("12 High Street, Leeds")).to_be_visible()
    languages = page.get_by_role("list", name="Languages spoken")
    expect(languages.get_by_role("listitem")).to_have_text(["French,", "English"])
    expect(page.get_by_text("Twenty years of family medicine.")).to_be_visible()
    assert_no_axe_violations(page, "doctor page: address, languages, bio")
    page.context.close()
