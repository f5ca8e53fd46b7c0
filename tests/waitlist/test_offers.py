"""Offers of freed slots: the worker's offer function, the emails, claims by link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask_openapi3 import OpenAPI

from clinic360.appointments.links import manage_token
from clinic360.core.db import transaction
from clinic360.notifications.sms import TextMessage, prepare_text
from clinic360.outbox.models import OutboxEmail
from tests.appointments.helpers import sql
from tests.factories import Party, at, booked, iso, new_party
from tests.helpers import ApiClient, problem, rendered_outbox_email
from tests.waitlist.helpers import claim_token, cycle, join, offer_emails

CANARY_REASON = "CANARY-waitlist-reason-7d2"


def _freed(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]], waiting: int
) -> tuple[dict[str, Any], list[Party[Any]]]:
    """`waiting` patients join the doctor's list, then a booked visit at 09:00 is cancelled."""
    holder = make_patient()
    appointment = booked(holder, doctor, at(9), reason=CANARY_REASON)
    patients = [make_patient(fullName=f"Waiting {n}") for n in range(waiting)]
    for patient in patients:
        join(patient, doctor)
    holder.client.call("PUT", f"/api/appointments/{appointment['id']}", {"status": "cancelled"})
    return appointment, patients


def test_a_cancellation_is_offered_to_the_first_patients_in_joining_order(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    _, patients = _freed(app, doctor, make_patient, 5)
    assert cycle(app) == 3  # WAITLIST_OFFERS_PER_SLOT
    emails = offer_emails(app)
    assert [recipient for _, recipient in emails] == [p.id for p in patients[:3]]
    assert cycle(app) == 0  # three offers open: no more
    email = rendered_outbox_email(app, emails[0][0])
    text = email["text/plain"]
    assert "Dr. Bob Jones" in text and "09:00" in text and "/claim/" in text
    assert CANARY_REASON not in str(email)
    params = sql(app, "SELECT params FROM email_outbox WHERE kind = 'waitlist_offer'")
    assert all("claim" not in str(row[0]) and "." not in str(row[0]).split("Z")[-1]
               for row in params)  # fmt: skip
    token = claim_token(app, emails[0][0])
    assert token not in str(params)


def test_expired_offers_go_to_the_next_patients(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    _, patients = _freed(app, doctor, make_patient, 5)
    cycle(app)
    first_token = claim_token(app, offer_emails(app)[0][0])
    later = datetime.now(UTC) + timedelta(minutes=31)  # WAITLIST_OFFER_MINUTES is 30
    assert cycle(app, later) == 2  # the two patients left
    assert [r for _, r in offer_emails(app)][3:] == [p.id for p in patients[3:]]
    problem(app.test_client().get(f"/api/claim/{first_token}"), 404, "not_found")
    problem(app.test_client().post(f"/api/claim/{first_token}"), 404, "not_found")


def test_the_first_claim_books_later_claimers_stay_on_the_list(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    _, patients = _freed(app, doctor, make_patient, 3)
    cycle(app)
    tokens = [claim_token(app, outbox_id) for outbox_id, _ in offer_emails(app)]
    anonymous = app.test_client()
    view = anonymous.get(f"/api/claim/{tokens[1]}").get_json()
    assert view["status"] == "open" and view["doctorName"] == "Dr. Bob Jones"
    assert view["startTime"] == iso(at(9))
    claimed = anonymous.post(f"/api/claim/{tokens[1]}")
    assert claimed.status_code == 200, claimed.get_data(as_text=True)
    appointment_id = claimed.get_json()["appointmentId"]
    mine = patients[1].client.call("GET", f"/api/appointments/{appointment_id}")
    assert mine["startTime"] == iso(at(9)) and mine["patientId"] == patients[1].id
    assert patients[1].client.call("GET", "/api/waitlist") == []  # fulfilled
    body = problem(anonymous.post(f"/api/claim/{tokens[0]}"), 409, "offer_taken")
    assert "quicker" in body["detail"]
    assert anonymous.get(f"/api/claim/{tokens[0]}").get_json()["status"] == "taken"
    assert len(patients[0].client.call("GET", "/api/waitlist")) == 1  # still waiting
    again = anonymous.post(f"/api/claim/{tokens[1]}").get_json()
    assert again["status"] == "claimed" and again["appointmentId"] == appointment_id
    assert cycle(app) == 0  # the slot is filled
    statuses = sql(app, "SELECT status FROM waitlist_offers ORDER BY id")
    assert [row[0] for row in statuses] == ["taken", "claimed", "taken"]


def test_a_claim_after_the_time_was_booked_otherwise_is_refused(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    _, patients = _freed(app, doctor, make_patient, 1)
    cycle(app)
    ((outbox_id, _),) = offer_emails(app)
    token = claim_token(app, outbox_id)
    mover = make_patient()
    visit = booked(mover, doctor, at(11))
    moved = {"startTime": iso(at(9)), "endTime": iso(at(9, 30))}
    mover.client.call("PUT", f"/api/appointments/{visit['id']}", moved)  # into the freed slot
    problem(app.test_client().post(f"/api/claim/{token}"), 409, "offer_taken")
    assert len(patients[0].client.call("GET", "/api/waitlist")) == 1
    # The move freed 11:00: the next cycle offers it to the waiting patient.
    assert cycle(app) == 1
    rows = sql(app, "SELECT cause, status FROM waitlist_slots WHERE cause <> 'hours' ORDER BY id")
    assert [tuple(row) for row in rows] == [("cancelled", "closed"), ("rescheduled", "open")]


def test_parts_of_the_day_and_dates_decide_who_is_offered(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    evening, later_dates, morning = make_patient(), make_patient(), make_patient()
    join(evening, doctor, parts=["evening"])
    join(later_dates, doctor, dateFrom=at(0, offset=8).date().isoformat(),
         dateTo=at(0, offset=9).date().isoformat())  # fmt: skip
    join(morning, doctor, parts=["morning"])
    holder = make_patient()
    visit = booked(holder, doctor, at(9))
    holder.client.call("PUT", f"/api/appointments/{visit['id']}", {"status": "cancelled"})
    assert cycle(app) == 1
    assert [r for _, r in offer_emails(app)] == [morning.id]


def test_booking_elsewhere_or_leaving_ends_the_need(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    _, (booker, leaver) = _freed(app, doctor, make_patient, 2)
    cycle(app)
    tokens = {r: claim_token(app, o) for o, r in offer_emails(app)}
    booked(booker, doctor, at(15))  # any booking with this doctor
    assert booker.client.call("GET", "/api/waitlist") == []
    (entry,) = leaver.client.call("GET", "/api/waitlist")
    leaver.client.call("DELETE", f"/api/waitlist/{entry['id']}", status=204)
    problem(app.test_client().post(f"/api/claim/{tokens[leaver.id]}"), 404, "not_found")


def test_unknown_altered_and_foreign_tokens_are_the_same_404(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    _, _ = _freed(app, doctor, make_patient, 1)
    cycle(app)
    token = claim_token(app, offer_emails(app)[0][0])
    offer_id, mac = token.split(".")
    altered = f"{offer_id}.{'A' if mac[0] != 'A' else 'B'}{mac[1:]}"
    for bad in (altered, f"{int(offer_id) + 1}.{mac}", "nonsense", "1." + "x" * 43):
        problem(app.test_client().post(f"/api/claim/{bad}"), 404, "not_found")
    app.config["WAITLIST_CLAIMS_PER_ADDRESS_HOUR"] = 1
    problem(app.test_client().get(f"/api/claim/{token}"), 429, "rate_limited")


def test_new_opening_hours_are_offered_to_the_waiting_list(
    app: OpenAPI, new_client: Callable[[], ApiClient], make_patient: Callable[..., Party[Any]]
) -> None:
    doctor = new_party(new_client(), "doctor")  # no opening hours yet
    evening = make_patient()
    join(evening, doctor, parts=["evening"])
    assert cycle(app) == 0
    extra = {"date": at(0).date().isoformat(), "startTime": "19:00", "endTime": "20:00"}
    doctor.client.call("POST", "/api/schedule", extra, status=201)
    assert cycle(app) == 1
    ((outbox_id, recipient),) = offer_emails(app)
    assert recipient == evening.id
    state = app.test_client().get(f"/api/claim/{claim_token(app, outbox_id)}").get_json()
    assert state["startTime"] == iso(at(19))
    rows = sql(app, "SELECT cause, status FROM waitlist_slots ORDER BY id")
    assert [tuple(row) for row in rows] == [("hours", "closed"), ("opened", "open")]


def test_a_patient_who_opted_in_to_texts_also_gets_the_offer_by_sms(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    _, [patient] = _freed(app, doctor, make_patient, 1)
    patient.client.call(
        "PUT", "/api/user", {"mobilePhone": "+49 151 23456789", "smsReminders": True}
    )
    assert cycle(app) == 1
    [(sms_id, recipient)] = sql(
        app, "SELECT id, recipient_id FROM email_outbox WHERE channel = 'sms'"
    )
    assert recipient == patient.id
    with app.app_context(), transaction(write=False) as session:
        row = session.get(OutboxEmail, sms_id)
        assert row is not None
        message = prepare_text(session, row, datetime.now(UTC))
    assert isinstance(message, TextMessage)
    assert message.to == "+4915123456789"
    assert "/claim/" in message.text and "09:00" in message.text
    for secret in (CANARY_REASON, "Bob Jones", doctor.user["fullName"]):
        assert secret not in message.text
    [(email_id, _)] = offer_emails(app)
    assert claim_token(app, email_id) in message.text  # the same offer, the same link


def test_a_cancellation_from_the_email_link_is_offered_and_claimed_by_link(
    app: OpenAPI, doctor: Party[Any], make_patient: Callable[..., Party[Any]]
) -> None:
    """Issue #18's "done means": the patient cancels from the email link without signing in;
    the next worker cycle offers the time; the waiting patient claims it by their link."""
    holder = make_patient()
    appointment = booked(holder, doctor, at(9))
    waiting = make_patient(fullName="Waiting by link")
    join(waiting, doctor)
    with app.app_context():
        token = manage_token(appointment["id"], 0)  # a new booking: version 0
    cancelled = app.test_client().post(f"/api/manage/{token}/cancel", json={"reason": "Away"})
    assert cancelled.status_code == 200, cancelled.get_data(as_text=True)

    assert cycle(app) == 1
    [(email_id, recipient)] = offer_emails(app)
    assert recipient == waiting.id
    claim = app.test_client().post(f"/api/claim/{claim_token(app, email_id)}")
    assert claim.status_code == 200, claim.get_data(as_text=True)
    mine = waiting.client.call("GET", "/api/appointments")
    assert [(a["startTime"], a["status"]) for a in mine] == [(iso(at(9)), "scheduled")]
