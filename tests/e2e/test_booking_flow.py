"""The booking flow in Chromium: times in two zones, steps as history entries, the reason kept."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flows import (
    END,
    TIME,
    api_open_doctor,
    api_register,
    signed_in_context,
    watch_errors,
    web_storage,
)
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

REASON = "Dizzy spells since March"


def _history_state(page: Page) -> str:
    return str(page.evaluate("() => JSON.stringify(history.state)"))


def test_the_clinic_time_and_the_patients_time_at_every_step(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Lena London", timezone="Europe/London")
    patient = api_register(live_server, "patient", timezone="America/New_York")
    context = signed_in_context(browser, live_server, patient.username)
    page = context.new_page()
    errors = watch_errors(page)

    page.goto(f"/doctors/{doctor.id}")
    first = page.get_by_role(
        "button", name=re.compile(r"^Book .*your time \(America.New_York\)")
    ).first
    clinic, yours = re.fullmatch(
        rf"({TIME})\(({TIME}) yours\)", first.inner_text().replace("\n", "")
    ).groups()  # type: ignore[union-attr]
    assert clinic != yours
    first.click()

    # The same time, the same two clocks, in the picker, the confirm step and the confirmation.
    picked = page.get_by_role("group", name="Time on").locator("[aria-pressed=true]")
    expect(picked).to_have_text(f"{clinic}({yours} yours)")
    both = re.compile(
        rf", {clinic}–{END} \(Europe.London\) · "
        rf"(\w+ \d+ \w+ \d+, )?{yours}–{TIME} your time \(America.New_York\)"
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(both)).to_be_visible()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    expect(page.get_by_text(both)).to_be_visible()
    [booked] = patient.client.call("GET", "/api/appointments")
    assert booked["doctorId"] == doctor.id
    assert errors == []
    context.close()


def test_back_forward_and_reload_keep_the_reason_until_booked(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server)
    patient = api_register(live_server, "patient")
    context = signed_in_context(browser, live_server, patient.username)
    page = context.new_page()
    errors = watch_errors(page)

    page.goto(f"/doctors/{doctor.id}")
    page.get_by_role("button", name=re.compile(r"^Book ")).first.click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Reason").fill(REASON)

    # Back is one step back (not out of the flow); Forward and a reload bring the reason back.
    page.go_back()
    expect(page.get_by_role("heading", name="Pick a day and a time")).to_be_visible()
    expect(page.get_by_role("group", name="Time on").locator("[aria-pressed=true]")).to_have_count(
        1
    )
    page.go_forward()
    expect(page.get_by_label("Reason")).to_have_value(REASON)
    page.reload()
    expect(page.get_by_label("Reason")).to_have_value(REASON)
    assert REASON not in page.url and REASON not in web_storage(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(REASON)).to_be_visible()
    page.reload()
    expect(page.get_by_text(REASON)).to_be_visible()
    page.go_back()
    expect(page.get_by_label("Reason")).to_have_value(REASON)
    page.go_forward()

    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    assert [a["reason"] for a in patient.client.call("GET", "/api/appointments")] == [REASON]
    # Booked: the reason is in no history entry nor in web storage any more.
    assert REASON not in _history_state(page) and REASON not in web_storage(page)
    page.go_back()
    expect(page.get_by_label("Reason")).to_have_value("")
    page.go_back()
    expect(page.get_by_role("heading", name="Pick a day and a time")).to_be_visible()
    assert REASON not in _history_state(page)
    assert errors == []
    context.close()
