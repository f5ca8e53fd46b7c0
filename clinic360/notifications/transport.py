"""Delivering a composed message: SMTP, or `.eml` files in a private folder when none is set.

A transport raises `TransientFailure` (worth retrying: refused, timeout, 4yz) or
`PermanentFailure` (5yz for this message). Neither carries the message body.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import ssl
from collections.abc import Mapping
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from clinic360.core.config import ConfigError

DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


class DeliveryFailure(Exception):
    def __init__(self, summary: str, code: int | None = None) -> None:
        super().__init__(summary)
        self.summary = summary
        self.code = code


class TransientFailure(DeliveryFailure):
    """Try again later."""


class PermanentFailure(DeliveryFailure):
    """The server refused this message for good."""


class Transport(Protocol):
    label: str  # "smtp" or "file", for log lines

    def send(self, message: EmailMessage, *, sender: str, recipient: str, name: str) -> None:
        """Deliver `message`; `name` identifies it in files and logs (no PHI)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def smtp_security(host: str, configured: str) -> str:
    """`starttls` unless told otherwise; plaintext only towards this machine."""
    security = configured or ("none" if is_loopback(host) else "starttls")
    if security == "none" and not is_loopback(host):
        raise ConfigError("SMTP_SECURITY=none is only allowed for a loopback SMTP_HOST")
    return security


def _reply_summary(code: int, reply: bytes | str) -> str:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    return f"SMTP {code} {' '.join(text.split())}"[:300]


class SmtpTransport:
    """One connection per message: a failure never affects the next one."""

    label = "smtp"

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.host: str = config["SMTP_HOST"]
        self.security = smtp_security(self.host, config["SMTP_SECURITY"])
        self.port: int = config["SMTP_PORT"] or DEFAULT_PORTS[self.security]
        self.user: str = config["SMTP_USER"]
        self.password: str = config["SMTP_PASSWORD"]
        self.timeout: int = config["SMTP_TIMEOUT_SECONDS"]

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()  # verifies the certificate and host name
        if self.security == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            client.starttls(context=context)
        return client

    def send(self, message: EmailMessage, *, sender: str, recipient: str, name: str) -> None:
        try:
            with self._connect() as client:
                if self.user:
                    client.login(self.user, self.password)
                client.send_message(message, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            raise _failure_for_reply(code, reply) from None
        except smtplib.SMTPAuthenticationError as exc:
            # Our credentials, not this message: keep it and retry once someone fixes them.
            summary = _reply_summary(exc.smtp_code, exc.smtp_error)
            raise TransientFailure(summary, exc.smtp_code) from None
        except smtplib.SMTPResponseException as exc:
            raise _failure_for_reply(exc.smtp_code, exc.smtp_error) from None
        except (smtplib.SMTPException, OSError) as exc:  # refused, reset, timeout, TLS
            raise TransientFailure(type(exc).__name__) from None


def _failure_for_reply(code: int, reply: bytes | str) -> DeliveryFailure:
    """RFC 5321 reply classes: 5yz is permanent, anything else is worth another try."""
    summary = _reply_summary(code, reply)
    if 500 <= code < 600:
        return PermanentFailure(summary, code)
    return TransientFailure(summary, code)


class FileTransport:
    """Writes each email to `folder/<name>.eml` (folder 0700, file 0600), atomically."""

    label = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage, *, sender: str, recipient: str, name: str) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.folder.chmod(0o700)
            final = self.folder / f"{name}.eml"
            partial = self.folder / f".{name}.{os.getpid()}.partial"
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(message.as_bytes(policy=policy.default))
            os.replace(partial, final)
        except OSError as exc:
            raise TransientFailure(type(exc).__name__) from None


def transport_for(config: Mapping[str, Any], instance_path: str) -> Transport:
    if config["SMTP_HOST"]:
        return SmtpTransport(config)
    return FileTransport(Path(instance_path) / "outbox")
