"""The floors `make bench` measures the API against: what the same gunicorn set-up (config,
workers, threads) and the same load driver reach with no application work at all.

- `hello`: a bare WSGI callable, the fastest any Python endpoint here can answer;
- `flask_app`: a minimal Flask app returning a small JSON object, the framework's own cost.

Both answer every path with the same JSON (`{"csrfToken": "floor"}`), so the driver's
anonymous start (`GET /api/csrf`) and the health check work unchanged.

    gunicorn -c gunicorn.conf.py bench.floors:hello
    gunicorn -c gunicorn.conf.py "bench.floors:flask_app"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

_BODY = b'{"csrfToken": "floor"}'


def hello(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(_BODY)))]
    )
    return [_BODY]


flask_app = Flask(__name__)


@flask_app.get("/", defaults={"path": ""})
@flask_app.get("/<path:path>")
def _any(path: str) -> dict[str, str]:
    return {"csrfToken": "floor"}
