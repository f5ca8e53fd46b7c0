"""#24 item 10 in Chromium: the admin keeps the clinic's list of specializations; a doctor picks
theirs from it at registration and in the profile; patients filter by it, one entry per
specialty. Every page on the way is checked with axe."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ADMIN_PASSWORD, assert_no_axe_violations, screenshot
from tests.e2e.flows import (
    api_open_doctor,
    api_register,
    log_in,
    register,
    signed_in_context,
    watch_errors,
)
from tests.factories import ensure_specialization, unique
from tests.live import LiveServer

DESKTOP = {"width": 1280, "height": 900}


def options_of(page: Page, label: str) -> list[str]:
    return page.get_by_label(label).locator("option").all_inner_texts()


def admin_section(page: Page, server: LiveServer, admin: str) -> None:
    log_in(page, server.url, admin, ADMIN_PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin$"))
    expect(page.get_by_role("heading", level=2, name="Specializations")).to_be_visible()


def test_the_admin_keeps_the_list_and_doctors_pick_from_it(
    live_server: LiveServer, admin: str, browser: Browser
) -> None:
    # The admin adds entries; a name the list has, in another case, is refused at the field.
    admin_page = browser.new_context(viewport=DESKTOP).new_page()
    admin_errors = watch_errors(admin_page)
    admin_section(admin_page, live_server, admin)
    section = admin_page.get_by_role("region", name="Specializations")
    for name in ("Neurology", "cardiology", "Dermatology"):
        section.get_by_label("New specialization").fill(name)
        section.get_by_role("button", name="Add", exact=True).click()
        expect(admin_page.get_by_text(f"{name} added", exact=True)).to_be_visible()
    section.get_by_label("New specialization").fill("  NEUROLOGY ")
    section.get_by_role("button", name="Add", exact=True).click()
    expect(section.get_by_text(re.compile("already has this specialization"))).to_be_visible()
    expect(section.get_by_label("New specialization")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(admin_page, "admin: specializations with a field error")

    # Rename: the dialog, then the new name in the list.
    entries = section.get_by_role("list", name="Specializations")
    entries.get_by_role("button", name="Rename cardiology").click()
    dialog = admin_page.get_by_role("dialog", name="Rename cardiology")
    dialog.get_by_label("Name").fill("Cardiology")
    assert_no_axe_violations(admin_page, "admin: rename dialog")
    dialog.get_by_role("button", name="Save name").click()
    expect(dialog).to_be_hidden()
    expect(entries.get_by_role("button", name="Retire Cardiology")).to_be_visible()
    screenshot(admin_page, "admin-specializations-desktop")

    # A doctor registers with a pick from the list (axe on the filled-in form).
    page = browser.new_context(viewport=DESKTOP).new_page()
    errors = watch_errors(page)
    page.goto(live_server.url + "/register")
    page.get_by_role("radio", name=re.compile(r"^Doctor")).check()
    assert options_of(page, "Specialization") == [
        "Choose a specialization",
        "Cardiology",
        "Dermatology",
        "Neurology",
    ]
    username = unique("drneuro")
    register(
        page,
        live_server,
        role="doctor",
        username=username,
        full_name="Nora Neuro",
        specialization="Neurology",
        shots="register-doctor-specialization-desktop",
    )

    # Retired: no longer offered to new doctors, but kept by the one who has it.
    entries.get_by_role("button", name="Retire Neurology").click()
    expect(entries.get_by_role("button", name="Reinstate Neurology")).to_be_visible()
    expect(entries.get_by_role("listitem").filter(has_text="Neurology")).to_contain_text("1 doctor")
    assert_no_axe_violations(admin_page, "admin: a retired specialization")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Profile").click()
    select = page.get_by_label("Specialization")
    expect(select.locator("option:checked")).to_have_text("Neurology (retired)")
    assert_no_axe_violations(page, "doctor profile with a retired specialization")
    screenshot(page, "profile-specialization-retired-desktop")
    page.get_by_label("Full name").fill("Dr. Nora Neuro")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Profile saved", exact=True)).to_be_visible()
    expect(select.locator("option:checked")).to_have_text("Neurology (retired)")

    newcomer = browser.new_context(viewport=DESKTOP).new_page()
    newcomer.goto(live_server.url + "/register")
    newcomer.get_by_role("radio", name=re.compile(r"^Doctor")).check()
    expect(newcomer.get_by_label("Specialization").locator("option")).to_have_count(3)
    assert "Neurology" not in options_of(newcomer, "Specialization")
    newcomer.context.close()

    # The doctor moves to another entry; the patient's filter lists each specialty once.
    select.select_option(label="Cardiology")
    page.get_by_role("button", name="Save changes").click()
    # The first save's toast may still be showing: the newest one is this save's.
    expect(page.get_by_text("Profile saved", exact=True).last).to_be_visible()
    expect(select.locator("option")).to_have_count(3)
    entries.get_by_role("button", name="Reinstate Neurology").click()
    expect(entries.get_by_role("button", name="Retire Neurology")).to_be_visible()

    patient = unique("pat")
    patient_page = browser.new_context(viewport=DESKTOP).new_page()
    patient_errors = watch_errors(patient_page)
    register(patient_page, live_server, role="patient", username=patient, full_name="Pia Patient")
    patient_page.goto(live_server.url + "/doctors")
    expect(patient_page.get_by_role("heading", level=1, name="Find a doctor")).to_be_visible()
    filter_select = patient_page.get_by_label("Specialization")
    expect(filter_select.locator("option")).to_have_count(4)
    assert options_of(patient_page, "Specialization") == [
        "All specializations",
        "Cardiology",
        "Dermatology",
        "Neurology",
    ]
    filter_select.select_option(label="Cardiology")
    expect(patient_page.get_by_role("link", name="Dr. Nora Neuro")).to_be_visible()
    filter_select.select_option(label="Neurology")
    expect(patient_page.get_by_text("No doctors match your search.")).to_be_visible()
    assert_no_axe_violations(patient_page, "find a doctor: the managed filter")
    screenshot(patient_page, "find-a-doctor-specializations-desktop")

    assert errors == [] and admin_errors == [] and patient_errors == []
    for context in (admin_page.context, page.context, patient_page.context):
        context.close()


def test_a_doctor_registered_through_the_api_shows_the_list_spelling(
    live_server: LiveServer, browser: Browser
) -> None:
    """Any spelling a client sends names the list's entry: the doctor card shows its name."""
    ensure_specialization(live_server.app(), "Dermatology")
    doctor = api_open_doctor(live_server, fullName="Dr. Derm Lower", specialization="DERMATOLOGY")
    assert doctor.user["specialization"] == "Dermatology"
    patient = api_register(live_server, "patient")
    context = signed_in_context(browser, live_server, patient.username, viewport=DESKTOP)
    page = context.new_page()
    page.goto("/doctors")
    card = page.get_by_role("listitem").filter(has_text="Dr. Derm Lower")
    expect(card).to_contain_text("Dermatology")
    expect(card).not_to_contain_text("DERMATOLOGY")
    context.close()
