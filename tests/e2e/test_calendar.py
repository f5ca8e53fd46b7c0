"""The live calendar in a real browser (issue 21): the receptionist books a phone patient by
clicking an empty time on the day view of every doctor; the doctor's open week grid shows the
block without a reload; the receptionist moves it with the keyboard only, then by dragging it;
the day and week views are axe clean."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import assert_no_axe_violations, screenshot
from tests.e2e.flows import api_open_doctor, api_register, signed_in_context, watch_errors
from tests.factories import ADMIN_PASSWORD
from tests.live import LiveServer, start_live_server

pytestmark = pytest.mark.e2e
SHOWN_WITHIN_MS = 3_000  # 2 s to the stream, plus the grid's refetch and render


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from start_live_server(tmp_path_factory.mktemp("live"))


def _block(page: Page, grid: str, at: str) -> Locator:
    """Pia Phone's block at `at` ("10:00–10:30"), named "Pia Phone, [Tue 8 Dec] 10:00–10:30,
    Dr …, status" (the browser may put spaces around the screen-reader-only parts)."""
    start, end = at.split("–")
    name = rf"^Pia Phone\s*,\s*(\w{{3}} \d+ \w{{3}}\s+)?{start}\s*–\s*{end}"
    return page.get_by_role("group", name=grid).get_by_role("button", name=re.compile(name))


def test_book_on_the_grid_see_it_live_and_move_it_by_keyboard_and_drag(
    live_server: LiveServer, browser: Browser
) -> None:
    live_server.flask(
        "create-staff", "--role", "receptionist", "--username", "grid", "--email",
        "grid@example.org", "--full-name", "Greta Grid", "--password-stdin",
        input_text=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    doctor = api_open_doctor(live_server, fullName="Dr. Cal Endar", timezone="UTC")
    api_open_doctor(live_server, fullName="Dr. Second Column", timezone="UTC")
    api_register(live_server, "patient", fullName="Pia Phone")
    desk_context = signed_in_context(browser, live_server, "grid", ADMIN_PASSWORD,
                                     timezone_id="UTC")  # fmt: skip
    doctor_context = signed_in_context(browser, live_server, doctor.username, timezone_id="UTC")
    desk, agenda = desk_context.new_page(), doctor_context.new_page()
    desk_errors, agenda_errors = watch_errors(desk), watch_errors(agenda)

    # The doctor has their week grid open.
    agenda.goto("/agenda")
    agenda.get_by_role("button", name="Week").click()
    week = agenda.get_by_role("group", name="Calendar of the week")
    expect(week).to_be_visible()

    # The receptionist opens tomorrow's day view of every doctor and clicks an empty time.
    desk.goto("/front-desk")
    desk.get_by_role("button", name="Next day").click()
    day = desk.get_by_role("group", name=re.compile(r"^Calendar of "))
    expect(day.get_by_role("group", name="Dr. Second Column")).to_be_visible()
    assert_no_axe_violations(desk, "front desk calendar, day view")
    day.get_by_role("button", name="Book Dr. Cal Endar at 10:00").click()
    dialog = desk.get_by_role("dialog", name="Book with Dr. Cal Endar")
    dialog.get_by_label("Find a patient").fill("Pia")
    dialog.get_by_role("button", name="Select Pia Phone").click()
    assert_no_axe_violations(desk, "booking dialog")
    dialog.get_by_role("button", name="Confirm booking").click()
    expect(desk.get_by_text(re.compile(r"^Booked Pia Phone"))).to_be_visible()
    expect(_block(desk, "Dr. Cal Endar", "10:00–10:30")).to_be_visible()

    # The doctor's open week shows it without a reload.
    expect(_block(agenda, "Calendar of the week", "10:00–10:30")).to_be_visible(
        timeout=SHOWN_WITHIN_MS
    )
    assert_no_axe_violations(agenda, "doctor's week grid")
    screenshot(agenda, "calendar-doctor-week")

    # Keyboard only: pick it up, two rows down, drop, confirm in the dialog with Enter.
    block = _block(desk, "Dr. Cal Endar", "10:00–10:30")
    block.focus()
    desk.keyboard.press("Enter")
    expect(desk.get_by_test_id("calendar-announcement")).to_contain_text("Moving Pia Phone")
    desk.keyboard.press("ArrowDown")
    desk.keyboard.press("ArrowDown")
    expect(desk.get_by_test_id("calendar-announcement")).to_contain_text("10:30")
    desk.keyboard.press("Enter")
    move = desk.get_by_role("dialog", name="Move Pia Phone")
    expect(move).to_contain_text("10:30–11:00")
    desk.keyboard.press("Enter")
    expect(desk.get_by_text(re.compile(r"^Pia Phone moved to"))).to_be_visible()
    expect(_block(desk, "Dr. Cal Endar", "10:30–11:00")).to_be_visible()
    expect(_block(agenda, "Calendar of the week", "10:30–11:00")).to_be_visible(
        timeout=SHOWN_WITHIN_MS
    )

    # The mouse: drag it two rows (30 minutes) further down.
    moved = _block(desk, "Dr. Cal Endar", "10:30–11:00")
    moved.scroll_into_view_if_needed()
    box = moved.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + 5
    desk.mouse.move(x, y)
    desk.mouse.down()
    desk.mouse.move(x, y + 25, steps=5)
    desk.mouse.move(x, y + 44, steps=5)
    desk.mouse.up()
    move = desk.get_by_role("dialog", name="Move Pia Phone")
    expect(move).to_contain_text("11:00–11:30")
    move.get_by_role("button", name="Move here").click()
    expect(_block(desk, "Dr. Cal Endar", "11:00–11:30")).to_be_visible()
    expect(_block(agenda, "Calendar of the week", "11:00–11:30")).to_be_visible(
        timeout=SHOWN_WITHIN_MS
    )

    # The week view of one doctor at the desk.
    desk.get_by_role("button", name="Week of one doctor").click()
    desk.get_by_label("Doctor").select_option(label="Dr. Cal Endar")
    expect(_block(desk, "Week of Dr. Cal Endar", "11:00–11:30")).to_be_visible()
    assert_no_axe_violations(desk, "front desk calendar, week view")
    screenshot(desk, "calendar-desk-week")
    assert desk_errors == [] and agenda_errors == []
    for context in (desk_context, doctor_context):
        context.close()
