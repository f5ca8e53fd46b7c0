import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { HISTORY, PATIENT, RECORD } from "../test/fixtures";
import { MyRecordsPage } from "./my-records-page";

function serve(url: string): Response {
  if (url === "/api/user") return jsonResponse(PATIENT);
  if (url.startsWith("/api/records/7?")) return jsonResponse([RECORD], { headers: { "X-Total-Count": "1" } });
  if (url === "/api/records/5/history") return jsonResponse(HISTORY);
  return jsonResponse({}, { status: 404 });
}

describe("MyRecordsPage", () => {
  it("shows the patient's records with doctor, prescription, notes and the amendment", async () => {
    mockFetch(serve);
    renderWithProviders(<MyRecordsPage />, { path: "/records" });

    expect(screen.getByRole("heading", { level: 1, name: "Medical records" })).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: /medical records/i });
    const item = within(list).getAllByRole("listitem")[0];
    expect(item).toBeDefined();
    const card = within(item as HTMLElement);
    // Text, not markup: the payload in the diagnosis is shown literally.
    expect(card.getByText(RECORD.diagnosis)).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(card.getByText(/Dr\. Bob Jones/)).toBeInTheDocument();
    expect(card.getByText(RECORD.prescription ?? "")).toBeInTheDocument();
    expect(card.getByText("Amended · version 2")).toBeInTheDocument();
    expect(card.queryByRole("button", { name: "Amend" })).toBeNull();
    // Instants in the patient's zone, named.
    expect(card.getByText(/Tue 1 Dec 2026, 09:00 \(Europe\/Berlin\)/)).toBeInTheDocument();
  });

  it("opens the version history with the reason of each amendment", async () => {
    mockFetch(serve);
    const { user } = renderWithProviders(<MyRecordsPage />, { path: "/records" });

    await user.click(await screen.findByRole("button", { name: "Version history" }));
    const history = await screen.findByRole("list", { name: "Version history" });
    expect(within(history).getByText(/original/)).toBeInTheDocument();
    expect(within(history).getByText("Reason: Specified the type")).toBeInTheDocument();
    expect(within(history).getByText("Diagnosis: Angina")).toBeInTheDocument();
  });

  it("offers the FHIR download as a plain attachment link", async () => {
    mockFetch(serve);
    renderWithProviders(<MyRecordsPage />, { path: "/records" });

    const link = await screen.findByRole("link", { name: /download my data \(fhir\)/i });
    expect(link).toHaveAttribute("href", "/api/patients/7/fhir");
    expect(link).toHaveAttribute("download");
  });

  it("keeps no PHI in browser storage", async () => {
    mockFetch(serve);
    const { user } = renderWithProviders(<MyRecordsPage />, { path: "/records" });
    await user.click(await screen.findByRole("button", { name: "Version history" }));
    await screen.findByRole("list", { name: "Version history" });

    const stored = [localStorage, sessionStorage]
      .flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ""}`))
      .join("\n");
    for (const text of [RECORD.diagnosis, "Nitroglycerin", "stress test", "Angina"]) {
      expect(stored).not.toContain(text);
    }
  });

  it("clears cached records when the session ends (401)", async () => {
    let expired = false;
    mockFetch((url) =>
      expired
        ? new Response(JSON.stringify({ status: 401, code: "unauthenticated" }), {
            status: 401,
            headers: { "Content-Type": "application/problem+json" },
          })
        : serve(url),
    );
    const { queryClient, location } = renderWithProviders(<MyRecordsPage />, { path: "/records" });
    await screen.findByText(RECORD.diagnosis);
    expired = true;
    await queryClient.refetchQueries();
    expect(location.history.at(-1)).toBe("/login?expired=1");
    expect(queryClient.getQueryCache().findAll({ queryKey: ["records"] })).toHaveLength(0);
  });
});
