"""Errors under `/fhir/R4` are OperationOutcome resources.

The app's one error layer (`core.errors`) answers every failure as problem+json; this hook
rewrites such an answer under `/fhir/` into an OperationOutcome with the same status and
headers (WWW-Authenticate, Retry-After, Allow), so no handler builds errors twice and no
failure (routing, method, rate limit, outage) escapes the FHIR format.
"""

from __future__ import annotations

import json

from fhir.resources.R4B.operationoutcome import OperationOutcome, OperationOutcomeIssue
from flask import Flask, Response, request

FHIR_JSON = "application/fhir+json"
# http://hl7.org/fhir/R4/valueset-issue-type.html
_ISSUE_TYPE = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    409: "conflict",
    412: "conflict",
    413: "too-long",
    415: "not-supported",
    422: "processing",
    429: "throttled",
    503: "transient",
}
_ISSUE_TYPE_OF_CODE = {"unknown_search_parameter": "not-supported"}
"""Problems whose issue type is not their status's (a 400 that is no malformed value)."""


def outcome(status: int, diagnostics: str, code: str | None = None) -> OperationOutcome:
    issue = OperationOutcomeIssue(
        severity="error" if status < 500 else "fatal",
        code=_ISSUE_TYPE_OF_CODE.get(code or "") or _ISSUE_TYPE.get(status, "exception"),
        diagnostics=diagnostics,
        details={"text": code} if code else None,
    )
    return OperationOutcome(issue=[issue])


def _as_outcome(response: Response) -> Response:
    status = response.status_code
    body: dict[str, object] = {}
    if (response.mimetype or "").endswith("json"):
        try:
            body = json.loads(response.get_data())
        except ValueError:
            body = {}
    detail = str(body.get("detail") or body.get("title") or response.status)
    code = body.get("code")
    resource = outcome(status, detail, str(code) if code else None)
    converted = Response(resource.model_dump_json(), status=status, mimetype=FHIR_JSON)
    for name in ("WWW-Authenticate", "Retry-After", "Allow"):
        if name in response.headers:
            converted.headers[name] = response.headers[name]
    return converted


def register(app: Flask) -> None:
    @app.after_request
    def _fhir_errors(response: Response) -> Response:
        if (
            request.path.startswith("/fhir/")
            and response.status_code >= 400
            and response.mimetype != FHIR_JSON
        ):
            return _as_outcome(response)
        return response
