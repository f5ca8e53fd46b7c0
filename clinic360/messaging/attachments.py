"""Opening a message's attachment: whoever may read the thread now (`access`), while the
message is not retracted. The file is a document of the patient's record, so its download is
in the patient's access log (`records.attachments`). A message or thread the caller may not
see, a message without a file and a retracted one all answer 404 alike."""

from __future__ import annotations

from clinic360.accounts.models import User
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.messaging.access import ensure_messaging_user, visible_thread
from clinic360.messaging.models import Message, MessageAttachment
from clinic360.records.attachments import open_attached
from clinic360.records.documents import DocumentFile


def open_attachment(user: User, message_id: int) -> DocumentFile:
    """The attachment's bytes, sniffed type and cleaned name. Raises Forbidden,
    DoctorNotApproved, NotFound."""
    ensure_messaging_user(user)
    with transaction() as session:
        message = session.get(Message, message_id)
        if message is None:
            raise NotFound()
        thread = visible_thread(session, user, message.thread_id)
        link = session.get(MessageAttachment, message.id)
        if link is None or message.retracted_at is not None:
            raise NotFound()
        return open_attached(session, user, thread.patient_id, link.document_id)
