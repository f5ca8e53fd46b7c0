"""Front end: first-load JS/CSS gzip sizes of the built app, and Lighthouse scores.

Lighthouse 12 (pinned in bench/lighthouse/package.json; 13 needs Node 22) runs Debian's
chromium headless and offline against the bench server. Pages the app does not have yet
(a 404 in the SPA router still answers 200) are reported as measured, with their URL.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync --disable-quic"
)
PAGES = {"login": "/login", "booking": "/book"}


def first_load_assets(dist: Path) -> list[Path]:
    """Files index.html loads before the app runs: entry scripts, preloads, stylesheets."""
    html = (dist / "index.html").read_text()
    refs = re.findall(r'<(?:script|link)[^>]+(?:src|href)="/?([^"]+\.(?:js|css))"', html)
    return [dist / ref for ref in dict.fromkeys(refs)]


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def sizes(dist: Path) -> dict[str, Any]:
    if not (dist / "index.html").is_file():
        return {"error": f"{dist} is not built (make web)"}
    assets = first_load_assets(dist)
    js = [a for a in assets if a.suffix == ".js"]
    css = [a for a in assets if a.suffix == ".css"]
    return {
        "js_gzip_bytes": sum(gzip_size(a) for a in js),
        "css_gzip_bytes": sum(gzip_size(a) for a in css),
        "js_files": [a.name for a in js],
        "css_files": [a.name for a in css],
    }


def run_lighthouse(base_url: str) -> dict[str, Any]:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        install = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=LIGHTHOUSE_DIR,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if install.returncode or not binary.exists():
            return {"error": f"lighthouse did not install: {install.stderr.strip()[-300:]}"}
    chromium = shutil.which("chromium")
    if chromium is None:
        return {"error": "Debian's chromium is not installed"}
    scores: dict[str, Any] = {}
    for name, path in PAGES.items():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.json"
            done = subprocess.run(
                [
                    str(binary),
                    base_url + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    "--only-categories=performance,accessibility",
                    f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp}/profile",
                ],
                env={**os.environ, "CHROME_PATH": chromium},
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
            if done.returncode or not out.exists():
                scores[name] = {"url": path, "error": done.stderr.strip()[-300:]}
                continue
            report = json.loads(out.read_text())
            categories, audits = report["categories"], report["audits"]
            scores[name] = {
                "url": path,
                "performance": round(100 * (categories["performance"]["score"] or 0)),
                "accessibility": round(100 * (categories["accessibility"]["score"] or 0)),
                # The cold load on Lighthouse's throttled mobile connection (simulated slow 4G:
                # 150 ms RTT, 1.6 Mbit/s down, 4x CPU slowdown): when anything is painted, and
                # when the largest element is.
                "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
                "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            }
    return scores


def measure(dist: Path, base_url: str, *, lighthouse: bool) -> dict[str, Any]:
    scores = run_lighthouse(base_url) if lighthouse else {"error": "skipped in the quick run"}
    return {"sizes": sizes(dist), "lighthouse": scores}
