"""Shared Pydantic building blocks: camelCase models, UTC instants, clean text."""

from __future__ import annotations

import copy
import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
)
from pydantic.alias_generators import to_camel

_LINE_BREAKS_AND_TABS = {"\n", "\r", "\t"}


class ApiModel(BaseModel):
    """Base of every request and response body: camelCase on the wire, unknown keys ignored."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        from_attributes=True,
        extra="ignore",
    )

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Pydantic's JSON schema, built once per model for the default arguments.

        flask-openapi3 asks for the query model's schema on every request with a query string
        (to find list fields); building it costs ~0.5 ms, a copy of the cached one ~0.015 ms.
        A model's schema never changes once its class exists. Other arguments (the OpenAPI
        document's `ref_template`) go to pydantic unchanged.
        """
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        schema = _DEFAULT_SCHEMAS.get(cls)
        if schema is None:
            schema = _DEFAULT_SCHEMAS[cls] = super().model_json_schema()
        return copy.deepcopy(schema)


_DEFAULT_SCHEMAS: dict[type[ApiModel], dict[str, Any]] = {}


def _has_control_character(value: str, allowed: set[str]) -> bool:
    return any(
        unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} and ch not in allowed for ch in value
    )


def _single_line(value: str) -> str:
    if _has_control_character(value, set()):
        raise ValueError("must not contain control characters or line breaks")
    return value.strip()


def _multi_line(value: str) -> str:
    if _has_control_character(value, _LINE_BREAKS_AND_TABS):
        raise ValueError("must not contain control characters")
    return value


SingleLineText = Annotated[str, AfterValidator(_single_line)]
"""Text that may reach an email header or an ICS property: no control characters at all."""

MultiLineText = Annotated[str, AfterValidator(_multi_line)]
"""Free text (notes): line breaks and tabs allowed, other control characters and NUL not."""


_REFUSED_CATEGORIES = frozenset({"Cs", "Co", "Cn"})  # lone surrogates, private use, unassigned


def refused_code_point(value: str) -> bool:
    """True when `value` holds a lone UTF-16 surrogate, a private-use or an unassigned code
    point (noncharacters such as U+FFFE included): text no field of the API accepts."""
    if value.isascii():
        return False
    return any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in value)


EARLIEST_INSTANT = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(9000, 1, 1, tzinfo=UTC)


def _bounded_instant(value: datetime) -> datetime:
    try:
        in_utc = value.astimezone(UTC)
    except OverflowError:
        in_utc = None
    if in_utc is None or not EARLIEST_INSTANT <= in_utc < LATEST_INSTANT:
        raise ValueError("must be between 1900-01-01T00:00:00Z and 9000-01-01T00:00:00Z")
    return value


Instant = Annotated[AwareDatetime, AfterValidator(_bounded_instant)]
"""An instant in a request, with its offset, within years 1900–8999 in UTC (so date
arithmetic such as "4 hours before" never overflows)."""


def format_instant(value: datetime) -> str:
    """`2026-12-01T08:00:00Z`: UTC, second precision, `Z` suffix."""
    # isoformat is several times faster than strftime; slot lists format thousands of these,
    # already in UTC on whole seconds (then the conversion is skipped).
    if value.tzinfo is UTC and not value.microsecond:
        return value.isoformat()[:19] + "Z"
    return value.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


UtcInstant = Annotated[datetime, PlainSerializer(format_instant, return_type=str, when_used="json")]
"""An instant in a response: always UTC with `Z`."""

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
"""A database id in a path or body: positive and within PostgreSQL's integer range."""


class Page(ApiModel):
    """`limit` / `offset` of a list endpoint (total goes in X-Total-Count)."""

    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=2**31 - 1)
