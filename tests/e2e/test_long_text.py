"""Long unbroken words wrap: nothing a user types can widen a page past a phone's screen.

A doctor and a patient get names, a specialization, a booking reason and a record (diagnosis,
prescription, notes) that are each one long word without spaces. Every screen that shows them
is opened at 390 px wide (a phone), as the patient and as the doctor: the page must not scroll
sideways (its scroll width stays the viewport's) and each text is still shown in full.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flows import api_open_doctor, api_register, signed_in_context
from tests.factories import book_free_slot, write_record
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def word(tag: str, length: int) -> str:
    return tag + "W" * (length - len(tag))


NAME = word("LONGNAME", 100)
SPECIALIZATION = word("LONGSPEC", 100)
REASON = word("LONGREASON", 400)
DIAGNOSIS = word("LONGDX", 300)
PRESCRIPTION = word("LONGRX", 300)
NOTES = word("LONGNOTES", 300)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(tmp_path_factory.mktemp("long"))


def assert_fits_the_phone(page: Page, screen: str, *texts: str) -> None:
    for text in texts:
        expect(page.get_by_text(text).filter(visible=True).first).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    # The innermost elements that reach past the screen, to name the culprit on failure.
    culprits = page.evaluate(
        """(limit) => [...document.body.querySelectorAll('*')]
            .filter((e) => e.getBoundingClientRect().right > limit
                && ![...e.children].some((c) => c.getBoundingClientRect().right > limit))
            .slice(0, 5).map((e) => e.tagName + '.' + e.className)""",
        PHONE["width"],
    )
    assert width <= PHONE["width"], f"{screen}: {width} px wide on a 390 px phone: {culprits}"


def test_long_words_wrap_on_a_phone(browser: Browser, live_server: LiveServer) -> None:
    doctor = api_open_doctor(live_server, fullName=NAME, specialization=SPECIALIZATION)
    patient = api_register(live_server, "patient", fullName=NAME)
    book_free_slot(patient, doctor, reason=REASON)
    write_record(doctor, patient, diagnosis=DIAGNOSIS, prescription=PRESCRIPTION, notes=NOTES)

    patient_page = signed_in_context(
        browser, live_server, patient.username, viewport=PHONE
    ).new_page()
    patient_page.goto("/doctors")
    assert_fits_the_phone(patient_page, "doctors", NAME, SPECIALIZATION)
    patient_page.goto(f"/doctors/{doctor.id}")
    assert_fits_the_phone(patient_page, "doctor page", NAME, SPECIALIZATION)
    patient_page.goto("/appointments")
    assert_fits_the_phone(patient_page, "patient's appointments", NAME, REASON)
    patient_page.goto("/records")
    assert_fits_the_phone(patient_page, "patient's records", DIAGNOSIS, PRESCRIPTION, NOTES)

    doctor_page = signed_in_context(
        browser, live_server, doctor.username, viewport=PHONE
    ).new_page()
    doctor_page.goto("/agenda")
    assert_fits_the_phone(doctor_page, "agenda", NAME, REASON)
    patient_page.context.close()
    doctor_page.context.close()
