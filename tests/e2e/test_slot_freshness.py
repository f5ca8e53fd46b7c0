"""A slot just booked is gone from the doctor's page and the doctor list without a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


def test_booked_slot_is_no_longer_offered_on_the_doctor_page(
    live_server: LiveServer, browser: Browser
) -> None:
    doctor = api_open_doctor(live_server, fullName="Dr. Grace Hopper")
    name = doctor.user["fullName"]
    patient = api_register(live_server, "patient", fullName="Ada Lovelace")
    context = signed_in_context(browser, live_server, patient.username)
    page = context.new_page()
    errors = watch_errors(page)

    page.goto("/doctors")
    card = page.get_by_role("article", name=name)
    next_available = card.get_by_role("definition").last
    expect(next_available).not_to_have_text("")
    first_free = next_available.inner_text()
    # Marks this document: a reload would lose it.
    page.evaluate("() => { window.__sameDocument = true; }")

    card.get_by_role("link", name=name).click()
    slot = page.get_by_role("button", name=re.compile(r"^Book ")).first
    expect(slot).to_be_visible()
    booked = slot.get_attribute("aria-label")
    assert booked is not None
    slot.click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()

    # Back to the doctor list and the doctor's page through the app's own links.
    page.get_by_role("navigation").get_by_role("link", name="Find a doctor").click()
    expect(card.get_by_role("definition").last).not_to_have_text(first_free)
    card.get_by_role("link", name=name).click()
    expect(page.get_by_role("button", name=re.compile(r"^Book ")).first).to_be_visible()
    expect(page.get_by_role("button", name=booked, exact=True)).to_have_count(0)
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    assert errors == []
    context.close()
