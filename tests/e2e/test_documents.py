"""Documents in a real browser (issue 19): the doctor uploads a lab PDF on the patient's page
(and a renamed executable is refused with a clear message); the patient sees it on their
medical records and downloads it, byte for byte. Axe runs on both pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.flows import api_register, signed_in_context, watch_errors
from tests.factories import TINY_PDF, insert_appointment
from tests.live import LiveServer

pytestmark = pytest.mark.e2e


def test_doctor_uploads_a_lab_pdf_and_the_patient_downloads_it(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    patient = api_register(live_server, "patient", fullName="Paula Paper")
    doctor = api_register(live_server, "doctor", fullName="Dora Doc", specialization="GP")
    when = datetime.now(UTC) - timedelta(days=3)
    insert_appointment(live_server.app(), patient.id, doctor.id, when, status="completed")
    pdf, exe = tmp_path / "blood count.pdf", tmp_path / "invoice.pdf"
    pdf.write_bytes(TINY_PDF)
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)

    context = signed_in_context(browser, live_server, doctor.username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(f"/patients/{patient.id}")
    documents = page.get_by_role("region", name="Documents")
    expect(documents.get_by_text("No documents yet.")).to_be_visible()
    form = documents.get_by_role("form", name="Upload a document")
    form.get_by_label("File (PDF, PNG or JPEG)").set_input_files(str(exe))
    form.get_by_label("Title").fill("Invoice")
    form.get_by_role("button", name="Upload document").click()
    expect(form.get_by_role("alert")).to_contain_text("not a PDF, PNG or JPEG")
    form.get_by_label("File (PDF, PNG or JPEG)").set_input_files(str(pdf))
    form.get_by_label("Title").fill("Blood count")
    form.get_by_role("button", name="Upload document").click()
    table = documents.get_by_role("table", name="Documents, newest first")
    expect(table.get_by_role("rowheader", name="Blood count", exact=False)).to_be_visible()
    expect(table).to_contain_text("Lab result")
    assert_no_axe_violations(page, "doctor's patient page with a document")
    assert errors == []
    context.close()

    context = signed_in_context(browser, live_server, patient.username)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto("/records")
    documents = page.get_by_role("region", name="Documents")
    expect(documents.get_by_role("rowheader", name="Blood count", exact=False)).to_be_visible()
    assert_no_axe_violations(page, "patient's medical records with a document")
    with page.expect_download() as download_info:
        documents.get_by_role("link", name="Download Blood count").click()
    download = download_info.value
    assert download.suggested_filename == "blood_count.pdf"
    assert download.path().read_bytes() == TINY_PDF
    assert errors == []
    context.close()
