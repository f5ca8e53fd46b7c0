"""A small closed-loop HTTP load driver (asyncio + httpx), loopback only.

Each simulated client is a browser: its own cookie jar, `GET /api/csrf`, `POST /api/login`
with the token, then a fresh token for the rotated session. Login happens before the
clock starts; each client then sends one request at a time until the time or request
budget runs out. Latencies are measured per request from send to full body.
"""

from __future__ import annotations

import asyncio
import resource
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

CSRF_HEADER = "X-CSRF-Token"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Stats:
    """What one run measured."""

    seconds: float
    latencies_ms: list[float]
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0
    driver_cpu_seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def ok_per_second(self, status: int) -> float:
        return self.statuses[status] / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    def errors(self, expected: set[int]) -> int:
        unexpected = sum(n for status, n in self.statuses.items() if status not in expected)
        return unexpected + self.transport_errors

    def summary(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 2),
            "requests": self.requests,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(50), 2),
            "p99_ms": round(self.percentile(99), 2),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "transport_errors": self.transport_errors,
            "driver_cpu_seconds": round(self.driver_cpu_seconds, 2),
        }


class Browser:
    """One logged-in user with its own cookies and CSRF token."""

    def __init__(self, base_url: str) -> None:
        if urlsplit(base_url).hostname not in LOOPBACK:
            raise ValueError("the load driver only talks to loopback addresses")
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30.0)
        self.csrf = ""

    async def refresh_csrf(self) -> None:
        response = await self.http.get("/api/csrf")
        response.raise_for_status()
        self.csrf = response.json()["csrfToken"]

    async def login(self, username: str, password: str) -> None:
        await self.refresh_csrf()
        response = await self.http.post(
            "/api/login",
            json={"username": username, "password": password},
            headers={CSRF_HEADER: self.csrf},
        )
        if response.status_code != 200:
            raise RuntimeError(f"login {username}: {response.status_code} {response.text[:200]}")
        await self.refresh_csrf()  # the session id rotated at login

    async def get(self, path: str) -> httpx.Response:
        return await self.http.get(path)

    async def post(self, path: str, body: Any) -> httpx.Response:
        return await self.http.post(path, json=body, headers={CSRF_HEADER: self.csrf})

    async def close(self) -> None:
        await self.http.aclose()


Step = Callable[[Browser, int], Awaitable[httpx.Response] | None]
"""One request of client `i`; None when that client has nothing left to send."""


async def _run(
    base_url: str,
    users: list[str],
    password: str,
    step: Step,
    seconds: float,
    max_requests: int,
) -> Stats:
    browsers = [Browser(base_url) for _ in users]
    try:
        await asyncio.gather(*(b.login(u, password) for b, u in zip(browsers, users, strict=True)))
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        transport_errors = 0
        deadline = time.perf_counter() + seconds

        async def client(index: int) -> None:
            nonlocal transport_errors
            browser = browsers[index]
            while time.perf_counter() < deadline and len(latencies) < max_requests:
                pending = step(browser, index)
                if pending is None:
                    return
                sent = time.perf_counter()
                try:
                    response = await pending
                except httpx.HTTPError:
                    transport_errors += 1
                    continue
                latencies.append((time.perf_counter() - sent) * 1000)
                statuses[response.status_code] += 1

        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(len(browsers))))
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = sum(getattr(cpu_after, f) - getattr(cpu_before, f) for f in ("ru_utime", "ru_stime"))
        return Stats(elapsed, latencies, statuses, transport_errors, cpu)
    finally:
        await asyncio.gather(*(b.close() for b in browsers))


def run(
    base_url: str,
    users: list[str],
    password: str,
    step: Step,
    *,
    seconds: float,
    max_requests: int = 1_000_000,
) -> Stats:
    """Log every user in, then drive `step` from one client per user for `seconds`."""
    return asyncio.run(_run(base_url, users, password, step, seconds, max_requests))
