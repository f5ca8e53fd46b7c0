"""Messages in a real browser: a patient writes to their doctor, the clinic's automatic
reply shows at once, the doctor sees the unread badge, replies, and the patient reads the
reply, then answers with a PDF attached that both download byte for byte. Inbox,
new-message and thread pages are axe-clean for both sides.

Set-up through the API (users, the doctor accepting messages) and one appointment row in
the live server's database (the care relationship messages require).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_register, signed_in_context, watch_errors, web_storage
from tests.factories import TINY_PDF, insert_appointment
from tests.live import LiveServer

pytestmark = pytest.mark.e2e

SUBJECT = "Question about my tablets"
BODY = "May I take them with food?\nThey upset my stomach."
ANSWER = "Yes, take them with breakfast."


def _page(browser: Browser, server: LiveServer, username: str) -> tuple[Page, list[str]]:
    page = signed_in_context(browser, server, username).new_page()
    return page, watch_errors(page)


def test_patient_writes_doctor_answers(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    patient = api_register(live_server, "patient", fullName="Alice Patient")
    doctor = api_register(live_server, "doctor", fullName="Bob Doctor", specialization="Cardiology")
    doctor.client.call("PUT", "/api/user", {"acceptsMessages": True})
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    insert_appointment(live_server.app(), patient.id, doctor.id, start)

    # The patient writes; the automatic reply is there at once.
    alice, alice_errors = _page(browser, live_server, patient.username)
    alice.goto("/messages")
    expect(alice.get_by_role("heading", level=1, name="Messages")).to_be_visible()
    expect(alice.get_by_text("No messages yet")).to_be_visible()
    assert_no_axe_violations(alice, "inbox (patient, empty)")
    alice.get_by_role("link", name="New message").click()
    expect(alice.get_by_role("heading", level=1, name="New message")).to_be_visible()
    expect(alice.get_by_label(re.compile(r"^Doctor"))).to_have_value(str(doctor.id))
    assert_no_axe_violations(alice, "new message")
    alice.get_by_label(re.compile(r"^Subject")).fill(SUBJECT)
    alice.get_by_label(re.compile(r"^Message")).fill(BODY)
    alice.get_by_role("button", name="Send message").click()
    expect(alice.get_by_role("heading", level=1, name=SUBJECT)).to_be_visible()
    messages = alice.get_by_role("list", name="Messages")
    expect(messages.get_by_role("listitem")).to_have_count(2)
    expect(messages.get_by_role("listitem").first).to_contain_text("They upset my stomach.")
    auto = messages.get_by_role("listitem").nth(1)
    expect(auto).to_contain_text("Clinic (automatic reply)")
    expect(auto).to_contain_text("Bob Doctor usually answers within 2 working days")
    expect(auto).to_contain_text("not for emergencies")
    expect(alice.get_by_role("button", name="Retract")).to_be_visible()
    assert_no_axe_violations(alice, "thread (patient)")
    screenshot(alice, "messages-thread-patient")
    # The patient leaves the thread: an open thread hears of the answer live and reads it,
    # so staying there would race the inbox's "1 unread" below.
    alice.goto("/messages")
    expect(alice.get_by_role("list", name="Conversations").get_by_role("link")).to_be_visible()

    # The doctor sees the unread badge, opens the thread and answers.
    bob, bob_errors = _page(browser, live_server, doctor.username)
    bob.goto("/doctor")
    nav = bob.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Messages 1 unread")).to_be_visible()
    nav.get_by_role("link", name="Messages 1 unread").click()
    expect(bob.get_by_role("heading", level=1, name="Messages")).to_be_visible()
    thread_link = bob.get_by_role("list", name="Conversations").get_by_role("link")
    expect(thread_link).to_contain_text(SUBJECT)
    expect(thread_link).to_contain_text("Alice Patient")
    expect(thread_link).to_contain_text("1 unread")
    assert_no_axe_violations(bob, "inbox (doctor)")
    thread_link.click()
    expect(bob.get_by_role("heading", level=1, name=SUBJECT)).to_be_visible()
    expect(bob.get_by_text("They upset my stomach.")).to_be_visible()
    expect(nav.get_by_role("link", name="Messages", exact=True)).to_be_visible()  # read now
    expect(bob.get_by_role("button", name="Close conversation")).to_be_visible()
    expect(bob.get_by_role("button", name="Block patient")).to_be_visible()
    assert_no_axe_violations(bob, "thread (doctor)")
    bob.get_by_label("Your reply").fill(ANSWER)
    bob.get_by_role("button", name="Send reply").click()
    expect(bob.get_by_role("list", name="Messages").get_by_text(ANSWER)).to_be_visible()
    expect(bob.get_by_label("Your reply")).to_have_value("")
    screenshot(bob, "messages-thread-doctor")

    # The patient's inbox shows the answer waiting; opening the thread reads it.
    alice.goto("/messages")
    expect(alice.get_by_role("list", name="Conversations").get_by_role("link")).to_contain_text(
        "1 unread"
    )
    alice_nav = alice.get_by_role("navigation", name="Main")
    expect(alice_nav.get_by_role("link", name="Messages 1 unread")).to_be_visible()
    assert_no_axe_violations(alice, "inbox (patient)")
    alice.get_by_role("list", name="Conversations").get_by_role("link").click()
    expect(alice.get_by_role("list", name="Messages").get_by_text(ANSWER)).to_be_visible()
    expect(alice_nav.get_by_role("link", name="Messages", exact=True)).to_be_visible()
    assert SUBJECT not in web_storage(alice) and ANSWER not in web_storage(alice)

    # The patient answers with a file; it is a download for both sides (never shown inline).
    scan = tmp_path / "food diary.pdf"
    scan.write_bytes(TINY_PDF)
    alice.get_by_label("Your reply").fill("My food diary is attached.")
    alice.get_by_label("Attach a file (optional)").set_input_files(str(scan))
    alice.get_by_role("button", name="Send reply").click()
    link = alice.get_by_role("list", name="Messages").get_by_role(
        "link", name=re.compile(r"^food_diary\.pdf")
    )
    expect(link).to_be_visible()
    expect(alice.get_by_label("Your reply")).to_have_value("")
    assert_no_axe_violations(alice, "thread with an attachment (patient)")
    for page in (alice, bob):
        if page is bob:
            bob.reload()
            link = bob.get_by_role("list", name="Messages").get_by_role(
                "link", name=re.compile(r"^food_diary\.pdf")
            )
        with page.expect_download() as download_info:
            link.click()
        assert download_info.value.suggested_filename == "food_diary.pdf"
        assert download_info.value.path().read_bytes() == TINY_PDF
    assert_no_axe_violations(bob, "thread with an attachment (doctor)")
    assert not alice_errors and not bob_errors, (alice_errors, bob_errors)
