"""Serve the built web app: files from `web/dist`, every other page path → index.html."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, send_from_directory
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

bp = Blueprint("spa", __name__)


class PagePathConverter(PathConverter):
    """Any path outside /api, so unknown API routes stay 404 problem documents."""

    regex = r"(?!api(?:/|$))[^/].*?"


NOT_BUILT = "The web app is not built yet. Run `make run` (or `cd web && npm run build`).\n"


@bp.get("/")
@bp.get("/<page_path:path>")
def serve(path: str = "") -> Response:
    dist = Path(current_app.config["WEB_DIST"])
    # Join safely first: a path that leaves `dist` is an app route like any other (the
    # shell), so the answer never tells whether a file exists elsewhere (#23 F-9).
    file = safe_join(str(dist), path) if path else None
    if file is not None and Path(file).is_file():
        response = send_from_directory(dist, path)
        if path.startswith("assets/"):  # file names carry a content hash
            response.cache_control.public = True
            response.cache_control.max_age = 31536000
            response.cache_control.immutable = True
        return response
    if not (dist / "index.html").is_file():
        return Response(NOT_BUILT, status=503, mimetype="text/plain")
    response = send_from_directory(dist, "index.html")
    response.cache_control.no_cache = True
    return response


def init_spa(app: Flask) -> None:
    app.url_map.converters["page_path"] = PagePathConverter
    app.register_blueprint(bp)
