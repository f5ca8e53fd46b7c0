"""What each access-log action means to the patient, in words, and which record it names.

Labels are a table keyed by the action's text, not a switch: an action without an entry
(one added later, or only in old rows) reads "Your data — accessed" instead of failing.
Record actions name the record by the day it was written ("Record of 3 Nov 2026"), in the
patient's time zone: the patient owns the record, and no clinical text (diagnosis, notes) is
ever part of a label.

Audit sits below records and never imports it: the records domain registers the one query
audit needs here at start-up (`records.init_app`), like `schedules.busy`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from clinic360.audit.models import AuditAction


@dataclass(frozen=True)
class ActionLabel:
    subject: str
    """What was touched, for one event, when no record names it: "Your patient summary"."""
    done: str
    """What happened to it: "viewed"."""
    phrase: str
    """The same after a person's name, for a group's line: "viewed your patient summary"."""
    names_record: bool = False
    """The event's `record_id` is a record of the patient's, named in its description."""


ACTION_LABELS: Mapping[str, ActionLabel] = {
    AuditAction.RECORDS_LIST.value: ActionLabel(
        "Your medical records", "viewed", "viewed your medical records"
    ),
    AuditAction.RECORD_READ_HISTORY.value: ActionLabel(
        "A record", "version history viewed", "viewed a record's version history", True
    ),
    AuditAction.RECORD_CREATE.value: ActionLabel("A record", "written", "wrote a record", True),
    AuditAction.RECORD_AMEND.value: ActionLabel("A record", "amended", "amended a record", True),
    AuditAction.PATIENT_READ.value: ActionLabel(
        "Your patient summary", "viewed", "viewed your patient summary"
    ),
    AuditAction.PATIENT_LIST.value: ActionLabel(
        "Your name in their patient list", "shown", "saw you in their patient list"
    ),
    AuditAction.FHIR_EXPORT.value: ActionLabel(
        "Full export (FHIR)", "downloaded", "downloaded all your data (FHIR)"
    ),
    AuditAction.APPOINTMENT_READ_REASON.value: ActionLabel(
        "The reason you gave for an appointment", "viewed", "viewed the reason for an appointment"
    ),
    AuditAction.CHART_SUMMARY.value: ActionLabel(
        "Your health summary", "viewed", "viewed your health summary"
    ),
    AuditAction.TIMELINE_READ.value: ActionLabel("Your timeline", "viewed", "viewed your timeline"),
    AuditAction.MESSAGE_LIST_THREADS.value: ActionLabel(
        "Your message threads", "listed", "listed your message threads"
    ),
    AuditAction.MESSAGE_READ_THREAD.value: ActionLabel(
        "A message thread", "read", "read a message thread"
    ),
    AuditAction.MESSAGE_WRITE.value: ActionLabel(
        "A message thread", "written in", "wrote in a message thread"
    ),
    AuditAction.DOCUMENTS_LIST.value: ActionLabel(
        "Your documents", "listed", "listed your documents"
    ),
    AuditAction.DOCUMENT_UPLOAD.value: ActionLabel("A document", "uploaded", "uploaded a document"),
    AuditAction.DOCUMENT_DOWNLOAD.value: ActionLabel(
        "A document", "downloaded", "downloaded a document"
    ),
    AuditAction.APPOINTMENTS_LIST.value: ActionLabel(
        "Your appointments", "viewed", "viewed your appointments"
    ),
    AuditAction.APPOINTMENT_READ.value: ActionLabel(
        "An appointment", "viewed", "viewed an appointment"
    ),
    AuditAction.DOCUMENT_AMEND.value: ActionLabel(
        "A document", "marked entered in error", "marked a document entered in error"
    ),
    AuditAction.PATIENT_REGISTER.value: ActionLabel(
        "Your account", "registered at the front desk", "registered you at the front desk"
    ),
    AuditAction.PATIENT_SEARCH.value: ActionLabel(
        "Your name and contact details", "found in a search", "found you in a search"
    ),
    AuditAction.PATIENT_INVITE.value: ActionLabel(
        "Your account invitation", "sent", "sent you an account invitation"
    ),
    AuditAction.APPOINTMENTS_DAY.value: ActionLabel(
        "Your appointment", "shown in the day's list", "saw your appointment in the day's list"
    ),
    AuditAction.APPOINTMENT_BOOK.value: ActionLabel(
        "An appointment", "booked for you", "booked an appointment for you"
    ),
    AuditAction.APPOINTMENT_RESCHEDULE.value: ActionLabel(
        "An appointment", "moved", "moved an appointment of yours"
    ),
    AuditAction.APPOINTMENT_CANCEL.value: ActionLabel(
        "An appointment", "cancelled", "cancelled an appointment of yours"
    ),
    AuditAction.APPOINTMENT_CHECK_IN.value: ActionLabel(
        "An appointment", "checked in", "checked you in"
    ),
    AuditAction.APPOINTMENT_NO_SHOW.value: ActionLabel(
        "An appointment", "marked missed", "marked an appointment of yours missed"
    ),
    AuditAction.APPOINTMENT_CHANGE.value: ActionLabel(
        "An appointment", "changed", "changed an appointment of yours"
    ),
    AuditAction.ACCESS_LOG_READ.value: ActionLabel(
        "This access log", "viewed", "viewed this access log"
    ),
    AuditAction.WAITLIST_LIST.value: ActionLabel(
        "Your waiting-list entries", "viewed", "viewed your waiting-list entries"
    ),
    AuditAction.WAITLIST_JOIN.value: ActionLabel(
        "A waiting list", "joined for you", "put you on a waiting list"
    ),
    AuditAction.WAITLIST_LEAVE.value: ActionLabel(
        "A waiting-list entry", "removed", "took you off a waiting list"
    ),
    AuditAction.INTAKE_READ.value: ActionLabel(
        "Your intake answers", "viewed", "viewed your intake answers"
    ),
    AuditAction.INTAKE_ANSWER.value: ActionLabel(
        "Your intake answers", "saved", "saved your intake answers"
    ),
    AuditAction.INTAKE_READ_HISTORY.value: ActionLabel(
        "Your intake answers", "earlier versions viewed", "viewed earlier intake answers"
    ),
}


def _chart_list_labels(
    plural: str, kind: str, list_subject: str, entry_subject: str, entry_phrase: str
) -> dict[str, ActionLabel]:
    """Words for one chart list's four actions: "Your allergies — viewed", "An allergy —
    added", "added an allergy"; never the entry's content."""
    return {
        f"{plural}.list": ActionLabel(list_subject, "viewed", f"viewed {list_subject.lower()}"),
        f"{kind}.add": ActionLabel(entry_subject, "added", f"added {entry_phrase}"),
        f"{kind}.amend": ActionLabel(entry_subject, "amended", f"amended {entry_phrase}"),
        f"{kind}.read_history": ActionLabel(
            entry_subject, "version history viewed", f"viewed the version history of {entry_phrase}"
        ),
    }


ACTION_LABELS = {
    **ACTION_LABELS,
    **_chart_list_labels("allergies", "allergy", "Your allergies", "An allergy", "an allergy"),
    **_chart_list_labels("problems", "problem", "Your problem list", "A problem", "a problem"),
    **_chart_list_labels(
        "medications", "medication", "Your medications", "A medication", "a medication"
    ),
    **_chart_list_labels(
        "vitals", "vital", "Your vital signs", "A vital-signs entry", "a vital-signs entry"
    ),
}
UNKNOWN_ACTION = ActionLabel("Your data", "accessed", "accessed your data")


def action_label(action: str) -> ActionLabel:
    return ACTION_LABELS.get(action, UNKNOWN_ACTION)


RecordDates = Callable[[Session, int, Collection[int]], dict[int, datetime]]
"""`(session, patient_id, record_ids)` → when each of those records of that patient was
written (records of another patient, or unknown ids, are missing)."""

_providers: list[RecordDates] = []


def provide_record_dates(provider: RecordDates) -> None:
    """Register the source of record dates (the records domain; one, replaced)."""
    _providers[:] = [provider]


def record_dates(
    session: Session, patient_id: int, record_ids: Collection[int]
) -> dict[int, datetime]:
    if not record_ids:
        return {}
    if not _providers:
        raise RuntimeError("no record-date provider registered (records.init_app)")
    return _providers[0](session, patient_id, record_ids)


def record_name(written_at: datetime | None, zone: ZoneInfo) -> str | None:
    """ "Record of 3 Nov 2026" (the day in the patient's zone), or None when unknown."""
    if written_at is None:
        return None
    day = written_at.astimezone(zone)
    return f"Record of {day.day} {day:%b %Y}"


def describe(action: str, record_label: str | None) -> str:
    """One event in words: "Record of 3 Nov 2026 — amended", "Full export (FHIR) — downloaded"."""
    label = action_label(action)
    subject = record_label if label.names_record and record_label else label.subject
    return f"{subject} — {label.done}"


def summarise(action_counts: Collection[tuple[str, int]]) -> str:
    """A group's actions, oldest first, after the person's name:
    "viewed your medical records 3 times and wrote a record"."""
    parts = [action_label(action).phrase + _times(count) for action, count in action_counts]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _times(count: int) -> str:
    if count == 1:
        return ""
    return " twice" if count == 2 else f" {count} times"
