import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { headerOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type PatientDocument } from "../../api/types";
import { DocumentsSection } from "./documents-section";

const DOCUMENT: PatientDocument = {
  id: 3,
  patientId: 7,
  version: 1,
  title: "Blood count",
  kind: "lab_result",
  status: "current",
  fileName: "blood_count.pdf",
  contentType: "application/pdf",
  size: 2048,
  sha256: "a".repeat(64),
  sha1: "b".repeat(40),
  uploadedAt: "2026-12-01T08:00:00Z",
  uploadedBy: { id: 9, fullName: "Dr. Bob Jones" },
  updatedAt: "2026-12-01T08:00:00Z",
  updatedBy: { id: 9, fullName: "Dr. Bob Jones" },
  reason: null,
};

describe("DocumentsSection", () => {
  it("lists documents with an attachment download link", async () => {
    mockFetch(() => jsonResponse([DOCUMENT], { headers: { "X-Total-Count": "1" } }));
    renderWithProviders(<DocumentsSection patientId={7} timeZone="UTC" viewerId={7} doctor={false} />);
    const table = await screen.findByRole("table", { name: /documents/i });
    expect(within(table).getByRole("rowheader", { name: /blood count/i })).toBeInTheDocument();
    const link = within(table).getByRole("link", { name: /download blood count/i });
    expect(link).toHaveAttribute("href", "/api/patients/7/documents/3/content");
    expect(link).toHaveAttribute("download", "blood_count.pdf");
    // a patient cannot mark a doctor's document
    expect(within(table).queryByRole("button", { name: /entered in error/i })).toBeNull();
  });

  it("uploads multipart form data and explains a refused file type", async () => {
    const sent: RequestInit[] = [];
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (init.method === "POST") {
        sent.push(init);
        return problemResponse(422, { code: "unsupported_file_type", detail: "file: must be a PDF" });
      }
      return jsonResponse([], { headers: { "X-Total-Count": "0" } });
    });
    const { user } = renderWithProviders(
      <DocumentsSection patientId={7} timeZone="UTC" viewerId={9} doctor />,
    );
    await screen.findByText("No documents yet.");
    const file = new File(["MZ\x90"], "report.pdf", { type: "application/pdf" });
    await user.upload(screen.getByLabelText(/file \(pdf, png or jpeg\)/i), file);
    await user.type(screen.getByLabelText(/title/i), "Lab");
    expect(screen.getByLabelText(/kind/i)).toHaveValue("lab_result");
    await user.click(screen.getByRole("button", { name: "Upload document" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/not a PDF, PNG or JPEG/);
    const body = sent[0]?.body;
    expect(body).toBeInstanceOf(FormData);
    expect((body as FormData).get("title")).toBe("Lab");
    expect(headerOf(sent[0], "Content-Type")).toBeNull();
  });
});
