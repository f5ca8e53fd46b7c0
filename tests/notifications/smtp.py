"""A real SMTP server for tests: aiosmtpd on a free loopback port, with scripted replies."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A port nobody listens on right now (aiosmtpd cannot bind port 0 itself)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Mailbox:
    """What the server received; `replies` scripts the answers to the next DATA commands."""

    messages: list[EmailMessage] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    replies: deque[str] = field(default_factory=deque)
    refused: int = 0
    # When set, the server takes the message, then stalls before answering until released.
    stall_after: int | None = None
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.replies:
            self.refused += 1
            return self.replies.popleft()
        content: bytes = envelope.content
        self.raw.append(content)
        self.messages.append(BytesParser(policy=policy.default).parsebytes(content))  # type: ignore[arg-type]
        self.recipients.append(list(envelope.rcpt_tos))
        if self.stall_after is not None and len(self.messages) == self.stall_after:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 2.0.0 OK"

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]

    def wait_for(
        self, count: int, timeout: float = 30.0, context: Callable[[], str] | None = None
    ) -> None:
        """Wait (bounded) for `count` emails; `context` is added to the failure (worker logs)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                detail = f"\n{context()}" if context else ""
                raise AssertionError(f"{len(self.messages)} of {count} emails arrived{detail}")
            time.sleep(0.05)


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.mailbox = Mailbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self.mailbox.release.set()
            self._controller.stop()
            self._controller = None

    def settings(self) -> dict[str, Any]:
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": self.port, "SMTP_SECURITY": "none"}
