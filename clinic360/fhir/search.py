"""Search parameters and searchset Bundles: `_count` (capped by FHIR_MAX_COUNT), offset
paging with absolute `self` and `next` links, reference parameters as `Type/12` or `12`,
date prefixes (ge, gt, le, lt). Malformed values: 400 (OperationOutcome).

The parameters a search knows are the ones the CapabilityStatement declares for its type
(`capability.SEARCH_PARAMS`) plus paging. Others are ignored and left out of the Bundle's
links (FHIR's lenient handling), unless the request says `Prefer: handling=strict`: then 400
`not-supported` naming them (`page`, which every search calls first)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

import pydantic_core
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource
from flask import current_app, request

from clinic360.core.errors import DomainError
from clinic360.fhir.capability import COMMON_PARAMS, SEARCH_PARAMS

MAX_OFFSET = 100_000
PAGING = ("_count", "_offset")
SHOWN_UNKNOWN = 5
"""At most this many unknown parameter names (each cut to 64 characters) in a refusal."""


class BadSearch(DomainError):
    status = 400
    code = "bad_search_parameter"


class UnknownSearchParameter(DomainError):
    """A parameter the search does not know, under `Prefer: handling=strict` (400; issue
    type `not-supported` in the OperationOutcome)."""

    status = 400
    code = "unknown_search_parameter"


@dataclass(frozen=True)
class Page:
    count: int
    offset: int


def origin() -> str:
    """scheme://host of this request (behind a proxy: TRUSTED_PROXY_COUNT)."""
    return request.host_url.rstrip("/")


def known_parameters(resource_type: str) -> frozenset[str]:
    """What a search of `resource_type` understands: the CapabilityStatement's parameters
    for it and the common ones (paging). A modifier (`name:exact`) is not understood."""
    return frozenset(name for name, _, _ in (*SEARCH_PARAMS[resource_type], *COMMON_PARAMS))


def strict_handling() -> bool:
    """Whether the request prefers `handling=strict` (RFC 7240 `Prefer`, any of its headers
    and comma-separated preferences; the last `handling` wins)."""
    strict = False
    for header in request.headers.getlist("Prefer"):
        for preference in header.split(","):
            name, _, value = preference.split(";", 1)[0].partition("=")
            if name.strip().lower() == "handling":
                strict = value.strip().strip('"').lower() == "strict"
    return strict


def page(resource_type: str) -> Page:
    """The page a search of `resource_type` asks for, after its parameters were checked:
    unknown ones are ignored, or refused under `Prefer: handling=strict`. Every search calls
    this first (after the bearer check)."""
    known = known_parameters(resource_type)
    unknown = sorted({name for name in request.args if name not in known})
    if unknown and strict_handling():
        shown = ", ".join(name[:64] for name in unknown[:SHOWN_UNKNOWN])
        more = f" and {len(unknown) - SHOWN_UNKNOWN} more" if len(unknown) > SHOWN_UNKNOWN else ""
        raise UnknownSearchParameter(
            f"Unknown search parameter for {resource_type}: {shown}{more} "
            "(Prefer: handling=strict; without it unknown parameters are ignored)."
        )
    count = _int("_count", current_app.config["FHIR_DEFAULT_COUNT"], 0)
    offset = _int("_offset", 0, 0)
    if offset > MAX_OFFSET:
        raise BadSearch(f"_offset may be at most {MAX_OFFSET}")
    return Page(min(count, current_app.config["FHIR_MAX_COUNT"]), offset)


def _int(name: str, default: int, minimum: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < minimum:
        raise BadSearch(f"{name} must be a whole number of at least {minimum}")
    return int(raw)


def reference_id(name: str, resource_type: str) -> int | None:
    """`Type/12` or `12` → 12; absent → None; anything else → BadSearch."""
    raw = request.args.get(name)
    if raw is None:
        return None
    value = raw.removeprefix(f"{resource_type}/")
    if not value.isascii() or not value.isdigit() or not 0 < len(value) < 10 or int(value) < 1:
        raise BadSearch(f"{name} must be {resource_type}/<id>")
    return int(value)


@dataclass(frozen=True)
class Bounds:
    lower: datetime | None
    upper: datetime | None  # exclusive

    def holds(self, instant: datetime) -> bool:
        return (self.lower is None or instant >= self.lower) and (
            self.upper is None or instant < self.upper
        )


def _parse_when(raw: str) -> tuple[datetime, datetime]:
    """A FHIR date or dateTime → the instant range it names [start, end)."""
    try:
        if raw[:4] in ("0001", "9999"):  # one step either way leaves datetime's range
            raise ValueError(raw)
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            start = datetime.combine(day, time(), UTC)
            return start, start + timedelta(days=1)
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadSearch("start must be a FHIR date or dateTime with a zone") from None
    if value.tzinfo is None:
        raise BadSearch("start must be a FHIR date or dateTime with a zone")
    return value, value + timedelta(seconds=1)


def date_bounds(name: str) -> Bounds:
    """The `ge`/`gt`/`le`/`lt` (and plain, meaning the day or instant) values of `name`."""
    lower: datetime | None = None
    upper: datetime | None = None
    for raw in request.args.getlist(name):
        prefix, value = (raw[:2], raw[2:]) if raw[:2] in ("ge", "gt", "le", "lt", "eq") else (
            "eq", raw)  # fmt: skip
        start, end = _parse_when(value)
        low, high = {
            "ge": (start, None), "gt": (end, None), "le": (None, end), "lt": (None, start),
            "eq": (start, end),
        }[prefix]  # fmt: skip
        if low is not None:
            lower = low if lower is None else max(lower, low)
        if high is not None:
            upper = high if upper is None else min(upper, high)
    return Bounds(lower, upper)


def _links(base: str, resource_type: str, total: int, current: Page) -> list[dict[str, str]]:
    """The page's absolute `self` and (when more follow) `next` links, with only the
    parameters the search used: unknown ones are left out."""
    used = known_parameters(resource_type).difference(PAGING)
    params: list[tuple[str, Any]] = [
        (key, value) for key, value in request.args.items(multi=True) if key in used
    ]

    def link(offset: int) -> str:
        return f"{base}?{urlencode([*params, ('_count', current.count), ('_offset', offset)])}"

    links = [{"relation": "self", "url": link(current.offset)}]
    if current.count and current.offset + current.count < total:
        links.append({"relation": "next", "url": link(current.offset + current.count)})
    return links


def searchset(
    resource_type: str, resources: Sequence[Resource], total: int, current: Page
) -> Bundle:
    """One page of results: total, links (`_links`), fullUrls."""
    base = f"{origin()}/fhir/R4/{resource_type}"
    return Bundle(
        type="searchset",
        total=total,
        link=_links(base, resource_type, total, current),
        entry=[
            {"fullUrl": f"{base}/{r.id}", "resource": r, "search": {"mode": "match"}}
            for r in resources
        ],
    )


def searchset_json(
    resource_type: str, resources: Sequence[dict[str, Any]], total: int, current: Page
) -> bytes:
    """`searchset`'s Bundle, encoded, from resources already in their JSON form: for the
    searches on the booking path (Slot), where building and validating `fhir.resources`
    models cost eight times the search itself (docs/DESIGN.md, "FHIR"). Encoded in one
    pydantic-core call, as `core.http.json_rows_response`: datetimes must be UTC on whole
    seconds. The tests validate these Bundles with `fhir.resources.R4B`, as every other
    answer."""
    base = f"{origin()}/fhir/R4/{resource_type}"
    bundle = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": _links(base, resource_type, total, current),
        "entry": [
            {"fullUrl": f"{base}/{r['id']}", "resource": r, "search": {"mode": "match"}}
            for r in resources
        ],
    }
    return pydantic_core.to_json(bundle)
