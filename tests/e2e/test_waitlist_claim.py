"""The waiting list in Chromium: patient B joins a doctor's list from the doctor's page;
patient A cancels from the web app; the real worker offers the freed time to B by email; B
opens the claim link from the `.eml` without logging in and books it. Every page is
axe-clean."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.factories import at, booked, iso
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e
LINK = re.compile(r"https?://\S+/claim/[0-9]+\.[A-Za-z0-9_-]{43}")
WORKER_MINUTE = 150
"""The worker scans every minute (and at start); a loaded machine gets some slack."""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(tmp_path_factory.mktemp("live"))


def claim_link(server: LiveServer, address: str) -> str:
    """The claim link of the waitlist offer email to `address`, once the worker sent it."""
    outbox = server.instance_path / "outbox"
    deadline = time.monotonic() + WORKER_MINUTE
    while True:
        for path in sorted(outbox.glob("*-waitlist_offer.eml")) if outbox.is_dir() else []:
            message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
            text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            if address in str(message["To"]) and LINK.search(text):
                return str(LINK.findall(text)[0])
        assert time.monotonic() < deadline, "no waitlist offer email"
        time.sleep(0.5)  # polling a folder: nothing for Playwright to wait on


def test_a_cancelled_time_is_claimed_from_the_waiting_list(
    live_server: LiveServer, browser: Browser
) -> None:
    server = live_server
    doctor = api_open_doctor(server, fullName="Dr Wait Listed")
    holder = api_register(server, "patient", fullName="Ada Holder")
    waiting = api_register(server, "patient", fullName="Ben Waiting")
    start = at(10, offset=4)
    booked(holder, doctor, start, reason="CANARY-e2e-waitlist-reason")

    context = signed_in_context(browser, server, waiting.username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(f"/doctors/{doctor.id}")
    page.get_by_role("link", name="No time that suits you? Join the waiting list").click()
    form = page.get_by_role("form", name="Join the waiting list of Dr Wait Listed")
    expect(form).to_be_visible()
    assert_no_axe_violations(page, "waiting list: join form")
    form.get_by_role("button", name="Join the waiting list").click()
    entry = page.get_by_role("button", name="Leave the waiting list for Dr Wait Listed")
    expect(entry).to_be_visible()
    assert_no_axe_violations(page, "waiting list: my entries")
    assert not errors, errors
    context.close()

    context = signed_in_context(browser, server, holder.username)
    page = context.new_page()
    page.goto("/appointments")
    upcoming = page.get_by_role("list", name="Upcoming appointments")
    upcoming.get_by_role("button", name="Cancel").click()
    page.get_by_role("dialog").get_by_role("button", name="Cancel appointment").click()
    expect(upcoming.get_by_text("Cancelled")).to_be_visible()
    context.close()

    link = claim_link(server, waiting.user["email"])
    page = browser.new_context().new_page()  # the mail reader: no session at all
    errors = watch_errors(page)
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="A time is free for you")).to_be_visible()
    expect(page.get_by_text("Dr Wait Listed")).to_be_visible()
    expect(page.get_by_text("CANARY-e2e-waitlist-reason")).to_have_count(0)
    assert_no_axe_violations(page, "claim link")
    page.get_by_role("button", name="Book this time").click()
    expect(page.get_by_text("It is yours: your appointment is booked")).to_be_visible()
    assert_no_axe_violations(page, "claim link: booked")
    assert not errors, errors

    mine = waiting.client.call("GET", "/api/appointments")
    assert [(a["startTime"], a["doctorId"]) for a in mine] == [(iso(start), doctor.id)]
    assert waiting.client.call("GET", "/api/waitlist") == []
    page.goto(f"{server.url}/claim/1.{'x' * 43}")
    expect(
        page.get_by_role("heading", level=1, name="This offer has ended or the link is not valid")
    ).to_be_visible()
    assert_no_axe_violations(page, "claim link: not valid")
