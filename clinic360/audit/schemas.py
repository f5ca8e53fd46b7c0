"""Bodies of the access-log API."""

from __future__ import annotations

from pydantic import RootModel

from clinic360.core.schemas import ApiModel, UtcInstant


class Actor(ApiModel):
    id: int
    full_name: str
    role: str


class AccessEventOut(ApiModel):
    at: UtcInstant
    actor: Actor
    action: str
    record_id: int | None


class AccessEventList(RootModel[list[AccessEventOut]]):
    pass
