"""The emails of family access, written to the outbox in the caller's transaction. Each
names the other side by id (`otherId`); never anything clinical."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from clinic360.accounts.family_models import Dependent, ProxyGrant
from clinic360.outbox.enqueue import enqueue_email
from clinic360.outbox.models import EmailKind

_KINDS = {
    "granted": EmailKind.FAMILY_ACCESS_GRANTED,
    "accepted": EmailKind.FAMILY_ACCESS_ACCEPTED,
    "revoked": EmailKind.FAMILY_ACCESS_REVOKED,
}


def grant_event(
    session: Session, grant: ProxyGrant, event: Literal["granted", "accepted", "revoked"]
) -> None:
    """Tell both sides of `grant` (the patient and the proxy) what happened to it."""
    kind = _KINDS[event]
    for recipient, other in (
        (grant.patient_id, grant.proxy_id),
        (grant.proxy_id, grant.patient_id),
    ):
        enqueue_email(
            session,
            kind=kind,
            recipient_id=recipient,
            idempotency_key=f"{kind.value}:{grant.id}:{recipient}",
            params={"otherId": str(other)},
        )


def dependent_invited(session: Session, dependent: Dependent, token: str) -> None:
    """The claim link, to the dependent's own address (the token: like a reset link's)."""
    assert dependent.invite_email is not None and dependent.invite_token_hash is not None
    enqueue_email(
        session,
        kind=EmailKind.DEPENDENT_INVITED,
        recipient_id=dependent.patient_id,
        idempotency_key=f"dependent-invited:{dependent.invite_token_hash}",
        params={"token": token, "otherId": str(dependent.guardian_id)},
        to_address=dependent.invite_email,
    )
