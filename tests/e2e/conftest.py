"""End-to-end fixtures: the running product and Debian's headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clinic360.core.config import PROJECT_ROOT
from tests.factories import create_admin_args
from tests.live import LiveServer, start_live_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
AXE_SCRIPT = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ADMIN_PASSWORD = "Harbour-Sextant-93"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One running product per test module (fresh database)."""
    yield from start_live_server(tmp_path_factory.mktemp("live"))


@pytest.fixture(scope="module")
def admin(live_server: LiveServer) -> str:
    """An administrator (password ADMIN_PASSWORD), created the only way there is: `flask
    create-admin`."""
    live_server.flask(*create_admin_args("admin"), input_text=ADMIN_PASSWORD + "\n")
    return "admin"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, headless, offline-friendly flags (never `playwright install`)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots for review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_no_axe_violations(page: Any, context: str = "") -> None:
    """Run axe-core (pinned in web/package.json) on the page: zero WCAG 2.1 A/AA violations."""
    if not AXE_SCRIPT.is_file():
        pytest.fail("axe-core is missing: run `npm ci` in web/")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not block
        # (a <script> tag would be refused by `script-src 'self'`).
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    # Radix dialogs fade in: judging colour contrast mid-animation reports false failures.
    # Endless ones (skeleton pulse) are left alone; cancelled ones settle too.
    page.evaluate(
        """() => Promise.allSettled(document.getAnimations()
            .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished))"""
    )
    results = page.evaluate(
        """async (tags) => {
            const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
            return r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5)
                    .map((n) => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )
    if results:
        lines = [f"axe: {len(results)} violation(s) on {context or page.url}"]
        for violation in results:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
        pytest.fail("\n".join(lines))
