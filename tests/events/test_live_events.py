"""Live events (issue 21 "Live"): emitted with the change, heard by the right screens only,
replayed after a reconnect, and held by an asyncio server that keeps hundreds of streams.

The live-events server runs in a thread of this process on the test app's database (both
databases); the real process (`python -m clinic360.live_events`) runs in tests/e2e, started
by tests/live.py the way `make run` starts it.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.clock import utcnow
from clinic360.core.db import db, transaction
from clinic360.core.events import LiveEvent, emit, prune
from clinic360.live import tickets
from clinic360.live.server import HUB, Hub, build
from tests.conftest import _truncate_all, make_app
from tests.factories import Party, admin_party, book_free_slot, new_party, open_doctor
from tests.helpers import ApiClient
from tests.live import free_port

DELIVERY_SECONDS = 2.0  # the issue's bound: every open calendar shows a change within 2 s
REDIS_TEST_URL = "redis://127.0.0.1:6379/13"


@dataclass
class EventsServer:
    url: str
    loop: asyncio.AbstractEventLoop
    hub: Hub

    def run(self, coroutine: Any, timeout: float = 60) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)


@contextmanager
def serving(app: OpenAPI) -> Iterator[EventsServer]:
    """The live-events server for `app`, on a free port, in a thread with its own loop."""
    loop = asyncio.new_event_loop()
    port = free_port()
    application = build(app)
    runner = web.AppRunner(application)
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(30)
    try:
        yield EventsServer(f"http://127.0.0.1:{port}/events", loop, application[HUB])
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


@pytest.fixture
def events_server(app: OpenAPI) -> Iterator[EventsServer]:
    app.config.update(EVENTS_POLL_MS=200, EVENTS_HEARTBEAT_SECONDS=1)
    with serving(app) as server:
        yield server


def ticket_url(party: Party[ApiClient], events: EventsServer) -> str:
    """The stream URL the web app would open for `party`, pointed at the test server."""
    answer = party.client.call("GET", "/api/live/ticket")
    return f"{events.url}?{answer['url'].split('?', 1)[1]}"


async def read_events(
    url: str, wanted: int, seconds: float, **headers: str
) -> list[dict[str, Any]]:
    """The first `wanted` SSE events (`event`, `id`, `data`) within `seconds`; comments and
    the `retry` line skipped."""
    found: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    async with aiohttp.ClientSession() as http, http.get(url, headers=headers) as response:
        assert response.status == 200, await response.text()
        assert response.headers["Content-Type"].startswith("text/event-stream")
        try:
            async with asyncio.timeout(seconds):
                async for raw in response.content:
                    line = raw.decode().rstrip("\n")
                    if not line:
                        if "event" in current:
                            found.append(current)
                            if len(found) == wanted:
                                break
                        current = {}
                    elif line.startswith(("id: ", "event: ", "data: ")):
                        key, _, value = line.partition(": ")
                        current[key] = json.loads(value) if key == "data" else value
        except TimeoutError:
            pass
    return found


def collect(events: EventsServer, url: str, wanted: int, seconds: float, **headers: str) -> Any:
    """Start reading in the server's loop; `.result()` gives the events."""
    return asyncio.run_coroutine_threadsafe(
        read_events(url, wanted, seconds, **headers), events.loop
    )


def test_events_commit_with_the_change_or_not_at_all(app: OpenAPI) -> None:
    with app.app_context():

        class Refused(Exception):
            pass

        def refused_change() -> None:
            with transaction() as session:
                emit(session, ["doctor:1"], "appointment", {"appointmentId": 1})
                raise Refused

        with pytest.raises(Refused):
            refused_change()
        with transaction() as session:
            emit(session, ["doctor:1", "clinic", "doctor:1"], "appointment", {"appointmentId": 2})
        with transaction(write=False) as session:
            rows = session.execute(select(LiveEvent.topic, LiveEvent.data)).all()
            kept_before = session.scalars(select(LiveEvent.id)).all()
        assert sorted(topic for topic, _ in rows) == ["clinic", "doctor:1"]
        assert all(json.loads(data) == {"appointmentId": 2} for _, data in rows)
        with transaction() as session:
            assert prune(session, utcnow() + timedelta(minutes=59)) == 0
            assert prune(session, utcnow() + timedelta(minutes=61)) == 1  # the newest stays
            kept = session.scalars(select(LiveEvent.id)).all()
        assert kept == [max(kept_before)]


def test_a_ticket_names_only_the_callers_own_topics(client: ApiClient) -> None:
    assert client.get("/api/live/ticket").status_code == 401
    patient = new_party(client)
    doctor = open_doctor(client.another())
    admin = admin_party(client.server_app())
    assert patient.client.call("GET", "/api/live/ticket")["topics"] == [f"patient:{patient.id}"]
    assert doctor.client.call("GET", "/api/live/ticket")["topics"] == [f"doctor:{doctor.id}"]
    assert admin.client.call("GET", "/api/live/ticket")["topics"] == ["clinic"]
    answer = patient.client.call("GET", "/api/live/ticket")
    assert answer["url"].startswith("http://localhost:5001/events?ticket=")
    with client.server_app().app_context():
        secret = client.server_app().config["SECRET_KEY"]
        token = answer["url"].split("ticket=", 1)[1]
        assert tickets.read(token, secret, 60) == tickets.Ticket(
            patient.id, [f"patient:{patient.id}"]
        )
        assert tickets.read(token + "x", secret, 60) is None
        assert tickets.read(token, "another-secret-key-" + "y" * 32, 60) is None
    csp = client.get("/api/live/ticket").headers["Content-Security-Policy"]
    assert "connect-src 'self' http://localhost:5001;" in csp
    forged = client.get("/api/csrf", headers={"Host": "evil.example;script-src"})
    assert "connect-src 'self' http://127.0.0.1:5001;" in forged.headers["Content-Security-Policy"]


def test_a_booking_reaches_the_doctors_and_the_patients_screens_and_no_one_elses(
    client: ApiClient, events_server: EventsServer
) -> None:
    doctor = open_doctor(client)
    other_doctor = open_doctor(client.another())
    patient = new_party(client.another())
    admin = admin_party(client.server_app())
    listeners = {
        name: collect(events_server, ticket_url(party, events_server), 1, 4)
        for name, party in {"doctor": doctor, "patient": patient, "admin": admin}.items()
    }
    silent = collect(events_server, ticket_url(other_doctor, events_server), 1, 4)
    time.sleep(0.5)  # the streams are open
    booked_at = time.monotonic()
    appointment = book_free_slot(patient, doctor)
    heard = {name: future.result(10) for name, future in listeners.items()}
    assert time.monotonic() - booked_at < DELIVERY_SECONDS + 4  # read windows close at 4 s
    for name, events in heard.items():
        assert len(events) == 1, name
        event = events[0]
        assert event["event"] == "appointment"
        assert event["data"]["appointmentId"] == appointment["id"]
        assert event["data"]["action"] == "booked"
        assert set(event["data"]) == {"topic", "appointmentId", "doctorId", "action", "status"}
    assert silent.result(10) == []


def test_delivery_is_within_two_seconds(client: ApiClient, events_server: EventsServer) -> None:
    doctor = open_doctor(client)
    patient = new_party(client.another())
    listening = collect(events_server, ticket_url(doctor, events_server), 1, 10)
    time.sleep(0.5)
    started = time.monotonic()
    book_free_slot(patient, doctor)
    assert len(listening.result(15)) == 1
    assert time.monotonic() - started < DELIVERY_SECONDS


def test_a_reconnecting_screen_gets_what_it_missed_then_a_reset_once_pruned(
    client: ApiClient, events_server: EventsServer
) -> None:
    doctor = open_doctor(client)
    patient = new_party(client.another())
    first = book_free_slot(patient, doctor)
    second = book_free_slot(patient, doctor, index=3)
    with client.server_app().app_context(), transaction(write=False) as session:
        ids = session.scalars(
            select(LiveEvent.id)
            .where(LiveEvent.topic == f"doctor:{doctor.id}")
            .order_by(LiveEvent.id)
        ).all()
    url = ticket_url(doctor, events_server)
    missed = collect(events_server, url, 2, 3, **{"Last-Event-ID": str(ids[0] - 1)}).result(10)
    assert [event["data"]["appointmentId"] for event in missed] == [first["id"], second["id"]]
    after_first = collect(events_server, f"{url}&lastEventId={ids[0]}", 1, 3).result(10)
    assert [event["data"]["appointmentId"] for event in after_first] == [second["id"]]
    with client.server_app().app_context(), transaction() as session:
        prune(session, utcnow() + timedelta(days=1))
    gone = collect(events_server, url, 1, 3, **{"Last-Event-ID": str(ids[0] - 1)}).result(10)
    assert [event["event"] for event in gone] == ["reset"]


def test_refused_tickets_and_a_full_server_answer_problems(
    client: ApiClient, events_server: EventsServer
) -> None:
    doctor = open_doctor(client)

    async def status_of(url: str) -> tuple[int, dict[str, Any]]:
        async with aiohttp.ClientSession() as http, http.get(url) as response:
            return response.status, await response.json(content_type=None)

    status, body = events_server.run(status_of(events_server.url + "?ticket=forged"))
    assert (status, body["code"]) == (401, "invalid_ticket")
    status, body = events_server.run(status_of(events_server.url))
    assert (status, body["code"]) == (401, "invalid_ticket")
    client.server_app().config["EVENTS_MAX_STREAMS"] = 1
    holding = collect(events_server, ticket_url(doctor, events_server), 1, 3)
    time.sleep(0.5)
    status, body = events_server.run(status_of(ticket_url(doctor, events_server)))
    assert (status, body["code"]) == (503, "too_many_streams")
    holding.result(10)


@pytest.mark.parametrize("app", ["postgresql"], indirect=True)
def test_three_hundred_open_streams_each_hear_one_booking_within_two_seconds(
    client: ApiClient, events_server: EventsServer
) -> None:
    """ "Workers must not be held by idle streams (…) measure it": 300 streams open on one
    live-events process (no web worker holds any), and each is told of a booking in time."""
    doctor = open_doctor(client)
    patient = new_party(client.another())
    url = ticket_url(doctor, events_server)
    streams = 300

    async def open_and_wait(booked_at: asyncio.Future[float]) -> list[float]:
        delays: list[float] = []
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as http:

            async def one() -> None:
                async with http.get(url) as response:
                    assert response.status == 200
                    async for raw in response.content:
                        if raw.startswith(b"event: appointment"):
                            delays.append(time.monotonic() - await booked_at)
                            return

            tasks = [asyncio.create_task(one()) for _ in range(streams)]
            await asyncio.wait_for(asyncio.gather(*tasks), 30)
        return delays

    booked_at: asyncio.Future[float] = events_server.loop.create_future()
    waiting = asyncio.run_coroutine_threadsafe(open_and_wait(booked_at), events_server.loop)
    deadline = time.monotonic() + 30
    while len(events_server.hub.subscribers) < streams and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(events_server.hub.subscribers) == streams
    started = time.monotonic()
    book_free_slot(patient, doctor)
    events_server.loop.call_soon_threadsafe(booked_at.set_result, started)
    delays = waiting.result(40)
    assert len(delays) == streams
    assert max(delays) < DELIVERY_SECONDS, f"slowest of {streams}: {max(delays):.2f} s"


def test_with_redis_a_commit_wakes_every_server_at_once(
    pg_database_url: str, tmp_path: Path
) -> None:
    """Scaled out: the commit publishes a wake-up on Redis, so a server whose own poll is a
    minute away still delivers within 2 s (here two servers, as on two machines)."""
    settings = {"REDIS_URL": REDIS_TEST_URL, "EVENTS_POLL_MS": "60000"}
    app = make_app(pg_database_url, tmp_path / "instance", **settings)
    _truncate_all(app)
    client = ApiClient(app)
    doctor = open_doctor(client)
    patient = new_party(client.another())
    with serving(app) as first, serving(app) as second:
        time.sleep(1)  # both read their start and now wait on Redis
        listening = [
            collect(server, ticket_url(doctor, server), 1, 10) for server in (first, second)
        ]
        time.sleep(0.5)
        started = time.monotonic()
        book_free_slot(patient, doctor)
        assert [len(future.result(15)) for future in listening] == [1, 1]
        assert time.monotonic() - started < DELIVERY_SECONDS
    with app.app_context():
        db.engine.dispose()
