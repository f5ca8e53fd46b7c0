"""The problem list: condition, onset, status (active, resolved), resolved date."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from clinic360.core.schemas import ApiModel
from clinic360.records.chart import (
    ChartList,
    Values,
)
from clinic360.records.chart_models import PROBLEM_STATUSES, ChartKind, ProblemVersion
from clinic360.records.chart_rules import ensure_not_after, ensure_ordered, latest_date
from clinic360.records.chart_schemas import (
    ChartDate,
    ChartItemOut,
    Codes,
    Line500,
    Warnings,
    amend_schema,
)

Status = Annotated[str, Codes(PROBLEM_STATUSES)]


class ProblemCreate(ApiModel):
    condition: Line500
    onset_date: ChartDate | None = None
    status: Status = "active"
    resolved_date: ChartDate | None = None


ProblemAmend = amend_schema(ProblemCreate, "ProblemAmend")


class ProblemOut(ChartItemOut):
    condition: str
    onset_date: date | None
    status: Status
    resolved_date: date | None


class ProblemWritten(ProblemOut, Warnings):
    pass


def _check(values: Values, now: datetime) -> None:
    today = latest_date(now)
    ensure_not_after("onset_date", values["onset_date"], today)
    ensure_not_after("resolved_date", values["resolved_date"], today)
    ensure_ordered(("onset_date", values["onset_date"]), ("resolved_date", values["resolved_date"]))


PROBLEMS = ChartList(
    kind=ChartKind.PROBLEM,
    path="problems",
    model=ProblemVersion,
    fields=("condition", "onset_date", "resolved_date"),
    required=("condition",),
    statuses=PROBLEM_STATUSES,
    default_status="active",
    create_schema=ProblemCreate,
    amend_schema=ProblemAmend,
    out_schema=ProblemOut,
    written_schema=ProblemWritten,
    check=_check,
)
