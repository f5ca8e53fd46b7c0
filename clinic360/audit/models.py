"""The access log: one row per read or write of a patient's PHI (append-only)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime


class AuditAction(enum.StrEnum):
    """What was done with a patient's data (docs/API.md lists which call writes which)."""

    RECORDS_LIST = "records.list"
    RECORD_READ_HISTORY = "record.read_history"
    RECORD_CREATE = "record.create"
    RECORD_AMEND = "record.amend"
    PATIENT_READ = "patient.read"
    PATIENT_LIST = "patient.list"
    FHIR_EXPORT = "fhir.export"
    APPOINTMENT_READ_REASON = "appointment.read_reason"
    # The chart lists (records/chart.py): `<list>.list`, `<entry>.add|amend|read_history`.
    ALLERGIES_LIST = "allergies.list"
    ALLERGY_ADD = "allergy.add"
    ALLERGY_AMEND = "allergy.amend"
    ALLERGY_READ_HISTORY = "allergy.read_history"
    PROBLEMS_LIST = "problems.list"
    PROBLEM_ADD = "problem.add"
    PROBLEM_AMEND = "problem.amend"
    PROBLEM_READ_HISTORY = "problem.read_history"
    MEDICATIONS_LIST = "medications.list"
    MEDICATION_ADD = "medication.add"
    MEDICATION_AMEND = "medication.amend"
    MEDICATION_READ_HISTORY = "medication.read_history"
    VITALS_LIST = "vitals.list"
    VITAL_ADD = "vital.add"
    VITAL_AMEND = "vital.amend"
    VITAL_READ_HISTORY = "vital.read_history"
    CHART_SUMMARY = "chart.summary"
    TIMELINE_READ = "timeline.read"
    # Documents (records/documents.py).
    DOCUMENTS_LIST = "documents.list"
    DOCUMENT_UPLOAD = "document.upload"
    DOCUMENT_DOWNLOAD = "document.download"
    DOCUMENT_AMEND = "document.amend"
    # Intake questionnaires (records/intake.py).
    INTAKE_READ = "intake.read"
    INTAKE_ANSWER = "intake.answer"
    INTAKE_READ_HISTORY = "intake.read_history"
    MESSAGE_LIST_THREADS = "message.list_threads"
    MESSAGE_READ_THREAD = "message.read_thread"
    MESSAGE_WRITE = "message.write"
    # The front desk (issue 21): who registered, found, invited the patient, and every
    # change of their appointments (`record_id`: the appointment). No clinical content.
    PATIENT_REGISTER = "patient.register"
    PATIENT_SEARCH = "patient.search"
    PATIENT_INVITE = "patient.invite"
    APPOINTMENTS_DAY = "appointments.day"
    APPOINTMENT_BOOK = "appointment.book"
    APPOINTMENT_RESCHEDULE = "appointment.reschedule"
    APPOINTMENT_CANCEL = "appointment.cancel"
    APPOINTMENT_CHECK_IN = "appointment.check_in"
    APPOINTMENT_NO_SHOW = "appointment.no_show"
    # Family access (accounts/family.py): what a guardian or proxy did with appointments.
    APPOINTMENTS_LIST = "appointments.list"
    APPOINTMENT_READ = "appointment.read"
    APPOINTMENT_CHANGE = "appointment.change"
    ACCESS_LOG_READ = "access_log.read"
    WAITLIST_LIST = "waitlist.list"
    WAITLIST_JOIN = "waitlist.join"
    WAITLIST_LEAVE = "waitlist.leave"


class AccessEvent(Base):
    """Who touched whose data, when, how. Written in the transaction of the access itself.

    Migration 0040 adds triggers that refuse UPDATE and DELETE on this table, on SQLite and
    PostgreSQL. `record_id` is a plain integer (no foreign key): the log outlives anything.
    """

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_patient_at", "patient_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(16))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    request_id: Mapped[str | None] = mapped_column(String(64))
    # "X on behalf of Y": the patient a guardian or proxy (the actor) acted for through
    # family access (`accounts.family`); None when the actor acted as themselves.
    on_behalf_of_id: Mapped[int | None] = mapped_column(Integer)
    # The SMART app (its registered name) through which the access happened (`/fhir/R4`,
    # a bearer token); None for the web app and `/api`.
    app: Mapped[str | None] = mapped_column(String(100))
