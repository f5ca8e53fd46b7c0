"""Request and response bodies of the clinic closures API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, RootModel, StringConstraints

from clinic360.core.schemas import ApiModel, Id, SingleLineText, UtcInstant
from clinic360.schedules.models import MAX_CLOSURE_NAME_LENGTH
from clinic360.schedules.schemas import CalendarDate

ClosureName = Annotated[
    SingleLineText,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLOSURE_NAME_LENGTH),
]
Year = Annotated[int, Field(ge=2000, le=2199)]


class ClosureQuery(ApiModel):
    year: Year | None = Field(default=None, description="Only the closures of this year.")


class ClosureBody(ApiModel):
    date: CalendarDate
    name: ClosureName


class ClosurePath(ApiModel):
    closure_id: Id = Field(alias="closure_id")


class ClosureImportBody(ApiModel):
    """Public holidays of a country (ISO 3166-1 alpha-2, e.g. `FR`) and optionally one of
    its regions (the `holidays` package's subdivision code, e.g. `BL`), for one year."""

    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}$", to_upper=True)]
    region: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,10}$", to_upper=True)] | None
    ) = None
    year: Year


class ClosureOut(ApiModel):
    id: int
    date: dt.date
    name: str
    source: str = Field(description="`manual` (added by an admin) or `imported` (a holiday).")


class ClosureAdminOut(ClosureOut):
    created_by: int | None = Field(description="The admin who added it (null: the CLI).")
    created_at: UtcInstant


class ClosureImportOut(ApiModel):
    added: list[ClosureAdminOut]
    already_closed: int = Field(description="Holidays of that year already closed (kept).")


class ClosureList(RootModel[list[ClosureOut]]):
    pass


class ClosureAdminList(RootModel[list[ClosureAdminOut]]):
    pass
