"""Helpers shared by the schedules API tests."""

from __future__ import annotations

from typing import Any

from tests.helpers import ApiClient


def add(client: ApiClient, **body: Any) -> dict[str, Any]:
    """POST /api/schedule with `body`, which must answer 201; the entry."""
    response = client.post("/api/schedule", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    entry: dict[str, Any] = response.get_json()
    return entry
