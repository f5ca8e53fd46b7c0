"""The light load driver: `wrk` (C, event loop) with a Lua script, for the read runs whose
denominator is a floor (bench/floors.py). The Python driver (bench/driver.py) spends about a
third of a core on its own work, on the same 2 cores as the server; wrk a small fraction, which
is reported beside each run (`driver_cpu_seconds`, from the child's rusage).

A signed-in run logs in once with httpx (CSRF token, POST /api/login) and hands wrk the session
cookie: every connection is the same browser, as the Python driver's 8 clients of one user are.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import httpx

_LUA = """
local paths = %(paths)s
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], %(headers)s)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\": %%d, \\"p50_us\\": %%d, \\"p99_us\\": %%d, \\"non2xx\\": %%d, "
    .. "\\"socket_errors\\": %%d, \\"duration_us\\": %%d}\\n",
    summary.requests, latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout, summary.duration))
end
"""


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal here


def session_cookie(base_url: str, username: str, password: str) -> str:
    """Log `username` in; the Cookie header of that session."""
    with httpx.Client(base_url=base_url, timeout=30.0) as http:
        token = http.get("/api/csrf").json()["csrfToken"]
        response = http.post(
            "/api/login",
            json={"username": username, "password": password},
            headers={"X-CSRF-Token": token},
        )
        if response.status_code != 200:
            raise RuntimeError(f"login {username}: {response.status_code}")
        return "; ".join(f"{name}={value}" for name, value in http.cookies.items())


def run(
    base_url: str,
    paths: list[str],
    *,
    clients: int,
    seconds: float,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """GET the paths in turn from `clients` connections for `seconds`, each request with
    `headers` (a session's Cookie, a bearer token's Authorization); the run's figures in the
    shape of `bench.driver.Stats.summary()` plus `errors` (non-2xx and socket errors)."""
    table = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in (headers or {}).items())
    paths_table = "{" + ", ".join(_lua_string(p) for p in paths) + "}"
    lua = _LUA % {"paths": paths_table, "headers": "{" + table + "}"}
    with tempfile.TemporaryDirectory(prefix="wrk-") as folder:
        script = Path(folder) / "reads.lua"
        script.write_text(lua)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            ["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{max(1, round(seconds))}s",
             "--timeout", "30s", "-s", str(script), base_url],
            capture_output=True, text=True, check=False, timeout=seconds + 120,
        )  # fmt: skip
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = re.search(r"^RESULT (\{.*\})$", done.stdout, re.M)
    if done.returncode or not found:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr[-500:]}")
    raw = json.loads(found.group(1))
    duration = raw["duration_us"] / 1e6
    return {
        "driver": "wrk",
        "clients": clients,
        "seconds": round(duration, 2),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / duration, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "errors": raw["non2xx"] + raw["socket_errors"],
        "driver_cpu_seconds": round(
            sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime")), 2
        ),
    }
