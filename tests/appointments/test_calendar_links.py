"""Calendar subscription links: /api/calendar-feed and GET /api/calendar/<token>.ics."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlsplit

from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from tests.appointments.helpers import calendar_of, feed_mix, sql
from tests.factories import DEFAULT_PASSWORD, Party, at, booked
from tests.helpers import ApiClient, captured_logs

NEW_PASSWORD = "a different long passphrase"


def create_link(party: Party) -> str:
    """A new subscription link of `party`; returns its path (the test client has no host)."""
    response = party.client.post("/api/calendar-feed")
    assert response.status_code == 201, response.get_data(as_text=True)
    url: str = response.get_json()["url"]
    assert url.startswith("http://127.0.0.1:5000/api/calendar/") and url.endswith(".ics")
    return urlsplit(url).path


def fetch(app: OpenAPI, path: str) -> TestResponse:
    """GET as a calendar app would: no cookie, no CSRF token."""
    return app.test_client().get(path)


def token_of(path: str) -> str:
    return path.removeprefix("/api/calendar/").removesuffix(".ics")


def test_link_serves_the_owners_feed_without_a_session(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    mine = feed_mix(app, patient, other_patient, doctor)
    path = create_link(patient)

    response = fetch(app, path)
    calendar = calendar_of(response)
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in response.headers
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids == [f"appointment-{mine['id']}@127.0.0.1"]
    # Exactly what the logged-in owner gets from the session feed.
    assert response.get_data() == patient.client.get("/api/appointments.ics").get_data()
    assert patient.client.get("/api/calendar-feed").get_json()["active"] is True


def test_a_doctors_link_holds_the_doctors_appointments(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    booked(patient, doctor, at(9))
    booked(other_patient, doctor, at(10))
    calendar = calendar_of(fetch(app, create_link(doctor)))
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == ["Appointment with Alice Smith", "Appointment with Carol White"]


def test_rotation_and_revocation_end_the_old_link(app: OpenAPI, patient: Party) -> None:
    first = create_link(patient)
    second = create_link(patient)
    assert first != second
    gone = fetch(app, first)
    assert gone.status_code == 404 and gone.mimetype == "application/problem+json"
    assert fetch(app, second).status_code == 200

    assert patient.client.delete("/api/calendar-feed").status_code == 204
    revoked = fetch(app, second)
    unknown = fetch(app, "/api/calendar/no-such-token.ics")
    assert revoked.status_code == unknown.status_code == 404
    assert revoked.get_json() == unknown.get_json()
    assert revoked.get_json()["code"] == "not_found"
    assert patient.client.get("/api/calendar-feed").get_json() == {
        "active": False,
        "createdAt": None,
    }
    assert patient.client.delete("/api/calendar-feed").status_code == 204  # none left: fine


def test_only_a_hash_of_the_token_is_stored(app: OpenAPI, patient: Party) -> None:
    token = token_of(create_link(patient))
    rows = sql(app, "SELECT user_id, token_hash, session_epoch, created_at FROM calendar_feeds")
    assert len(rows) == 1
    assert rows[0][0] == patient.id
    assert rows[0][1] == hashlib.sha256(token.encode()).hexdigest()
    assert not any(token in str(value) for value in rows[0])


def test_password_change_revokes_the_link(app: OpenAPI, patient: Party) -> None:
    path = create_link(patient)
    body = {"currentPassword": DEFAULT_PASSWORD, "newPassword": NEW_PASSWORD}
    assert patient.client.post("/api/user/password", json=body).status_code == 204
    assert fetch(app, path).status_code == 404
    assert patient.client.get("/api/calendar-feed").get_json()["active"] is False
    assert fetch(app, create_link(patient)).status_code == 200  # a new one works


def test_suspended_users_link_is_404(app: OpenAPI, doctor: Party) -> None:
    path = create_link(doctor)
    # Suspension also ends the session epoch; this checks the suspension on its own.
    sql(app, "UPDATE users SET suspended_at = created_at WHERE id = :i", i=doctor.id)
    response = fetch(app, path)
    assert response.status_code == 404
    assert response.get_json() == fetch(app, "/api/calendar/unknown.ics").get_json()


def test_managing_the_link_needs_a_session_and_csrf(app: OpenAPI, patient: Party) -> None:
    anonymous = ApiClient(app)
    assert anonymous.post("/api/calendar-feed").status_code == 401
    assert anonymous.delete("/api/calendar-feed").status_code == 401
    no_csrf = patient.client.http.post("/api/calendar-feed")
    assert no_csrf.status_code == 403 and no_csrf.get_json()["code"] == "csrf_failed"
    assert patient.client.get("/api/calendar-feed").get_json()["active"] is False


def test_link_requests_are_rate_limited_per_address(app: OpenAPI, patient: Party) -> None:
    app.config["CALENDAR_FEED_REQUESTS_PER_ADDRESS_HOUR"] = 2
    path = create_link(patient)
    assert fetch(app, path).status_code == 200
    assert fetch(app, "/api/calendar/guess.ics").status_code == 404
    limited = fetch(app, path)
    assert limited.status_code == 429 and limited.get_json()["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0


def test_the_token_never_reaches_the_logs(app: OpenAPI, patient: Party) -> None:
    with captured_logs() as log_lines:
        first = create_link(patient)
        second = create_link(patient)
        for path in (first, second, first):
            fetch(app, path)
        patient.client.delete("/api/calendar-feed")
        fetch(app, second)
    text = "\n".join(log_lines)
    assert token_of(first) not in text and token_of(second) not in text
    paths = [json.loads(line).get("path") for line in log_lines]
    assert paths.count("/api/calendar/<token>.ics") == 4
