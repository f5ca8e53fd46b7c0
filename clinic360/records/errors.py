"""Errors of the records domain (status and code live on each class)."""

from clinic360.core.errors import Conflict, DomainError, Forbidden, ValidationFailed


class DoctorNotApproved(Forbidden):
    code = "doctor_not_approved"
    detail = "Your doctor account is not approved (or is suspended): no patient data is shown."


class NotAuthor(Forbidden):
    code = "not_author"
    detail = "Only the doctor who wrote a record may amend it."


class AppointmentMismatch(ValidationFailed):
    def __init__(self) -> None:
        super().__init__(
            {"appointmentId": "must be a non-cancelled appointment of this patient with you"}
        )


class VersionConflict(Conflict):
    code = "version_conflict"
    detail = "The record was amended since you opened it. Reload it and amend again."


class IntegrityCheckFailed(DomainError):
    """A stored version no longer matches its content hash (edited outside the app)."""

    status = 409
    code = "integrity_check_failed"
    detail = "A stored record failed its integrity check. The operators have been alerted."


class UnknownCode(ValidationFailed):
    """A coded field (status, severity) holds a value outside its value set."""

    code = "unknown_code"


class InFuture(ValidationFailed):
    """A date or instant that must lie in the past (an onset, a measurement) does not."""

    code = "in_future"


class StopBeforeStart(ValidationFailed):
    """An end (stop, resolved) before its start (start, onset)."""

    code = "stop_before_start"


class ImplausibleValue(ValidationFailed):
    """A vital sign outside its plausibility range (a typing error, not a finding)."""

    code = "implausible_value"


class ChartLimitReached(ValidationFailed):
    code = "chart_limit_reached"


class UnsupportedFileType(ValidationFailed):
    """A file that is not a PDF, PNG or JPEG by its content (whatever its name says)."""

    code = "unsupported_file_type"


class EmptyFile(ValidationFailed):
    code = "empty_file"


class FileTooLarge(DomainError):
    status = 413
    code = "file_too_large"
    detail = "The file is larger than this clinic accepts."


class DocumentLimitReached(ValidationFailed):
    code = "document_limit_reached"


class NotUploader(Forbidden):
    code = "not_uploader"
    detail = "A patient may only mark the documents they uploaded themselves."


class InvalidQuestion(ValidationFailed):
    """An intake question of the wrong shape (options on a text question, maps_to on a
    number, too many questions)."""

    code = "invalid_question"


class InvalidAnswer(ValidationFailed):
    """An intake answer of the wrong shape for its question, a required one missing, or an
    answer to a question the visit's questionnaire does not ask. Never echoes the value."""

    code = "invalid_answer"


class IntakeLimitReached(ValidationFailed):
    code = "intake_limit_reached"


class IntakeClosed(Conflict):
    code = "intake_closed"
    detail = "This visit has started, ended or was cancelled: its intake can no longer be answered."


class NoQuestionnaire(Conflict):
    code = "no_questionnaire"
    detail = "This visit's type has no intake questions to answer."


class NotTakeable(ValidationFailed):
    """The answer cannot become a chart entry (not answered, not mapped, too long)."""

    code = "not_takeable"


class AlreadyTaken(Conflict):
    code = "already_taken"
    detail = "This answer is already in the patient's list."
