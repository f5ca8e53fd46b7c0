"""Request and response bodies of `GET /api/patients/:id/timeline`."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints

from clinic360.core.schemas import ApiModel, UtcInstant
from clinic360.records.allergies import AllergyOut
from clinic360.records.documents_schemas import DocumentOut
from clinic360.records.medications import MedicationOut
from clinic360.records.problems import ProblemOut
from clinic360.records.schemas import PersonRef, RecordOut, RecordVersionOut
from clinic360.records.vitals import VitalOut

TimelineKind = Literal[
    "visit",
    "record",
    "record_amended",
    "vital",
    "document",
    "allergy",
    "problem",
    "medication",
    "intake",
]
TIMELINE_KINDS: tuple[str, ...] = get_args(TimelineKind)
"""In their tie-break order (same instant: a later kind first)."""

CURSOR_PATTERN = r"^-?[0-9]{1,18}\.[0-9]{1,2}\.[0-9]{1,10}\.[0-9]{1,10}$"


class TimelineQuery(ApiModel):
    """`before`: the `nextBefore` of the previous page (omitted: from the newest);
    `limit`: at most `TIMELINE_PAGE_SIZE` (the default; a larger one is capped)."""

    before: Annotated[str, StringConstraints(pattern=CURSOR_PATTERN)] | None = None
    limit: int | None = Field(default=None, ge=1, le=1000)


class TimelineVisit(ApiModel):
    id: int
    doctor: PersonRef
    start_time: UtcInstant
    end_time: UtcInstant
    status: str


class TimelineIntake(ApiModel):
    """An answered intake questionnaire: the appointment it is for (its page shows the answers
    and their earlier versions), the current answers' version, who wrote them when, and how
    many questions they answer."""

    response_id: int
    appointment_id: int
    doctor: PersonRef
    visit_start: UtcInstant
    version: int
    written_at: UtcInstant
    written_by: PersonRef
    answered: int


class TimelineItem(ApiModel):
    """One event; `kind` says which one of the fields besides `kind`, `at`, `key` and
    `changed` is set. `changed`: for an amendment (`record_amended`, a list entry's
    version > 1), the fields that differ from the version before."""

    kind: TimelineKind
    at: UtcInstant
    key: str
    """Stable and unique within the patient's timeline: `<kind>:<id>[:<version>]`."""
    changed: list[str] | None = None
    visit: TimelineVisit | None = None
    record: RecordOut | None = None
    amendment: RecordVersionOut | None = None
    vital: VitalOut | None = None
    document: DocumentOut | None = None
    allergy: AllergyOut | None = None
    problem: ProblemOut | None = None
    medication: MedicationOut | None = None
    intake: TimelineIntake | None = None


class TimelinePage(ApiModel):
    """Newest first; `nextBefore` is null on the last page."""

    items: list[TimelineItem]
    next_before: str | None
