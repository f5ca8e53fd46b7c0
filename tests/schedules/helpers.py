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


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """The problem+json body of `response`, asserting its status and code."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json()
    assert body["code"] == code
    return body
