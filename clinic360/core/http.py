"""Request guards and response helpers shared by every API blueprint."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

import pydantic_core
from flask import Flask, Response, request
from pydantic import BaseModel, TypeAdapter
from werkzeug.exceptions import RequestEntityTooLarge

from clinic360.core.errors import problem
from clinic360.core.schemas import refused_code_point

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MULTIPART_OVERHEAD = 64 * 1024
"""Room for the form fields and part headers next to the file of an upload."""
_uploads: dict[str, str] = {}


def accept_upload(endpoint: str, limit_setting: str) -> None:
    """The one narrow exception to "JSON only": `endpoint` takes `multipart/form-data` (a
    file of at most `app.config[limit_setting]` bytes, plus form fields). Larger bodies are
    refused with 413 `file_too_large` before anything reads them."""
    _uploads[endpoint] = limit_setting


def register_body_guard(app: Flask) -> None:
    """Reject non-JSON (415), malformed JSON (400) and text with lone surrogates, private-use
    or unassigned code points (422, review #23 F-6) before validation sees the body.

    flask-openapi3 reads bodies with `get_json(silent=True)`, which would turn both into
    a 422; the contract wants 415 and 400.
    """

    @app.before_request
    def _guard_json_body() -> Response | None:
        if request.method not in UNSAFE_METHODS or not request.path.startswith("/api/"):
            return None
        if request.endpoint in _uploads:
            return _guard_upload(app, _uploads[request.endpoint])
        if not request.content_length and not request.data:
            return None
        if not request.is_json:
            return problem(415, "unsupported_media_type", "Send the body as application/json.")
        try:
            request.get_json(cache=True)
        except RequestEntityTooLarge:
            raise
        except Exception:  # BadRequest for bad UTF-8 or syntax, RecursionError for deep nesting
            return problem(400, "bad_request", "The body is not valid JSON.")
        if (field := _refused_text(request.get_json(cache=True), "")) is not None:
            message = "must not contain unpaired surrogates, private-use or unassigned characters"
            return problem(422, "validation_error", f"{field}: {message}", errors={field: message})
        return None


def _guard_upload(app: Flask, limit_setting: str) -> Response | None:
    limit = app.config[limit_setting] + MULTIPART_OVERHEAD
    if request.mimetype != "multipart/form-data":
        return problem(415, "unsupported_media_type", "Send the file as multipart/form-data.")
    if request.content_length is not None and request.content_length > limit:
        return problem(413, "file_too_large", "The file is larger than this clinic accepts.")
    request.max_content_length = limit  # also bounds a body sent without Content-Length
    try:
        names = [*request.form.keys(), *request.files.keys()]
    except RequestEntityTooLarge:
        raise
    except Exception:  # a body that is not multipart as announced
        return problem(400, "bad_request", "The body is not valid multipart/form-data.")
    if not all(names):  # a part without a name (the CSRF check would fail on it)
        return problem(400, "bad_request", "Every part of the form needs a name.")
    return None


def _refused_text(value: Any, path: str) -> str | None:
    """The path (`a.b.0`, or `body`) of the first string in a JSON value that holds a
    refused code point (`refused_code_point`), or None. Keys are checked too."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if refused_code_point(item):
                return where or "body"
        elif isinstance(item, dict):
            for key, child in item.items():
                if refused_code_point(key):
                    return where or "body"
                stack.append((child, f"{where}.{key}" if where else key))
        elif isinstance(item, list):
            stack.extend(
                (child, f"{where}.{i}" if where else str(i)) for i, child in enumerate(item)
            )
    return None


@cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _encode(
    payload: BaseModel | Sequence[BaseModel] | Sequence[dict[str, Any]] | dict[str, Any],
) -> bytes:
    """JSON in pydantic-core (Rust) where the payload is models: one call for a whole list."""
    if isinstance(payload, BaseModel):
        return payload.model_dump_json(by_alias=True).encode()
    if isinstance(payload, dict) or not payload:
        return json.dumps(payload).encode()
    first = payload[0]
    if isinstance(first, BaseModel) and all(type(item) is type(first) for item in payload):
        return _list_adapter(type(first)).dump_json(list(payload), by_alias=True)
    return json.dumps(
        [item.model_dump(mode="json", by_alias=True) if isinstance(item, BaseModel) else item
         for item in payload]
    ).encode()  # fmt: skip


def json_response(
    payload: BaseModel | Sequence[BaseModel] | Sequence[dict[str, Any]] | dict[str, Any],
    status: int = 200,
    *,
    total: int | None = None,
) -> Response:
    """Serialise a model (or list of models, or plain JSON rows) camelCase; `total` sets
    X-Total-Count."""
    response = Response(_encode(payload), status=status, mimetype="application/json")
    if total is not None:
        response.headers["X-Total-Count"] = str(total)
    return response


def json_rows_response(rows: Sequence[dict[str, Any]], *, total: int | None = None) -> Response:
    """Plain JSON rows (already camelCase) encoded in one pydantic-core call (Rust), datetimes
    included: a UTC datetime on whole seconds comes out as `format_instant` writes it
    (`2026-12-01T08:00:00Z`), so rows need no per-value formatting in Python. Only for rows
    whose datetimes are UTC on whole seconds (the slot engine's)."""
    return json_response_bytes(pydantic_core.to_json(rows), total=total)


def json_response_bytes(body: bytes, status: int = 200, *, total: int | None = None) -> Response:
    response = Response(body, status=status, mimetype="application/json")
    if total is not None:
        response.headers["X-Total-Count"] = str(total)
    return response


def no_content() -> Response:
    return Response(status=204)
