import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { IntakePanel } from "./intake-panel";

const QUESTIONS = [
  { id: 1, position: 0, kind: "text", prompt: "Any allergies?", options: null, required: false, mapsTo: "allergies" },
  { id: 2, position: 1, kind: "yes_no", prompt: "Do you smoke?", options: null, required: true, mapsTo: null },
  { id: 3, position: 2, kind: "several_choices", prompt: "Which medicines?", options: ["Aspirin", "Ramipril"], required: false, mapsTo: "medications" },
];
const EMPTY = { appointmentId: 5, patientId: 7, mayAnswer: true, questions: QUESTIONS, response: null, taken: [] };
const ANSWERED = {
  ...EMPTY,
  response: {
    version: 1,
    writtenAt: "2026-12-01T08:00:00Z",
    writtenBy: { id: 7, fullName: "Ivy" },
    answers: [
      { questionId: 1, kind: "text", prompt: "Any allergies?", mapsTo: "allergies", value: "Penicillin" },
      { questionId: 3, kind: "several_choices", prompt: "Which medicines?", mapsTo: "medications", value: ["Aspirin", "Ramipril"] },
    ],
  },
  taken: [{ questionId: 3, value: "Aspirin", list: "medications", entryId: 9 }],
};

const SECOND = { ...ANSWERED, response: { ...ANSWERED.response, version: 2, writtenAt: "2026-12-02T08:00:00Z" } };
const VERSIONS = [
  { ...ANSWERED.response, answers: [{ questionId: 1, kind: "text", prompt: "Any allergies?", mapsTo: "allergies", value: "Latex" }] },
  SECOND.response,
];

function server(intake: unknown, onWrite: (url: string, body: unknown) => Response) {
  const sent: { url: string; body: unknown }[] = [];
  mockFetch((url, init) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if ((init.method ?? "GET") !== "GET") {
      const body = JSON.parse(typeof init.body === "string" ? init.body : "null") as unknown;
      sent.push({ url, body });
      return onWrite(url, body);
    }
    if (url === "/api/appointments/5/intake") return jsonResponse(intake);
    if (url === "/api/appointments/5/intake/versions") return jsonResponse(VERSIONS);
    return problemResponse(404, { code: "not_found" });
  });
  return sent;
}

describe("IntakePanel", () => {
  it("shows the server's error under its question and announces it, then saves", async () => {
    let attempt = 0;
    const sent = server(EMPTY, () => {
      attempt += 1;
      return attempt === 1
        ? problemResponse(422, { code: "invalid_answer", detail: "answers.2: is required", errors: { "answers.2": "is required" } })
        : jsonResponse({ ...ANSWERED, taken: [] });
    });
    const { user } = renderWithProviders(<IntakePanel appointmentId={5} viewer="patient" />);
    const region = await screen.findByRole("region", { name: "Before your visit" });
    await user.type(within(region).getByLabelText("Any allergies?"), "Penicillin");
    await user.click(within(region).getByRole("checkbox", { name: "Aspirin" }));
    await user.click(within(region).getByRole("button", { name: "Save answers" }));

    expect(await within(region).findByRole("alert")).toHaveTextContent("Some answers need another look.");
    const smoking = within(region).getByRole("group", { name: /Do you smoke/ });
    expect(smoking).toHaveAttribute("aria-invalid", "true");
    expect(smoking).toHaveAccessibleDescription("is required");
    expect(sent[0]?.body).toEqual({
      answers: [
        { questionId: 1, value: "Penicillin" },
        { questionId: 2, value: null },
        { questionId: 3, value: ["Aspirin"] },
      ],
      baseVersion: null,
    });

    await user.click(within(smoking).getByRole("radio", { name: "No" }));
    await user.click(within(region).getByRole("button", { name: "Save answers" }));
    expect(await within(region).findByRole("status")).toHaveTextContent("Your answers are saved");
    expect(sent[1]?.body).toMatchObject({ answers: [{ questionId: 1 }, { questionId: 2, value: false }, { questionId: 3 }] });
  });

  it("gives the doctor one button per answer not yet in the list", async () => {
    const sent = server(ANSWERED, () => jsonResponse({ questionId: 1, value: "Penicillin", list: "allergies", entryId: 4 }, { status: 201 }));
    const { user } = renderWithProviders(<IntakePanel appointmentId={5} viewer="doctor" />);
    const region = await screen.findByRole("region", { name: "Intake answers" });
    expect(within(region).getByText("Aspirin is in the medications list")).toBeInTheDocument();
    expect(within(region).queryByRole("button", { name: "Add Aspirin to medications" })).not.toBeInTheDocument();
    expect(within(region).getByRole("button", { name: "Add Ramipril to medications" })).toBeInTheDocument();
    await user.click(within(region).getByRole("button", { name: "Add Penicillin to allergies" }));
    await waitFor(() => {
      expect(sent).toEqual([{ url: "/api/appointments/5/intake/take", body: { questionId: 1 } }]);
    });
  });

  it("shows the earlier versions of the answers to the doctor and the patient, on demand", async () => {
    server({ ...SECOND, mayAnswer: false }, () => problemResponse(405, { code: "method_not_allowed" }));
    for (const viewer of ["doctor", "patient"] as const) {
      const { user, unmount } = renderWithProviders(<IntakePanel appointmentId={5} viewer={viewer} />);
      const toggle = await screen.findByRole("button", { name: "Earlier versions of the answers (2 in all)" });
      expect(toggle).toHaveAttribute("aria-expanded", "false");
      expect(screen.queryByText("Latex")).not.toBeInTheDocument();
      await user.click(toggle);
      const list = await screen.findByRole("list", { name: "Intake answer versions, oldest first" });
      expect(within(list).getAllByRole("listitem")).toHaveLength(2);
      expect(within(list).getByText("Latex")).toBeInTheDocument();
      expect(within(list).getByText(/Version 1/)).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Hide earlier versions" })).toHaveAttribute("aria-expanded", "true");
      unmount();
    }
  });

  it("offers no earlier versions of a first answer set", async () => {
    server(ANSWERED, () => problemResponse(405, { code: "method_not_allowed" }));
    renderWithProviders(<IntakePanel appointmentId={5} viewer="doctor" />);
    await screen.findByRole("region", { name: "Intake answers" });
    expect(screen.queryByRole("button", { name: /Earlier versions/ })).not.toBeInTheDocument();
  });
});
