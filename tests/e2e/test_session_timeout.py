"""Session idle timeout in the browser: the signed-in screens end with the server's session.

The live server runs with SESSION_IDLE_SECONDS=8. A patient opens "My appointments" (their
booking reason on screen) and leaves the page alone: a few seconds after that the app is back
on the login page saying the session has ended, with nothing of the patient's in the page or
in web storage.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, web_storage
from tests.factories import book_free_slot
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e

REASON = "CANARY-IDLE-REASON"
IDLE_SECONDS = 8


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(
        tmp_path_factory.mktemp("idle"), SESSION_IDLE_SECONDS=str(IDLE_SECONDS)
    )


def test_an_idle_session_returns_to_login_and_leaves_nothing_behind(
    browser: Browser, live_server: LiveServer
) -> None:
    doctor = api_open_doctor(live_server)
    patient = api_register(live_server, "patient")
    book_free_slot(patient, doctor, reason=REASON)
    context = signed_in_context(browser, live_server, patient.username)
    page = context.new_page()
    page.goto("/appointments")
    expect(page.get_by_text(REASON)).to_be_visible()

    # No input for the idle time (+ the app's margin and check, a quarter of it each): log in.
    expect(page.get_by_text("Your session has ended")).to_be_visible(timeout=30_000)
    assert page.url.endswith("/login?expired=1")
    assert REASON not in page.content()
    assert REASON not in web_storage(page)
    assert_no_axe_violations(page, "login after the session ended")
    assert page.context.request.get("/api/user").status == 401
    context.close()
