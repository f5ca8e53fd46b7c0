import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { headerOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { DOCTORS, threadDetail } from "../test/fixtures";
import { NewThreadForm } from "./new-thread-form";
import { ReplyForm } from "./reply-form";

interface Sent {
  url: string;
  init: RequestInit;
}

function server(answer: () => Response) {
  const sent: Sent[] = [];
  mockFetch((url, init) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (init.method === "POST") {
      sent.push({ url, init });
      return answer();
    }
    return jsonResponse([]);
  });
  return sent;
}

const PDF = new File(["%PDF-1.4"], "food diary.pdf", { type: "application/pdf" });

describe("NewThreadForm", () => {
  it("offers the reply's optional file field, with the same label and accepted types", () => {
    server(() => jsonResponse({}));
    renderWithProviders(
      <>
        <NewThreadForm doctors={DOCTORS} />
        <ReplyForm threadId={5} reopens={false} hint="" />
      </>,
    );
    const [mine, reply] = screen.getAllByLabelText("Attach a file (optional)");
    expect(mine).toHaveAttribute("type", "file");
    expect(mine).toHaveAttribute("accept", ".pdf,.png,.jpg,.jpeg");
    expect(mine).toHaveAttribute("accept", reply?.getAttribute("accept") ?? "");
    expect(mine).toHaveAccessibleDescription("PDF, PNG or JPEG. It is also added to the patient's documents.");
  });

  it("starts a thread with a file as multipart form data and opens it", async () => {
    const sent = server(() => jsonResponse(threadDetail(), { status: 201 }));
    const { user, location } = renderWithProviders(<NewThreadForm doctors={DOCTORS} patientId={21} />, {
      path: "/messages/new",
    });
    await user.type(screen.getByLabelText(/Subject/), "  Tablets ");
    await user.type(screen.getByLabelText(/^Message/), "My food diary.");
    await user.upload(screen.getByLabelText("Attach a file (optional)"), PDF);
    await user.click(screen.getByRole("button", { name: "Send message" }));

    await waitFor(() => {
      expect(location.history.at(-1)).toBe("/messages/5");
    });
    expect(sent.map((s) => s.url)).toEqual(["/api/messages/threads/attachments"]);
    const form = sent[0]?.init.body;
    expect(form).toBeInstanceOf(FormData);
    const fields = form as FormData;
    expect(fields.get("doctorId")).toBe("3");
    expect(fields.get("patientId")).toBe("21");
    expect(fields.get("subject")).toBe("Tablets");
    expect(fields.get("body")).toBe("My food diary.");
    expect((fields.get("file") as File).name).toBe("food diary.pdf");
    expect(headerOf(sent[0]?.init, "Content-Type")).toBeNull();
  });

  it("sends JSON to the plain endpoint without a file, and no patientId for oneself", async () => {
    const sent = server(() => jsonResponse(threadDetail(), { status: 201 }));
    const { user } = renderWithProviders(<NewThreadForm doctors={DOCTORS} />);
    await user.type(screen.getByLabelText(/Subject/), "Tablets");
    await user.type(screen.getByLabelText(/^Message/), "With food?");
    await user.click(screen.getByRole("button", { name: "Send message" }));
    await waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]?.url).toBe("/api/messages/threads");
    expect(JSON.parse(sent[0]?.init.body as string)).toEqual({ doctorId: 3, subject: "Tablets", body: "With food?" });
  });

  it.each([
    [422, "unsupported_file_type", "The file is not a PDF, PNG or JPEG. Choose one of those."],
    [422, "empty_file", "The file is empty. Choose another file."],
    [413, "file_too_large", "The file is too large. Choose a smaller one."],
  ])("explains a refused file (%i %s) as the reply form does and stays on the form", async (status, code, text) => {
    const errors = status === 422 ? { errors: { file: "refused" } } : {};
    server(() => problemResponse(status, { code, detail: "file: refused", ...errors }));
    const { user, location } = renderWithProviders(<NewThreadForm doctors={DOCTORS} />, { path: "/messages/new" });
    await user.type(screen.getByLabelText(/Subject/), "Tablets");
    await user.type(screen.getByLabelText(/^Message/), "My food diary.");
    await user.upload(screen.getByLabelText("Attach a file (optional)"), PDF);
    await user.click(screen.getByRole("button", { name: "Send message" }));
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(location.history.at(-1)).toBe("/messages/new");
    expect(screen.getByLabelText(/Subject/)).toHaveValue("Tablets");
  });

  it("shows a field error of the server at its field", async () => {
    server(() => problemResponse(422, { code: "validation_error", errors: { subject: "must be one line" } }));
    const { user } = renderWithProviders(<NewThreadForm doctors={DOCTORS} />);
    await user.type(screen.getByLabelText(/Subject/), "Tablets");
    await user.type(screen.getByLabelText(/^Message/), "With food?");
    await user.upload(screen.getByLabelText("Attach a file (optional)"), PDF);
    await user.click(screen.getByRole("button", { name: "Send message" }));
    expect(await screen.findByText("must be one line")).toBeInTheDocument();
    expect(screen.getByLabelText(/Subject/)).toHaveAttribute("aria-invalid", "true");
  });
});
