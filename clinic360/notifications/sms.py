"""Text messages (SMS): what a reminder says by text, and the two ways it leaves.

An SMS row of the outbox (`channel` `sms`) is rendered from the same payload as its email
twin, but says only the clinic's name, the date and time on the patient's clock and the
manage link: no doctor, specialization, visit type, reason or anything clinical (an SMS
is read on a lock screen and stored by the carrier). It goes to the number the patient has
when it goes out; a patient who turned text messages off since is skipped.

Transports: the provider's HTTP API (`SMS_PROVIDER_URL`: a JSON POST `{to, from, text}`
with `Authorization: Bearer SMS_API_KEY`; 2xx sent, 408/429/5xx or no answer in
`SMS_TIMEOUT_SECONDS` retried later, any other answer a permanent failure), or by default
`.txt` files in `instance/sms-outbox/`. Failures carry the status, never the text.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy.orm import Session

from clinic360.accounts.contacts import contact_of
from clinic360.appointments.links import manage_url
from clinic360.appointments.reminders import reminder_still_due
from clinic360.core.config import ConfigError
from clinic360.notifications.content import recipient_zone, single_line
from clinic360.notifications.rendering import Skip, claim_link
from clinic360.notifications.transport import PermanentFailure, TransientFailure, is_loopback
from clinic360.outbox.models import EmailKind, OutboxEmail

RETRY_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True)
class TextMessage:
    to: str
    sender: str
    text: str
    name: str  # names the file or the log line; no PHI


def reminder_text(clinic: str, start: datetime, timezone: str, url: str) -> str:
    """The reminder SMS: clinic, date and time on the patient's clock, manage link."""
    local = start.astimezone(recipient_zone(timezone))
    when = f"{local:%a} {local.day} {local:%b %Y} at {local:%H:%M}"
    return f"{single_line(clinic, 40)}: reminder of your appointment on {when}. Manage: {url}"


def offer_text(clinic: str, start: datetime, timezone: str, url: str) -> str:
    """A waitlist offer by SMS: clinic, the freed time on the patient's clock, claim link."""
    local = start.astimezone(recipient_zone(timezone))
    when = f"{local:%a} {local.day} {local:%b %Y} at {local:%H:%M}"
    return f"{single_line(clinic, 40)}: a time is free on {when}. Book it first: {url}"


def _offer_text(session: Session, row: OutboxEmail, now: datetime) -> TextMessage | Skip:
    params = row.params or {}
    if "offerId" not in params or "start" not in params:
        raise PermanentFailure("text message without its payload")
    url = claim_link(session, int(params["offerId"]), now)
    if url is None:
        return Skip("offer no longer open")
    recipient = contact_of(session, row.recipient_id)
    if recipient is None:
        raise PermanentFailure("recipient no longer exists")
    if recipient.sms_number is None:
        return Skip("recipient turned text messages off")
    config = current_app.config
    start = datetime.fromisoformat(params["start"].replace("Z", "+00:00")).astimezone(UTC)
    return TextMessage(
        to=recipient.sms_number,
        sender=config["SMS_SENDER"],
        text=offer_text(config["CLINIC_NAME"], start, recipient.timezone, url),
        name=f"{row.id:08d}-{row.kind}",
    )


def prepare_text(session: Session, row: OutboxEmail, now: datetime) -> TextMessage | Skip:
    """The text message of an SMS row, or why it must not go; `PermanentFailure` when it
    never can (recipient gone, a kind that has no text form)."""
    if row.kind == EmailKind.WAITLIST_OFFER.value:
        return _offer_text(session, row, now)
    if row.kind != EmailKind.APPOINTMENT_REMINDER.value:
        raise PermanentFailure(f"no text message for {row.kind}")
    params = row.params or {}
    if row.appointment_id is None or "start" not in params:
        raise PermanentFailure("text message without its payload")
    why = reminder_still_due(session, row.appointment_id, params.get("start"), now)
    if why is not None:
        return Skip(why)
    recipient = contact_of(session, row.recipient_id)
    if recipient is None:
        raise PermanentFailure("recipient no longer exists")
    if recipient.sms_number is None:
        return Skip("recipient turned text messages off")
    config = current_app.config
    start = datetime.fromisoformat(params["start"]).astimezone(UTC)
    url = manage_url(row.appointment_id, int(params["sequence"]))
    return TextMessage(
        to=recipient.sms_number,
        sender=config["SMS_SENDER"],
        text=reminder_text(config["CLINIC_NAME"], start, recipient.timezone, url),
        name=f"{row.id:08d}-{row.kind}",
    )


class TextTransport(Protocol):
    label: str  # "sms-http" or "sms-file", for log lines

    def send(self, message: TextMessage) -> None:
        """Deliver `message` or raise `TransientFailure` / `PermanentFailure`."""


class HttpTextTransport:
    """The provider's HTTP API: one JSON POST per message."""

    label = "sms-http"

    def __init__(self, url: str, api_key: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"https", "http"} or not parts.hostname:
            raise ConfigError("SMS_PROVIDER_URL must be an https:// URL")
        if parts.scheme == "http" and not is_loopback(parts.hostname):
            raise ConfigError("SMS_PROVIDER_URL may use http:// only towards this machine")
        self.url, self.api_key, self.timeout = url, api_key, timeout

    def send(self, message: TextMessage) -> None:
        body = json.dumps({"to": message.to, "from": message.sender, "text": message.text})
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(  # noqa: S310  (scheme checked above)
            self.url, data=body.encode(), headers=headers, method="POST"
        )
        try:
            # The scheme is https (or http to this machine), checked in __init__.
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 # nosec B310
                response.read(1024)
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
            summary = f"SMS provider answered HTTP {status}"
            if status in RETRY_STATUSES or status >= 500:
                raise TransientFailure(summary, status) from None
            raise PermanentFailure(summary, status) from None
        except (
            urllib.error.URLError,
            OSError,
            http.client.HTTPException,
        ) as exc:  # refused, reset, timeout, TLS
            reason = getattr(exc, "reason", exc)
            raise TransientFailure(f"SMS provider unreachable: {type(reason).__name__}") from None


class FileTextTransport:
    """Writes each message to `folder/<name>.txt` (folder 0700, file 0600), atomically."""

    label = "sms-file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: TextMessage) -> None:
        content = f"To: {message.to}\nFrom: {message.sender}\n\n{message.text}\n"
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.folder.chmod(0o700)
            partial = self.folder / f".{message.name}.{os.getpid()}.partial"
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(content)
            os.replace(partial, self.folder / f"{message.name}.txt")
        except OSError as exc:
            raise TransientFailure(type(exc).__name__) from None


def text_transport_for(config: Mapping[str, Any], instance_path: str) -> TextTransport:
    if config["SMS_PROVIDER_URL"]:
        return HttpTextTransport(
            config["SMS_PROVIDER_URL"], config["SMS_API_KEY"], config["SMS_TIMEOUT_SECONDS"]
        )
    return FileTextTransport(Path(instance_path) / "sms-outbox")
