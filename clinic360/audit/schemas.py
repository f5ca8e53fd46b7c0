"""Bodies of the access-log API."""

from __future__ import annotations

from pydantic import Field, RootModel

from clinic360.core.schemas import ApiModel, UtcInstant


class Actor(ApiModel):
    id: int
    full_name: str
    role: str


class AccessEventOut(ApiModel):
    at: UtcInstant
    actor: Actor
    on_behalf_of: str | None = Field(
        default=None,
        description="When a guardian or proxy (`actor`) acted for the patient through family "
        'access: the patient\'s name ("X on behalf of Y"); else null.',
    )
    app: str | None = Field(
        default=None,
        description="The SMART app (its registered name) through which the access happened "
        "(`/fhir/R4`, a bearer token); null for the web app.",
    )
    action: str = Field(description="Machine name, e.g. `record.amend` (more may be added).")
    record_id: int | None
    description: str = Field(
        description="What was read or written, in words: `Record of 3 Nov 2026 — amended` "
        "(the record's day in the patient's zone; never clinical text)."
    )


class AccessEventList(RootModel[list[AccessEventOut]]):
    pass


class ActionCount(ApiModel):
    action: str
    count: int


class AccessGroupOut(ApiModel):
    """One person's consecutive accesses, each within ACCESS_LOG_GROUP_MINUTES of the last."""

    actor: Actor
    on_behalf_of: str | None = Field(
        default=None, description="As on the events: the actor acted through family access."
    )
    app: str | None = Field(
        default=None,
        description="As on the events: the accesses went through this SMART app (a group "
        "never mixes apps, nor an app with the web app).",
    )
    first_at: UtcInstant
    last_at: UtcInstant
    count: int = Field(description="Events in the group (all of them, also beyond `events`).")
    summary: str = Field(
        description="The group's actions after the person's name, oldest first: "
        "`viewed your medical records 3 times and wrote a record`."
    )
    actions: list[ActionCount] = Field(description="Each distinct action, oldest first.")
    events: list[AccessEventOut] = Field(
        description="The newest events of the group (at most ACCESS_LOG_GROUP_EVENTS), "
        "newest first."
    )


class AccessGroupList(RootModel[list[AccessGroupOut]]):
    pass


class TrailEventOut(ApiModel):
    """One row of the clinic's audit trail: who touched whose data, when, how (no content)."""

    id: int
    at: UtcInstant
    actor: Actor
    patient_id: int
    action: str = Field(description="Machine name, e.g. `appointment.check_in`.")
    record_id: int | None = Field(
        description="The record, entry, document or appointment the action names, if any."
    )


class TrailEventList(RootModel[list[TrailEventOut]]):
    pass
