"""Booking with the keyboard alone: find a doctor, pick a time, give a reason, confirm.

Only `page.keyboard` drives the web app (Tab, Shift+Tab, Enter, Space, arrow keys; typing
into text fields); there is not one click. Set-up (a doctor open around the clock, a signed-in
patient) goes through the API. At each step the focused control must show a visible focus
indicator: an outline, or a ring drawn as a spread box-shadow.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

DOCTOR = "Dr. Keira Knightly-Tab"
SPECIALIZATION = "Neurology"
REASON = "Headaches after screen work"
TAB_LIMIT = 60
"""More Tab presses than any page here has controls before its target (a day of a doctor
open around the clock has 48 time buttons)."""


def tab_to(page: Page, target: Locator, *, key: str = "Tab") -> None:
    """Press `key` (Tab or Shift+Tab) until `target` has the focus."""
    expect(target).to_be_visible()
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        if target.evaluate("(element) => element === document.activeElement"):
            return
    pytest.fail(f"{target} is not reached with {key} ({TAB_LIMIT} presses)")


def assert_focus_visible(page: Page) -> None:
    """The focused element draws an outline or a focus ring (a box-shadow with a spread)."""
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return { tag: document.activeElement.tagName, outline: s.outlineStyle,
                     outlineWidth: s.outlineWidth, shadow: s.boxShadow };
        }"""
    )
    outline = style["outline"] != "none" and style["outlineWidth"] != "0px"
    ring = re.search(r"0px 0px 0px [1-9]", style["shadow"]) is not None
    assert outline or ring, f"no visible focus indicator: {style}"


def test_booking_with_the_keyboard_only(live_server: LiveServer, browser: Browser) -> None:
    doctor = api_open_doctor(live_server, fullName=DOCTOR, specialization=SPECIALIZATION)
    patient = api_register(live_server, "patient", fullName="Tabitha Keys")
    context = signed_in_context(
        browser, live_server, patient.username, viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    errors = watch_errors(page)
    page.goto("/patient")
    expect(page.get_by_role("heading", level=1, name=re.compile(r"Tabitha$"))).to_be_visible()

    # The skip link comes first, then the sidebar: "Find a doctor".
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    assert_focus_visible(page)
    find = page.get_by_role("navigation", name="Main").get_by_role("link", name="Find a doctor")
    tab_to(page, find)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Find a doctor")).to_be_visible()

    # Type part of the name, go back to the specialization and pick it with an arrow key.
    name = page.get_by_label("Doctor's name")
    tab_to(page, name)
    assert_focus_visible(page)
    page.keyboard.type("knightly")
    specialization = page.get_by_label("Specialization")
    tab_to(page, specialization, key="Shift+Tab")
    assert_focus_visible(page)
    page.keyboard.press("ArrowDown")
    expect(specialization.locator("option:checked")).to_have_text(SPECIALIZATION)
    link = page.get_by_role("link", name=DOCTOR)
    tab_to(page, link)
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    # The doctor's week: the first free time.
    expect(page.get_by_role("heading", level=1, name=DOCTOR)).to_be_visible()
    first = page.get_by_role("button", name=re.compile(r"^Book ")).first
    tab_to(page, first)
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    # Booking: that time is chosen. Space picks the next day instead, and a time on it.
    expect(page.get_by_role("heading", level=1, name="Book an appointment")).to_be_visible()
    times = page.get_by_role("group", name="Time on").get_by_role("button")
    expect(times.and_(page.locator("[aria-pressed=true]"))).to_have_count(1)
    next_day = page.get_by_role("group", name="Day", exact=True).get_by_role("button").nth(1)
    tab_to(page, next_day)
    assert_focus_visible(page)
    page.keyboard.press("Space")
    expect(next_day).to_have_attribute("aria-pressed", "true")
    second = times.nth(1)
    chosen = second.inner_text()
    tab_to(page, second)
    assert_focus_visible(page)
    page.keyboard.press("Space")
    expect(second).to_have_attribute("aria-pressed", "true")
    expect(times.and_(page.locator("[aria-pressed=true]"))).to_have_count(1)
    tab_to(page, page.get_by_role("button", name="Continue"))
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    # The reason step takes the focus; the next Tab is the reason field.
    expect(page.get_by_role("heading", name="What is the visit about?")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Reason")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.type(REASON)
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Check and confirm")).to_be_focused()
    expect(page.get_by_text(REASON)).to_be_visible()
    expect(page.get_by_text(re.compile(rf"{chosen}–"))).to_be_visible()
    confirm = page.get_by_role("button", name="Confirm booking")
    tab_to(page, confirm)
    assert_focus_visible(page)
    assert_no_axe_violations(page, "booking, confirm step")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1, name="Appointment booked")).to_be_focused()
    booked = patient.client.call("GET", "/api/appointments")
    assert [(a["doctorId"], a["reason"], a["status"]) for a in booked] == [
        (doctor.id, REASON, "scheduled")
    ]
    assert f"T{chosen}:00Z" in booked[0]["startTime"]  # the patient's zone is UTC
    assert errors == []
    context.close()
