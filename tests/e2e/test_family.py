"""Family access in Chromium (issue 22): a parent adds their child on the Family page, books
for the child with the "acting for" selector, sees the visit in the child's appointments and
writes to the child's doctor in the child's name; a
father grants his daughter booking-only access and she accepts it on her Family page. Every
page is axe-clean."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.factories import TINY_PDF
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(tmp_path_factory.mktemp("live"))


def test_a_parent_adds_a_child_and_books_for_them(
    live_server: LiveServer, browser: Browser
) -> None:
    server = live_server
    doctor = api_open_doctor(server, fullName="Dr Family Care")
    parent = api_register(server, "patient", fullName="Pia Parent")
    context = signed_in_context(browser, server, parent.username)
    page = context.new_page()
    errors = watch_errors(page)

    page.goto("/family")
    expect(page.get_by_role("heading", name="Family", level=1)).to_be_visible()
    assert_no_axe_violations(page, "family: empty")
    form = page.get_by_role("form", name="Add a dependent")
    form.get_by_label("Full name").fill("Kit Parent")
    form.get_by_label("Date of birth").fill("2019-05-04")
    form.get_by_label("Relationship to you").select_option("child")
    form.get_by_role("button", name="Add dependent").click()
    expect(page.get_by_role("status")).to_contain_text("Kit Parent was added")
    expect(page.get_by_role("listitem").filter(has_text="born 2019-05-04")).to_be_visible()
    assert_no_axe_violations(page, "family: a dependent")

    page.goto(f"/doctors/{doctor.id}")
    page.get_by_role("button", name=re.compile(r"^Book ")).first.click()
    page.get_by_role("button", name="Continue").click()  # the time
    page.get_by_role("button", name="Continue").click()  # no reason
    acting = page.get_by_label("Acting for")
    expect(acting).to_be_visible()
    acting.select_option(label="Kit Parent (your dependent)")
    assert_no_axe_violations(page, "booking: acting for")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()

    page.goto("/appointments")
    page.get_by_label("Acting for").select_option(label="Kit Parent (your dependent)")
    expect(page.get_by_text("Dr Family Care").first).to_be_visible()
    assert_no_axe_violations(page, "appointments: acting for")

    # The parent writes to the child's doctor: the thread is the child's.
    doctor.client.call("PUT", "/api/user", {"acceptsMessages": True})
    page.goto("/messages/new")
    page.get_by_label("Acting for").select_option(label="Kit Parent (your dependent)")
    page.get_by_label(re.compile(r"^Subject")).fill("Kit's rash")
    page.get_by_label(re.compile(r"^Message")).fill("A question about Kit.")
    assert_no_axe_violations(page, "new message: acting for")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1, name="Kit's rash")).to_be_visible()
    threads = doctor.client.call("GET", "/api/messages/threads")
    assert [thread["patient"]["fullName"] for thread in threads] == ["Kit Parent"]
    assert not errors, errors
    context.close()


def test_a_daughter_accepts_booking_only_access(live_server: LiveServer, browser: Browser) -> None:
    server = live_server
    father = api_register(server, "patient", fullName="Fred Father")
    daughter = api_register(server, "patient", fullName="Dana Daughter")
    father.client.call(
        "POST",
        "/api/family/proxies",
        {"account": daughter.username, "capabilities": ["appointments"]},
        status=201,
    )
    context = signed_in_context(browser, server, daughter.username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto("/family")
    page.get_by_role("button", name="Accept access for Fred Father").click()
    expect(page.get_by_text("Active")).to_be_visible()
    assert_no_axe_violations(page, "family: access received")
    page.goto("/records")
    expect(page.get_by_role("heading", name="Medical records")).to_be_visible()
    expect(page.get_by_label("Acting for")).to_have_count(0)  # booking only: no records
    assert not errors, errors
    context.close()


def test_done_means_the_childs_log_and_a_booking_only_daughter(
    live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    """Issue 22's "Done means" in one flow: a parent books for their child and writes to the
    child's doctor with a PDF attached, the doctor replies, and the child's access log (read by
    the parent through Acting for, and from the Family page's "Access log") shows both; a
    daughter with booking-only access books for her father and is
    told plainly she cannot read his records or his access log."""
    server = live_server
    doctor = api_open_doctor(server, fullName="Dr Done Means")
    doctor.client.call("PUT", "/api/user", {"acceptsMessages": True})
    parent = api_register(server, "patient", fullName="Paz Parent")
    child = parent.client.call(
        "POST",
        "/api/family/dependents",
        {"fullName": "Lou Parent", "dateOfBirth": "2018-03-02", "relationship": "child"},
        status=201,
    )
    context = signed_in_context(browser, server, parent.username)
    page = context.new_page()
    errors = watch_errors(page)

    page.goto(f"/doctors/{doctor.id}")
    page.get_by_role("button", name=re.compile(r"^Book ")).first.click()
    page.get_by_role("button", name="Continue").click()  # the time
    page.get_by_role("button", name="Continue").click()  # no reason
    page.get_by_label("Acting for").select_option(label="Lou Parent (your dependent)")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()

    page.goto("/messages/new")
    page.get_by_label("Acting for").select_option(label="Lou Parent (your dependent)")
    page.get_by_label(re.compile(r"^Subject")).fill("Lou's cough")
    page.get_by_label(re.compile(r"^Message")).fill("Lou has coughed for a week.")
    diary = tmp_path / "cough diary.pdf"
    diary.write_bytes(TINY_PDF)
    page.get_by_label("Attach a file (optional)").set_input_files(str(diary))
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1, name="Lou's cough")).to_be_visible()
    messages = page.get_by_role("list", name="Messages")
    expect(messages.get_by_role("link", name=re.compile(r"^cough_diary\.pdf"))).to_be_visible()
    [thread] = doctor.client.call("GET", "/api/messages/threads")
    doctor.client.call(
        "POST", f"/api/messages/threads/{thread['id']}/messages",
        {"body": "Bring Lou in on the booked day."}, status=201,
    )  # fmt: skip

    page.goto("/records/access-log")
    page.get_by_label("Acting for").select_option(label="Lou Parent (your dependent)")
    log = page.get_by_role("list", name="Access to your records, newest first")
    expect(
        log.get_by_role("button", name=re.compile(r"^Dr Done Means \(doctor\) "))
    ).not_to_have_count(0)
    expect(
        log.get_by_role("button", name=re.compile(r"^You on behalf of Lou Parent .*booked"))
    ).not_to_have_count(0)
    assert_no_axe_violations(page, "access log: acting for a child")
    actions = {row["action"] for row in
               parent.client.call("GET", f"/api/access-log?patientId={child['id']}")}  # fmt: skip
    assert {"appointment.book", "message.write", "document.upload", "access_log.read"} <= actions

    # The Family page links the child's access log.
    page.goto("/family")
    expect(page.get_by_role("link", name="Access log of Lou Parent")).to_be_visible()
    assert_no_axe_violations(page, "family: a dependent's access log link")
    page.get_by_role("link", name="Access log of Lou Parent").click()
    expect(page).to_have_url(re.compile(rf"/records/access-log\?for={child['id']}$"))
    expect(page.get_by_label("Acting for")).to_have_value(str(child["id"]))
    doctor_line = log.get_by_role("button", name=re.compile(r"^Dr Done Means \(doctor\) "))
    expect(doctor_line).not_to_have_count(0)
    assert_no_axe_violations(page, "access log: from the Family page")
    context.close()

    father = api_register(server, "patient", fullName="Fox Father")
    daughter = api_register(server, "patient", fullName="Dot Daughter")
    grant = father.client.call(
        "POST",
        "/api/family/proxies",
        {"account": daughter.username, "capabilities": ["appointments"]},
        status=201,
    )
    daughter.client.call("POST", f"/api/family/proxies/{grant['id']}/accept")
    context = signed_in_context(browser, server, daughter.username)
    page = context.new_page()
    errors += watch_errors(page)
    page.goto(f"/doctors/{doctor.id}")
    page.get_by_role("button", name=re.compile(r"^Book ")).first.click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Acting for").select_option(label="Fox Father (gave you access)")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()

    refused = "Your access for this patient does not include that. Ask them to extend it."
    page.goto(f"/records?for={father.id}")
    expect(page.get_by_text("Could not load this timeline")).to_be_visible()
    expect(page.get_by_text(refused).first).to_be_visible()
    assert_no_axe_violations(page, "records: booking-only proxy refused")
    page.goto(f"/records/access-log?for={father.id}")
    expect(page.get_by_text("Could not load this access log")).to_be_visible()
    expect(page.get_by_text(refused)).to_be_visible()
    assert_no_axe_violations(page, "access log: booking-only proxy refused")
    booked = father.client.call("GET", "/api/appointments")
    assert [a["bookedBy"]["fullName"] for a in booked] == ["Dot Daughter"]
    assert not errors, errors
    context.close()
