"""Allergies and intolerances: substance, reaction, severity, status, onset date; and the
allergy warning a medication or prescription gets when it names an active allergy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated

from sqlalchemy.orm import Session

from clinic360.core.schemas import ApiModel
from clinic360.records.chart import (
    ChartList,
    Values,
    current_entries,
)
from clinic360.records.chart_models import (
    ALLERGY_STATUSES,
    SEVERITIES,
    AllergyVersion,
    ChartKind,
)
from clinic360.records.chart_rules import ensure_not_after, latest_date
from clinic360.records.chart_schemas import (
    AllergyWarning,
    ChartDate,
    ChartItemOut,
    Codes,
    Line200,
    Line500,
    Warnings,
    amend_schema,
)

Status = Annotated[str, Codes(ALLERGY_STATUSES)]
Severity = Annotated[str, Codes(SEVERITIES)]


class AllergyCreate(ApiModel):
    substance: Line200
    reaction: Line500 | None = None
    severity: Severity | None = None
    status: Status = "active"
    onset_date: ChartDate | None = None


AllergyAmend = amend_schema(AllergyCreate, "AllergyAmend")


class AllergyOut(ChartItemOut):
    substance: str
    reaction: str | None
    severity: Severity | None
    status: Status
    onset_date: date | None


class AllergyWritten(AllergyOut, Warnings):
    pass


def _check(values: Values, now: datetime) -> None:
    ensure_not_after("onset_date", values["onset_date"], latest_date(now))


ALLERGIES = ChartList(
    kind=ChartKind.ALLERGY,
    path="allergies",
    model=AllergyVersion,
    fields=("substance", "reaction", "severity", "onset_date"),
    required=("substance",),
    statuses=ALLERGY_STATUSES,
    default_status="active",
    create_schema=AllergyCreate,
    amend_schema=AllergyAmend,
    out_schema=AllergyOut,
    written_schema=AllergyWritten,
    codes={"severity": SEVERITIES},
    check=_check,
)


def allergy_warnings(
    session: Session, patient_id: int, texts: Iterable[str | None]
) -> list[AllergyWarning]:
    """One `allergy_match` per active allergy whose substance one of `texts` names: the
    substance as a whole word (or words), ignoring case. Warns; never blocks."""
    words = [t.casefold() for t in texts if t]
    if not words:
        return []
    substances = session.scalars(
        current_entries(ALLERGIES, patient_id, ["active"]).with_only_columns(
            AllergyVersion.substance
        )
    ).all()
    found: dict[str, str] = {}
    for substance in substances:
        pattern = re.compile(rf"(?<!\w){re.escape(substance.casefold())}(?!\w)")
        if any(pattern.search(t) for t in words):
            found.setdefault(substance.casefold(), substance)
    return [AllergyWarning(code="allergy_match", substance=s) for s in sorted(found.values())]
