"""The live-events server: Server-Sent Events for open screens, hundreds of streams a process.

    python -m clinic360.live_events      (`make run` starts it; it listens on EVENTS_PORT)

Why a process of its own: a stream stays open for minutes, and gunicorn's threaded workers
hold one thread per open response, so a few idle screens would take every thread of the
web app. This server is asyncio (aiohttp): an open stream costs a coroutine and a queue.

One `Hub` per process reads the new `live_events` rows (core/events.py) every
EVENTS_POLL_MS — at once when REDIS_URL is set and a commit publishes a wake-up — and puts
each on the queues of the streams whose ticket names its topic. A stream:

- opens with a ticket from `GET /api/live/ticket` (signed, EVENTS_TICKET_SECONDS; 401
  otherwise), so this server needs no session store;
- first sends what the client missed after its `Last-Event-ID` / `lastEventId` (or
  `event: reset` when those were pruned or are too many: refetch everything);
- then each event as `id:`/`event:`/`data:`, a comment every EVENTS_HEARTBEAT_SECONDS,
  and after EVENTS_STREAM_SECONDS `event: end` (ask for a new ticket and reconnect: a
  suspended user's stream ends within that time).

At most EVENTS_MAX_STREAMS per process (503 with Retry-After beyond).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from flask import Flask

from clinic360.core.db import transaction
from clinic360.core.events import WAKE_CHANNEL, Event, latest_id, oldest_id, since
from clinic360.live import tickets

log = logging.getLogger(__name__)

_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-store",
    "X-Accel-Buffering": "no",  # nginx: pass each event on at once
    "Access-Control-Allow-Origin": "*",  # the ticket is the credential, not a cookie
}


@dataclass(eq=False)
class Subscriber:
    topics: frozenset[str]
    queue: asyncio.Queue[Event]
    overflowed: bool = False


@dataclass(eq=False)
class Hub:
    """One process's reader of `live_events` and its open streams."""

    flask_app: Flask
    last_id: int = 0
    subscribers: set[Subscriber] = field(default_factory=set)
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def config(self) -> Any:
        return self.flask_app.config

    def _in_app(self, work: Any, *args: Any) -> Any:
        with self.flask_app.app_context(), transaction(write=False) as session:
            return work(session, *args)

    async def start(self) -> None:
        self.last_id = await asyncio.to_thread(self._in_app, latest_id)

    def subscribe(self, topics: list[str]) -> Subscriber:
        subscriber = Subscriber(
            frozenset(topics), asyncio.Queue(maxsize=self.config["EVENTS_QUEUE_SIZE"])
        )
        self.subscribers.add(subscriber)
        return subscriber

    async def missed(self, last: int, topics: list[str]) -> list[Event] | None:
        """The events after `last` for `topics`, or None when some were pruned or there
        are more than EVENTS_REPLAY_MAX (the client must refetch everything)."""
        limit = self.config["EVENTS_REPLAY_MAX"]

        def read(session: Any) -> list[Event] | None:
            oldest = oldest_id(session)  # None: no event yet (prune keeps the newest)
            if oldest is None:
                return []
            if last + 1 < oldest:
                return None
            events = since(session, last, topics, limit + 1)
            return None if len(events) > limit else events

        result: list[Event] | None = await asyncio.to_thread(self._in_app, read)
        return result

    async def run(self) -> None:
        """Read and fan out, forever."""
        poll = self.config["EVENTS_POLL_MS"] / 1000
        batch = self.config["EVENTS_BATCH"]
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=poll)
            self.wake.clear()
            try:
                events = await asyncio.to_thread(self._in_app, since, self.last_id, None, batch)
            except Exception as exc:  # the database is away: try again at the next poll
                log.warning("live events not read", extra={"error": type(exc).__name__})
                continue
            for event in events:
                self.last_id = event.id
                self._deliver(event)
            if len(events) == batch:
                self.wake.set()  # more are waiting

    def _deliver(self, event: Event) -> None:
        for subscriber in self.subscribers:
            if event.topic not in subscriber.topics or subscriber.overflowed:
                continue
            try:
                subscriber.queue.put_nowait(event)
            except asyncio.QueueFull:
                subscriber.overflowed = True  # the stream sends `reset` and ends

    async def listen_to_redis(self, url: str) -> None:
        """Wake the reader whenever a commit published (scaled out); reconnect on errors."""
        from redis.asyncio import Redis

        while True:
            try:
                client = Redis.from_url(url)
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(WAKE_CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self.wake.set()
            except Exception as exc:
                log.warning("live events: redis wake-ups lost", extra={"error": type(exc).__name__})
                await asyncio.sleep(1)


def _frame(event: Event) -> bytes:
    data = json.dumps({"topic": event.topic, **event.data}, separators=(",", ":"))
    return f"id: {event.id}\nevent: {event.kind}\ndata: {data}\n\n".encode()


def _control(name: str) -> bytes:
    return f"event: {name}\ndata: {{}}\n\n".encode()


def _problem(status: int, code: str, detail: str, **headers: str) -> web.Response:
    body = {"type": "about:blank", "title": detail, "status": status, "code": code}
    return web.json_response(
        body,
        status=status,
        content_type="application/problem+json",
        headers={"Access-Control-Allow-Origin": "*", **headers},
    )


def _last_id(request: web.Request) -> int | None:
    raw = request.headers.get("Last-Event-ID") or request.query.get("lastEventId")
    if raw is None or not raw.isdigit() or len(raw) > 18:
        return None
    return int(raw)


async def stream(request: web.Request) -> web.StreamResponse:
    hub = request.app[HUB]
    config = hub.config
    ticket = tickets.read(
        request.query.get("ticket", ""), config["SECRET_KEY"], config["EVENTS_TICKET_SECONDS"]
    )
    if ticket is None:
        return _problem(401, "invalid_ticket", "Ask GET /api/live/ticket for a new ticket.")
    if len(hub.subscribers) >= config["EVENTS_MAX_STREAMS"]:
        return _problem(503, "too_many_streams", "Too many open streams.", **{"Retry-After": "5"})
    subscriber = hub.subscribe(ticket.topics)  # before the replay: nothing falls between
    response = web.StreamResponse(headers=_HEADERS)
    try:
        await response.prepare(request)
        await response.write(b"retry: 2000\n\n")
        sent = await _replay(hub, response, _last_id(request), ticket.topics)
        await _follow(hub, response, subscriber, sent)
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        hub.subscribers.discard(subscriber)
    return response


async def _replay(
    hub: Hub, response: web.StreamResponse, last: int | None, topics: list[str]
) -> int:
    """Send what was missed after `last`; the highest id sent (or `last`)."""
    if last is None:
        return hub.last_id
    missed = await hub.missed(last, topics)
    if missed is None:
        await response.write(_control("reset"))
        return hub.last_id
    for event in missed:
        await response.write(_frame(event))
        last = event.id
    return last


async def _follow(
    hub: Hub, response: web.StreamResponse, subscriber: Subscriber, sent: int
) -> None:
    loop = asyncio.get_running_loop()
    heartbeat = hub.config["EVENTS_HEARTBEAT_SECONDS"]
    ends = loop.time() + hub.config["EVENTS_STREAM_SECONDS"]
    while (remaining := ends - loop.time()) > 0:
        if subscriber.overflowed:
            await response.write(_control("reset"))
            break
        try:
            event = await asyncio.wait_for(subscriber.queue.get(), min(heartbeat, remaining))
        except TimeoutError:
            await response.write(b": ping\n\n")
            continue
        if event.id > sent:  # the replay may have sent it already
            await response.write(_frame(event))
            sent = event.id
    await response.write(_control("end"))


async def health(request: web.Request) -> web.Response:
    return web.json_response({"streams": len(request.app[HUB].subscribers)})


HUB = web.AppKey("hub", Hub)


def build(flask_app: Flask) -> web.Application:
    app = web.Application()
    hub = Hub(flask_app)
    app[HUB] = hub
    app.router.add_get("/events", stream)
    app.router.add_get("/events/health", health)

    async def background(app: web.Application) -> Any:
        await hub.start()
        tasks = [asyncio.create_task(hub.run())]
        if flask_app.config["REDIS_URL"]:
            tasks.append(asyncio.create_task(hub.listen_to_redis(flask_app.config["REDIS_URL"])))
        yield
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    app.cleanup_ctx.append(background)
    return app
