"""A small closed-loop HTTP load driver (asyncio + httpx), loopback only.

Each simulated client is a browser: its own cookie jar, `GET /api/csrf`, `POST /api/login`
with the token, then a fresh token for the rotated session (a client given no username
starts anonymous, with a token only). Login happens before the clock starts; each client
then sends one request at a time until the time or request budget runs out. Latencies are
measured per request from send to full body, overall and per operation (the label a step
gives its request, else method and path with ids as `:id`); problem `code`s are counted.
"""

from __future__ import annotations

import asyncio
import re
import resource
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

CSRF_HEADER = "X-CSRF-Token"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_ID_SEGMENT = re.compile(r"/\d+(?=/|$)")


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def operation_name(method: str, path: str) -> str:
    """`GET /api/doctors/:id/slots` for `GET /api/doctors/7/slots?from=…`."""
    return f"{method} {_ID_SEGMENT.sub('/:id', path.split('?', 1)[0])}"


@dataclass
class Stats:
    """What one run measured."""

    seconds: float
    latencies_ms: list[float]
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0
    driver_cpu_seconds: float = 0.0
    operations: dict[str, list[float]] = field(default_factory=dict)
    """Latencies per operation."""
    problems: Counter[tuple[str, int, str]] = field(default_factory=Counter)
    """(operation, status, problem `code`) of every answer ≥ 400."""

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def ok_per_second(self, status: int) -> float:
        return self.statuses[status] / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        return percentile(self.latencies_ms, p)

    def record(self, operation: str, latency_ms: float, response: httpx.Response) -> None:
        self.latencies_ms.append(latency_ms)
        self.operations.setdefault(operation, []).append(latency_ms)
        self.statuses[response.status_code] += 1
        if response.status_code >= 400:
            try:
                code = str(response.json().get("code", ""))
            except ValueError:
                code = ""
            self.problems[operation, response.status_code, code] += 1

    def operation_summary(self) -> dict[str, dict[str, Any]]:
        """Per operation: requests, requests/s, p50 and p99 in ms."""
        return {
            name: {
                "requests": len(values),
                "rps": round(len(values) / self.seconds, 1) if self.seconds else 0.0,
                "p50_ms": round(percentile(values, 50), 2),
                "p99_ms": round(percentile(values, 99), 2),
            }
            for name, values in sorted(self.operations.items())
        }

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

    def __init__(self, base_url: str, headers: dict[str, str] | None = None) -> None:
        if urlsplit(base_url).hostname not in LOOPBACK:
            raise ValueError("the load driver only talks to loopback addresses")
        self.http = httpx.AsyncClient(base_url=base_url, timeout=30.0, headers=headers)
        self.csrf = ""
        self.operation = ""
        """The operation of the request in flight (one at a time per client)."""

    async def refresh_csrf(self) -> httpx.Response:
        """Fetch the token of the current session (it changes at login, logout, register)."""
        response = await self.get("/api/csrf")
        response.raise_for_status()
        self.csrf = response.json()["csrfToken"]
        return response

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

    async def get(self, path: str, *, operation: str = "") -> httpx.Response:
        self.operation = operation or operation_name("GET", path)
        return await self.http.get(path)

    async def post(self, path: str, body: Any, *, operation: str = "") -> httpx.Response:
        return await self._send("POST", path, body, operation)

    async def put(self, path: str, body: Any, *, operation: str = "") -> httpx.Response:
        return await self._send("PUT", path, body, operation)

    async def _send(self, method: str, path: str, body: Any, operation: str) -> httpx.Response:
        self.operation = operation or operation_name(method, path)
        return await self.http.request(method, path, json=body, headers={CSRF_HEADER: self.csrf})

    async def close(self) -> None:
        await self.http.aclose()


Step = Callable[[Browser, int], Awaitable[httpx.Response] | None]
"""One request of client `i`; None when that client has nothing left to send."""


async def _start(browser: Browser, username: str | None, password: str) -> None:
    if username is None:
        await browser.refresh_csrf()
    else:
        await browser.login(username, password)


async def _run(
    base_url: str,
    users: Sequence[str | None],
    password: str,
    step: Step,
    seconds: float,
    max_requests: int,
    headers: dict[str, str] | None,
) -> Stats:
    browsers = [Browser(base_url, headers) for _ in users]
    try:
        await asyncio.gather(
            *(_start(b, u, password) for b, u in zip(browsers, users, strict=True))
        )
        stats = Stats(seconds, [])
        deadline = time.perf_counter() + seconds

        async def client(index: int) -> None:
            browser = browsers[index]
            while time.perf_counter() < deadline and stats.requests < max_requests:
                pending = step(browser, index)
                if pending is None:
                    return
                sent = time.perf_counter()
                try:
                    response = await pending
                except httpx.HTTPError:
                    stats.transport_errors += 1
                    continue
                stats.record(browser.operation, (time.perf_counter() - sent) * 1000, response)

        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(len(browsers))))
        stats.seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        stats.driver_cpu_seconds = sum(
            getattr(cpu_after, f) - getattr(cpu_before, f) for f in ("ru_utime", "ru_stime")
        )
        return stats
    finally:
        await asyncio.gather(*(b.close() for b in browsers))


def run(
    base_url: str,
    users: Sequence[str | None],
    password: str,
    step: Step,
    *,
    seconds: float,
    max_requests: int = 1_000_000,
    headers: dict[str, str] | None = None,
) -> Stats:
    """Log every user in (None: anonymous), then drive `step` from one client per user;
    `headers` go with every request (a bearer token for `/fhir/R4`)."""
    return asyncio.run(_run(base_url, users, password, step, seconds, max_requests, headers))
