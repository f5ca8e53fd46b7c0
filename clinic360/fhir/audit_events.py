"""`GET /fhir/R4/AuditEvent?patient=<id>`: a patient's own access log (who read or wrote
their data, `audit.reading`), as FHIR AuditEvent resources in a searchset, newest first.

Only a patient's token reaches it (an app the patient authorized with
`patient/AuditEvent.rs`): a system app or a doctor's token is refused (403), and so is any
`patient` other than the token's own. An event names what was touched in words, never
clinical content, exactly as the web app's access log does (`/api/access-log`).
"""

from __future__ import annotations

from fhir.resources.R4B.auditevent import AuditEvent

from clinic360.accounts.models import Role
from clinic360.audit import reading
from clinic360.audit.schemas import AccessEventOut
from clinic360.core.errors import Forbidden
from clinic360.core.schemas import format_instant
from clinic360.fhir.search import Page, page, reference_id
from clinic360.oauth import bearer

# http://hl7.org/fhir/R4/valueset-audit-event-type.html (DICOM): access to a patient record.
EVENT_TYPE = {
    "system": "http://dicom.nema.org/resources/ontology/DCM",
    "code": "110110",
    "display": "Patient Record",
}
_WRITES = {"create": "C", "add": "C", "upload": "C", "answer": "C", "write": "C",
           "book": "C", "register": "C", "amend": "U", "change": "U", "reschedule": "U",
           "cancel": "U", "check_in": "U", "no_show": "U"}  # fmt: skip


class NotYourAccessLog(Forbidden):
    code = "not_your_access_log"
    detail = "Only the patient's own token reads their access log."


def action_code(action: str) -> str:
    """C(reate), U(pdate) or R(ead) from the log's action name (`record.amend` → U)."""
    return _WRITES.get(action.rsplit(".", 1)[-1], "R")


def audit_event(event_id: int, patient_id: int, event: AccessEventOut) -> AuditEvent:
    who: dict[str, str] = {"display": f"{event.actor.full_name} ({event.actor.role})"}
    if event.actor.role == Role.DOCTOR.value:
        who["reference"] = f"Practitioner/{event.actor.id}"
    elif event.actor.id == patient_id:
        who["reference"] = f"Patient/{patient_id}"
    return AuditEvent(
        id=str(event_id),
        type=EVENT_TYPE,
        subtype=[{"system": "urn:clinic360:audit-action", "code": event.action}],
        action=action_code(event.action),
        recorded=format_instant(event.at),
        outcome="0",
        agent=[{"who": who, "requestor": True}],
        source={"observer": {"display": "Clinic360"}},
        entity=[{"what": {"reference": f"Patient/{patient_id}"}, "description": event.description}],
    )


def search() -> tuple[list[AuditEvent], int, Page]:
    """The caller's access log, one page; `patient` (optional) must be the caller."""
    access = bearer.require("AuditEvent", "s")
    current = page("AuditEvent")
    user = access.user
    if user is None or user.role != Role.PATIENT.value:
        raise NotYourAccessLog()
    wanted = reference_id("patient", "Patient")
    if wanted is not None and wanted != user.id:
        raise NotYourAccessLog()
    numbered, total = reading.numbered_events_for_patient(user, current.count, current.offset)
    return [audit_event(event_id, user.id, event) for event_id, event in numbered], total, current
