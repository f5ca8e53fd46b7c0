"""Assembling the MIME message: headers from cleaned values, text + HTML, optional invite."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from clinic360.notifications.content import RenderedEmail, single_line


class InvalidAddress(ValueError):
    """An address that cannot safely be put in a header."""


def parse_address(address: str, display_name: str = "") -> Address:
    """An `Address` for a header; refuses anything with control characters or odd shape."""
    if single_line(address, max_length=254) != address or address.count("@") != 1:
        raise InvalidAddress("address is not a single plain mailbox")
    username, domain = address.split("@")
    if not username or not domain or any(ch in address for ch in ' <>,;:"()[]\\'):
        raise InvalidAddress("address is not a single plain mailbox")
    return Address(display_name=single_line(display_name), username=username, domain=domain)


def sender_domain(mail_from: str) -> str:
    return mail_from.rsplit("@", 1)[-1].strip(" >") or "localhost"


def message_id(outbox_id: int, idempotency_key: str, domain: str) -> str:
    """Stable per outbox row, so a re-send after a crash is recognisable as the same email."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:20]
    return f"<outbox-{outbox_id}.{digest}@{domain}>"


def compose(
    content: RenderedEmail,
    *,
    sender: Address,
    recipient: Address,
    msg_id: str,
    date: datetime,
    invite: tuple[str, bytes] | None = None,
) -> EmailMessage:
    """multipart/alternative (text, HTML), wrapped in multipart/mixed with a `.ics` if any."""
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = single_line(content.subject)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(date)
    message["Message-ID"] = msg_id
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(content.text, cte="quoted-printable")
    message.add_alternative(content.html, subtype="html", cte="quoted-printable")
    if invite is not None:
        method, body = invite
        message.add_attachment(
            body,
            maintype="text",
            subtype="calendar",
            params={"method": method, "charset": "utf-8"},
            filename="appointment.ics",
        )
    return message
