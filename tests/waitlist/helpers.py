"""Shared steps of the waitlist tests: joining, the offer cycle, the offer emails."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import time_machine
from flask_openapi3 import OpenAPI

from clinic360.waitlist.offers import run_offer_cycle
from tests.appointments.helpers import sql
from tests.factories import Party, day
from tests.helpers import rendered_outbox_email

CLAIM = re.compile(r"http://127\.0\.0\.1:5000/claim/([0-9]+\.[A-Za-z0-9_-]{43})")


def join(patient: Party[Any], doctor: Party[Any], **fields: Any) -> dict[str, Any]:
    """The patient joins the doctor's waiting list for the week around day 7 (all day)."""
    body = {
        "doctorId": doctor.id,
        "dateFrom": (day(5)).date().isoformat(),
        "dateTo": (day(9)).date().isoformat(),
        "parts": ["morning", "afternoon", "evening"],
        **fields,
    }
    entry: dict[str, Any] = patient.client.call("POST", "/api/waitlist", body, status=201)
    return entry


def cycle(app: OpenAPI, when: datetime | None = None) -> int:
    """One run of the worker's offer function (at `when`, default now)."""
    with app.app_context():
        if when is None:
            return run_offer_cycle()
        with time_machine.travel(when, tick=False):
            return run_offer_cycle()


def offer_emails(app: OpenAPI) -> list[tuple[int, int]]:
    """(outbox id, recipient id) of each waitlist offer email, oldest first."""
    rows = sql(
        app,
        "SELECT id, recipient_id FROM email_outbox WHERE kind = 'waitlist_offer'"
        " AND channel = 'email' ORDER BY id",
    )
    return [(row[0], row[1]) for row in rows]


def claim_token(app: OpenAPI, outbox_id: int) -> str:
    email = rendered_outbox_email(app, outbox_id)
    (token,) = set(CLAIM.findall(email["text/plain"])) | set(CLAIM.findall(email["text/html"]))
    return token


def iso_date(value: date) -> str:
    return value.isoformat()
