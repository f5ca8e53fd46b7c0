"""Helpers shared by the schedules API tests."""

from __future__ import annotations

from typing import Any

from tests.helpers import ApiClient

DOCTOR_FIELDS = {
    "id",
    "fullName",
    "specialization",
    "specializationId",
    "timezone",
    "slotMinutes",
    "address",
    "languages",
    "bio",
    "nextAvailable",
}
"""The public doctor object's fields (GET /api/doctors, /api/doctors/:id): nothing else."""


def add(client: ApiClient, **body: Any) -> dict[str, Any]:
    """POST /api/schedule with `body`, which must answer 201; the entry."""
    response = client.post("/api/schedule", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    entry: dict[str, Any] = response.get_json()
    return entry
