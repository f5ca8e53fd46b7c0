"""Documents (issue 19): upload, sniffing, limits, list, download headers, access log, the
patient's email, entered in error; both databases and both storage back ends."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.documentreference import DocumentReference
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from clinic360.core.db import db
from clinic360.outbox.models import OutboxEmail
from clinic360.records.documents_models import Document, DocumentBlob
from tests.factories import TINY_JPEG, TINY_PDF, TINY_PNG, send_upload, upload_document
from tests.helpers import problem, rendered_outbox_email
from tests.records.conftest import AddAppointment, People
from tests.records.test_fhir import _export, _references

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56
HTML = b"<!doctype html><script>alert(1)</script>"


def _in_care(people: People, add_appointment: AddAppointment) -> None:
    add_appointment(people.p1, people.d1)


def test_doctor_uploads_each_type_and_the_patient_downloads_it(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    for data, name, content_type in (
        (TINY_PDF, "blood count.pdf", "application/pdf"),
        (TINY_PNG, "x-ray.png", "image/png"),
        (TINY_JPEG, "scan.jpeg", "image/jpeg"),
    ):
        made = upload_document(people.d1, people.p1.id, data=data, name=name)
        assert made["contentType"] == content_type
        assert made["size"] == len(data)
        assert made["sha256"] == hashlib.sha256(data).hexdigest()
        assert made["status"] == "current" and made["kind"] == "lab_result"
        answer = people.p1.client.get(
            f"/api/patients/{people.p1.id}/documents/{made['id']}/content"
        )
        assert answer.status_code == 200 and answer.data == data
        assert answer.mimetype == content_type
        assert answer.headers["Content-Disposition"].startswith("attachment; filename=")
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Content-Security-Policy"].startswith("sandbox;")
    assert made["fileName"] == "scan.jpg"  # cleaned, and the sniffed type's extension
    listed = people.p1.client.call("GET", f"/api/patients/{people.p1.id}/documents")
    assert [d["contentType"] for d in listed] == ["image/jpeg", "image/png", "application/pdf"]


def test_the_type_is_read_from_the_bytes_never_the_name(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    for data in (ELF, MZ, HTML, b"GIF89a" + b"\x00" * 10):
        response = send_upload(
            people.d1.client, f"/api/patients/{people.p1.id}/documents", data=data,
            name="report.pdf",
        )  # fmt: skip
        problem(response, 422, "unsupported_file_type")
    named_badly = upload_document(people.d1, people.p1.id, data=TINY_PNG, name="../../etc/x.pdf")
    assert named_badly["contentType"] == "image/png"
    assert named_badly["fileName"] == "etc_x.png"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Document)) == 1


def test_empty_too_large_and_bad_fields(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    app.config["DOCUMENT_MAX_BYTES"] = 2048
    path = f"/api/patients/{people.p1.id}/documents"
    send = people.d1.client._unsafe

    def up(**form: Any) -> Any:
        return send_upload(people.d1.client, path, **form)

    problem(up(data=b""), 422, "empty_file")
    people.d1.client.csrf_token(refresh=True)
    no_file = send("POST", path, data={"title": "x"}, content_type="multipart/form-data")
    problem(no_file, 422, "empty_file")
    form = send("POST", path, data={"title": "x"})  # url-encoded: only multipart is taken
    problem(form, 415, "unsupported_media_type")
    big = TINY_PDF + b"0" * 4096  # above the file limit, within the body allowance
    problem(up(data=big), 413, "file_too_large")
    huge = TINY_PDF + b"0" * (200 * 1024)  # above the whole body allowance
    problem(up(data=huge), 413, "file_too_large")
    problem(up(kind="x-ray"), 422, "unknown_code")
    problem(up(title=" "), 422, "validation_error")
    problem(send("POST", path, {"title": "json"}), 415, "unsupported_media_type")
    app.config["DOCUMENT_MAX_PER_PATIENT"] = 1
    upload_document(people.d1, people.p1.id)
    problem(up(), 422, "document_limit_reached")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Document)) == 1


def test_not_in_care_and_other_patients_get_404(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    made = upload_document(people.d1, people.p1.id)
    own = upload_document(people.p1, people.p1.id, kind="report")
    assert own["uploadedBy"]["id"] == people.p1.id
    base = f"/api/patients/{people.p1.id}/documents"
    for intruder in (people.d2, people.p2):
        problem(intruder.client.get(base), 404, "not_found")
        problem(intruder.client.get(f"{base}/{made['id']}/content"), 404, "not_found")
        problem(send_upload(intruder.client, base), 404, "not_found")
        problem(
            intruder.client._unsafe(
                "PUT", f"{base}/{made['id']}", {"status": "entered_in_error", "reason": "x"}
            ),
            404,
            "not_found",
        )
    # another patient's document id under this patient: 404 as well
    add_appointment(people.p2, people.d1)
    theirs = upload_document(people.d1, people.p2.id)
    problem(people.p1.client.get(f"{base}/{theirs['id']}/content"), 404, "not_found")


def test_access_log_and_the_email_without_title(
    app: OpenAPI, people: People, add_appointment: AddAppointment, audit_count
) -> None:
    _in_care(people, add_appointment)
    made = upload_document(people.d1, people.p1.id, title="CANARY-title-hba1c")
    upload_document(people.p1, people.p1.id)
    people.d1.client.call("GET", f"/api/patients/{people.p1.id}/documents")
    people.p1.client.get(f"/api/patients/{people.p1.id}/documents/{made['id']}/content")
    assert audit_count(patient_id=people.p1.id, action="document.upload") == 2
    assert audit_count(patient_id=people.p1.id, action="documents.list") == 1
    assert audit_count(action="document.download", record_id=made["id"]) == 1
    with app.app_context():
        rows = db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.kind == "document_available")
        ).all()
        assert [(r.recipient_id, r.params) for r in rows] == [(people.p1.id, {})]
        row_id = rows[0].id
    email = rendered_outbox_email(app, row_id)
    text = " ".join(email.values())
    assert "A new document is available" in email["subject"]
    assert "CANARY" not in text and "hba1c" not in text.lower()


def test_entered_in_error_keeps_the_file(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    made = upload_document(people.d1, people.p1.id)
    base = f"/api/patients/{people.p1.id}/documents/{made['id']}"
    problem(
        people.p1.client._unsafe("PUT", base, {"status": "entered_in_error", "reason": "mine?"}),
        403,
        "not_uploader",
    )
    problem(people.d1.client._unsafe("PUT", base, {"status": "entered_in_error"}), 422,
            "validation_error")  # fmt: skip
    marked = people.d1.client.call(
        "PUT", base, {"status": "entered_in_error", "reason": "wrong patient", "baseVersion": 1}
    )
    assert (marked["status"], marked["version"], marked["reason"]) == (
        "entered_in_error", 2, "wrong patient"
    )  # fmt: skip
    problem(
        people.d1.client._unsafe("PUT", base, {"reason": "again", "baseVersion": 1}),
        409,
        "version_conflict",
    )
    listed = people.p1.client.call("GET", f"/api/patients/{people.p1.id}/documents")
    assert [d["status"] for d in listed] == ["entered_in_error"]
    assert people.p1.client.get(f"{base}/content").data == TINY_PDF
    own = upload_document(people.p1, people.p1.id, kind="report")
    people.p1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/documents/{own['id']}",
        {"status": "entered_in_error", "reason": "duplicate"},
    )


def test_storage_follows_the_database(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    made = upload_document(people.d1, people.p1.id, data=TINY_PNG)
    folder = Path(app.instance_path) / "documents"
    stored = folder / made["sha256"][:2] / made["sha256"]
    with app.app_context():
        blobs = db.session.scalar(select(func.count()).select_from(DocumentBlob))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        assert blobs == 1 and not stored.exists()
    else:
        assert blobs == 0 and stored.read_bytes() == TINY_PNG
        assert stored.stat().st_mode & 0o777 == 0o600
    app.config["DOCUMENT_STORAGE"] = "database"
    again = upload_document(people.d1, people.p1.id, data=TINY_JPEG)
    twice = upload_document(people.p1, people.p1.id, data=TINY_JPEG)  # the same bytes: one blob
    assert twice["sha256"] == again["sha256"] and twice["id"] != again["id"]
    with app.app_context():
        assert db.session.get(DocumentBlob, again["sha256"]) is not None
        keys = db.session.scalars(select(DocumentBlob.key)).all()
        assert keys.count(again["sha256"]) == 1
    got = people.p1.client.get(f"/api/patients/{people.p1.id}/documents/{again['id']}/content")
    assert got.data == TINY_JPEG


def test_fhir_export_has_document_references(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    lab = upload_document(people.d1, people.p1.id, title="Blood count")
    own = upload_document(people.p1, people.p1.id, data=TINY_PNG, kind="other", title="Old scan")
    people.p1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/documents/{own['id']}",
        {"status": "entered_in_error", "reason": "duplicate"},
    )
    bundle = _export(people.p1, people.p1)
    Bundle.model_validate(bundle)
    assert set(_references(bundle)) <= {entry["fullUrl"] for entry in bundle["entry"]}
    refs = {
        e["resource"]["id"]: DocumentReference.model_validate(e["resource"])
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "DocumentReference"
    }
    first, second = refs[f"document-{lab['id']}"], refs[f"document-{own['id']}"]
    assert (first.status, second.status) == ("current", "entered-in-error")
    assert first.type.coding[0].code == "11502-2" and first.description == "Blood count"
    attachment = first.content[0].attachment
    assert attachment.contentType == "application/pdf" and attachment.size == len(TINY_PDF)
    assert attachment.url.endswith(f"/api/patients/{people.p1.id}/documents/{lab['id']}/content")
    raw = next(e["resource"] for e in bundle["entry"] if e["resource"]["id"] == first.id)
    sha1 = base64.b64decode(raw["content"][0]["attachment"]["hash"])
    assert sha1 == hashlib.sha1(TINY_PDF).digest()  # noqa: S324
    assert second.author[0].reference == first.subject.reference  # the patient uploaded it


def test_the_database_refuses_deleting_or_rewriting_documents(
    app: OpenAPI, people: People, add_appointment: AddAppointment
) -> None:
    _in_care(people, add_appointment)
    app.config["DOCUMENT_STORAGE"] = "database"
    upload_document(people.d1, people.p1.id)
    with app.app_context():
        for statement in (
            "DELETE FROM document_versions",
            "UPDATE document_versions SET title = 'x'",
            "DELETE FROM documents",
            "UPDATE documents SET storage_key = 'x'",
            "UPDATE document_blobs SET key = key",
            "DELETE FROM document_blobs",
        ):
            with pytest.raises(DBAPIError), db.engine.begin() as conn:
                conn.execute(text(statement))
        assert db.session.scalar(select(func.count()).select_from(Document)) == 1
