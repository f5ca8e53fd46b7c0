"""The landing page loads through the real server in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


def test_landing_page_shows_live_system_status(live_server: LiveServer, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("All systems operational")).to_be_visible()
    screenshot(page, "landing")
    assert errors == []


def test_client_side_routes_are_served_the_app(live_server: LiveServer, page: Page) -> None:
    response = page.goto(live_server.url + "/no/such/page")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_text("not found", exact=False).first).to_be_visible()
