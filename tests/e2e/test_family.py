"""Family access in Chromium (issue 22): a parent adds their child on the Family page, books
for the child with the "acting for" selector, sees the visit in the child's appointments and
writes to the child's doctor in the child's name; a
father grants his daughter booking-only access and she accepts it on her Family page. Every
page is axe-clean."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
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
