"""Serve the built web app: files from `web/dist`, every other page path → index.html.

The build writes a Brotli and a gzip copy next to each text file (vite-plugin-compression2);
the best one the browser accepts is sent as is, so nothing is compressed per request. Files
under `assets/` carry a content hash in their names and are cached for a year; `index.html`
is revalidated on every load, so a new release is picked up at once.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, request, send_from_directory
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

bp = Blueprint("spa", __name__)

YEAR_SECONDS = 31536000
# Content-Encoding → suffix of the precompressed copy, best first.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


class PagePathConverter(PathConverter):
    """Any path outside /api, /fhir and /oauth2, so unknown API routes stay 404 errors."""

    regex = r"(?!(?:api|fhir|oauth2)(?:/|$))[^/].*?"


NOT_BUILT = "The web app is not built yet. Run `make run` (or `cd web && npm run build`).\n"


def _send(dist: Path, path: str, *, max_age: int) -> Response:
    """`path` from `dist`, precompressed when the browser accepts it, with its cache policy."""
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    encoding = next(
        (
            (name, suffix)
            for name, suffix in PRECOMPRESSED
            if request.accept_encodings[name] and (dist / (path + suffix)).is_file()
        ),
        None,
    )
    if encoding is None:
        response = send_from_directory(dist, path, mimetype=mimetype, max_age=max_age)
    else:
        name, suffix = encoding
        response = send_from_directory(dist, path + suffix, mimetype=mimetype, max_age=max_age)
        response.headers["Content-Encoding"] = name
    response.vary.add("Accept-Encoding")
    if max_age:
        response.cache_control.public = True
        response.cache_control.immutable = True
    else:
        response.cache_control.no_cache = True
        response.cache_control.max_age = None
    return response


@bp.get("/")
@bp.get("/<page_path:path>")
def serve(path: str = "") -> Response:
    dist = Path(current_app.config["WEB_DIST"])
    # Join safely first: a path that leaves `dist` is an app route like any other (the
    # shell), so the answer never tells whether a file exists elsewhere (#23 F-9).
    file = safe_join(str(dist), path) if path else None
    if file is not None and Path(file).is_file():
        hashed = path.startswith("assets/")  # file names carry a content hash
        return _send(dist, path, max_age=YEAR_SECONDS if hashed else 0)
    if not (dist / "index.html").is_file():
        return Response(NOT_BUILT, status=503, mimetype="text/plain")
    return _send(dist, "index.html", max_age=0)


def init_spa(app: Flask) -> None:
    app.url_map.converters["page_path"] = PagePathConverter
    app.register_blueprint(bp)
