"""A doctor blocks a patient from writing to them (with a reason the patient sees), or
lifts the block. Reached through a thread the doctor may read, so the same 404 rule holds."""

from __future__ import annotations

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.messaging.access import ensure_messaging_user, visible_thread
from clinic360.messaging.models import MessageBlock
from clinic360.messaging.present import block_out
from clinic360.messaging.schemas import BlockOut


def block(doctor: User, thread_id: int, reason: str) -> BlockOut:
    """Block the patient of the thread from writing to `doctor` (a new reason replaces the
    old one). Raises DoctorNotApproved, NotFound."""
    ensure_messaging_user(doctor)
    with transaction() as session:
        thread = visible_thread(session, doctor, thread_id)
        found = session.get(MessageBlock, (doctor.id, thread.patient_id))
        if found is None:
            found = MessageBlock(
                doctor_id=doctor.id, patient_id=thread.patient_id, reason=reason,
                created_at=utcnow(),
            )  # fmt: skip
            session.add(found)
        else:
            found.reason = reason
        session.flush()
        out = block_out(found)
    assert out is not None
    return out


def unblock(doctor: User, thread_id: int) -> None:
    """Let the patient of the thread write to `doctor` again (no-op when not blocked)."""
    ensure_messaging_user(doctor)
    with transaction() as session:
        thread = visible_thread(session, doctor, thread_id)
        found = session.get(MessageBlock, (doctor.id, thread.patient_id))
        if found is not None:
            session.delete(found)
