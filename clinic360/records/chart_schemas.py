"""Request and response pieces every chart list shares (each list adds its own fields).

Coded fields (status, severity) are plain strings whose value set the OpenAPI document
names (`enum`); the service checks them and answers 422 `unknown_code` (docs/API.md), so a
client learns which field holds an unknown code. Dates are `YYYY-MM-DD` in 1900–8999.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    create_model,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from clinic360.core.schemas import ApiModel, Id, Page, SingleLineText, UtcInstant
from clinic360.records.schemas import AllergyWarning, PersonRef, Reason, Warnings, not_blank

__all__ = ["AllergyWarning", "Warnings"]


@dataclass(frozen=True)
class Codes:
    """Marks a string field as coded: the document lists `values` as its enum; the service
    checks them (422 `unknown_code`). `Annotated[str, Codes((...))]`."""

    values: tuple[str, ...]

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["enum"] = list(self.values)
        return schema


def _bounded_date(value: date) -> date:
    if not date(1900, 1, 1) <= value < date(9000, 1, 1):
        raise ValueError("must be between 1900-01-01 and 8999-12-31")
    return value


ChartDate = Annotated[date, AfterValidator(_bounded_date)]
_Line = Annotated[SingleLineText, StringConstraints(min_length=1), AfterValidator(not_blank)]
Line100 = Annotated[_Line, StringConstraints(max_length=100)]
Line200 = Annotated[_Line, StringConstraints(max_length=200)]
Line500 = Annotated[_Line, StringConstraints(max_length=500)]
"""One line of clinical text, 1–N characters, not blank."""


class PatientPath(ApiModel):
    """`:id` of `/api/patients/:id/<list>`: the patient."""

    id: Id


class ItemPath(ApiModel):
    id: Id
    item_id: Id = Field(alias="item_id")


class ChartQuery(Page):
    """`status` (optional): only the entries with this status."""

    status: Annotated[str, StringConstraints(max_length=40)] | None = None


class AmendBase(ApiModel):
    """Fields left out keep their value; `null` clears an optional one. `reason` is required;
    `baseVersion` (optional) gives 409 `version_conflict` if the entry moved on since."""

    reason: Reason
    base_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


def amend_schema(create: type[ApiModel], name: str) -> type[AmendBase]:
    """A list's amendment body, derived from its creation body: every field optional (left
    out: kept; `null`: cleared), with its constraints, plus `reason` and `baseVersion`."""
    fields: dict[str, Any] = {}
    for field_name, info in create.model_fields.items():
        annotation: Any = (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        )
        fields[field_name] = (annotation | None, None)
    model: type[AmendBase] = create_model(
        name, __base__=AmendBase, __module__=create.__module__, __doc__=AmendBase.__doc__, **fields
    )
    return model


class ChartItemOut(ApiModel):
    """What every chart entry answers besides its own fields: `createdAt`/`createdBy` are
    the first version's, `updatedAt`/`updatedBy`/`reason` those of this version."""

    id: int
    patient_id: int
    version: int
    created_at: UtcInstant
    created_by: PersonRef
    updated_at: UtcInstant
    updated_by: PersonRef
    reason: str | None
