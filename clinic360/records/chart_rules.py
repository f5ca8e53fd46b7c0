"""The checks every chart list shares, on the values an entry is about to be stored with:
known codes, required fields, dates not in the future, ends not before starts. Each raises a
422 with a stable code and the field named (camelCase), never echoing the value (it may be
clinical text)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from clinic360.core.errors import ValidationFailed
from clinic360.records.errors import InFuture, StopBeforeStart, UnknownCode

if TYPE_CHECKING:
    from clinic360.records.chart import ChartList

LATEST_ZONE_OFFSET = timedelta(hours=14)


def latest_date(now: datetime) -> date:
    """The latest date that is today somewhere on earth (UTC+14): a date after it is in
    the future wherever the patient and the doctor are."""
    return (now + LATEST_ZONE_OFFSET).date()


def ensure_not_after(field_name: str, value: date | datetime | None, latest: Any) -> None:
    """InFuture (422) when `value` lies after `latest`."""
    if value is not None and value > latest:
        raise InFuture({camel(field_name): "must not be in the future"})


def ensure_ordered(start: tuple[str, date | None], end: tuple[str, date | None]) -> None:
    """StopBeforeStart (422, naming the end's field) when the end lies before the start."""
    (_, first), (end_field, last) = start, end
    if first is not None and last is not None and last < first:
        raise StopBeforeStart({camel(end_field): f"must not be before {camel(start[0])}"})


def validate(chart: ChartList, values: dict[str, Any], now: datetime) -> None:
    ensure_code("status", values["status"], chart.statuses)
    for name, allowed in chart.codes.items():
        if values.get(name) is not None:
            ensure_code(name, values[name], allowed)
    empty = {camel(name): "must not be empty" for name in chart.required if values[name] is None}
    if empty:
        raise ValidationFailed(empty)
    chart.check(values, now)


def ensure_code(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:  # the value itself is not echoed: it may be clinical text
        raise UnknownCode({camel(name): f"must be one of {', '.join(allowed)}"})


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
