import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type AccessGroup } from "../api/types";
import { PATIENT } from "../test/fixtures";
import { AccessLogPage } from "./access-log-page";

const BOB = { id: 3, fullName: "Dr. Bob Jones", role: "doctor" };
const ME = { id: 7, fullName: "Alice Smith", role: "patient" };

function group(actor: typeof BOB, at: string, overrides: Partial<AccessGroup> = {}): AccessGroup {
  const event = { at, actor, action: "records.list", recordId: null, description: "Your medical records — viewed" };
  return {
    actor,
    firstAt: at,
    lastAt: at,
    count: 1,
    summary: "viewed your medical records",
    actions: [{ action: "records.list", count: 1 }],
    events: [event],
    ...overrides,
  };
}

const VISIT = group(BOB, "2026-12-02T09:02:00Z", {
  lastAt: "2026-12-02T09:06:00Z",
  count: 3,
  summary: "viewed your medical records twice and amended a record",
  actions: [
    { action: "records.list", count: 2 },
    { action: "record.amend", count: 1 },
  ],
  events: [
    { at: "2026-12-02T09:06:00Z", actor: BOB, action: "record.amend", recordId: 5, description: "Record of 1 Dec 2026 — amended" },
    { at: "2026-12-02T09:04:00Z", actor: BOB, action: "records.list", recordId: null, description: "Your medical records — viewed" },
  ],
});

describe("AccessLogPage", () => {
  it("shows one line per visit that opens to list each access in words", async () => {
    const calls: string[] = [];
    mockFetch((url) => {
      calls.push(url);
      if (url === "/api/user") return jsonResponse(PATIENT);
      const mine = group(ME, "2026-12-01T08:00:05Z", { lastAt: "2026-12-01T08:00:55Z", count: 2 });
      return jsonResponse([VISIT, mine], { headers: { "X-Total-Count": "2" } });
    });
    const { user } = renderWithProviders(<AccessLogPage />, { path: "/records/access-log" });

    expect(screen.getByRole("heading", { level: 1, name: "Who accessed my records" })).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: "Access to your records, newest first" });
    expect(calls).toContain("/api/access-log/groups?limit=20&offset=0");
    const [visit, mine] = within(list).getAllByRole("button");
    if (visit === undefined || mine === undefined) throw new Error("two lines expected");
    // Times in the patient's zone (Europe/Berlin: UTC+1 in December).
    expect(visit).toHaveAccessibleName(
      /^Dr\. Bob Jones \(doctor\) viewed your medical records twice and amended a record ?Wed 2 Dec 2026, 10:02–10:06 \(Europe\/Berlin\) · 3 accesses$/,
    );
    // Within one minute: one time, not "09:00–09:00".
    expect(mine).toHaveAccessibleName(/^You viewed your medical records ?Tue 1 Dec 2026, 09:00 \(Europe\/Berlin\) · 2 accesses$/);
    expect(visit).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText("Record of 1 Dec 2026 — amended")).not.toBeVisible();

    await user.click(visit);
    expect(visit).toHaveAttribute("aria-expanded", "true");
    const accesses = screen.getByRole("list", { name: "Accesses, Wed 2 Dec 2026, 10:02–10:06 (Europe/Berlin)" });
    expect(visit).toHaveAttribute("aria-controls", accesses.parentElement?.id ?? "?");
    const rows = within(accesses).getAllByRole("listitem");
    expect(rows.map((row) => row.textContent)).toEqual([
      "2 Dec, 10:06:00Record of 1 Dec 2026 — amended",
      "2 Dec, 10:04:00Your medical records — viewed",
    ]);
    const panel = accesses.parentElement as HTMLElement;
    expect(within(panel).getByText("And 1 earlier access of the same kinds.")).toBeVisible();
    expect(screen.getByText("Showing 2 of 2 visits.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show older" })).not.toBeInTheDocument();

    await user.click(visit);
    expect(visit).toHaveAttribute("aria-expanded", "false");
  });

  it("loads older visits page by page", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT);
      const headers = { "X-Total-Count": "21" };
      if (url.endsWith("offset=0")) {
        const page = Array.from({ length: 20 }, (_, i) => group(i % 2 ? BOB : ME, `2026-12-01T${String(10 + (i % 10)).padStart(2, "0")}:${String(i).padStart(2, "0")}:00Z`));
        return jsonResponse(page, { headers });
      }
      if (url.endsWith("offset=20")) return jsonResponse([group(BOB, "2026-11-01T08:00:00Z")], { headers });
      throw new Error(`unexpected ${url}`);
    });
    const { user } = renderWithProviders(<AccessLogPage />, { path: "/records/access-log" });
    const list = await screen.findByRole("list", { name: "Access to your records, newest first" });
    expect(within(list).getAllByRole("button")).toHaveLength(20);
    expect(screen.getByText("Showing 20 of 21 visits.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Show older" }));
    expect(await screen.findByText("Showing 21 of 21 visits.")).toBeInTheDocument();
    expect(within(list).getAllByRole("button")).toHaveLength(21);
    expect(screen.queryByRole("button", { name: "Show older" })).not.toBeInTheDocument();
  });

  it("says so when nobody accessed the records", async () => {
    mockFetch((url) => (url === "/api/user" ? jsonResponse(PATIENT) : jsonResponse([], { headers: { "X-Total-Count": "0" } })));
    renderWithProviders(<AccessLogPage />, { path: "/records/access-log" });
    expect(await screen.findByText("Nobody has accessed your records yet.")).toBeInTheDocument();
  });

  it("names the app a visit went through (FHIR), apart from the same doctor's web visit", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT);
      const viaApp = group(BOB, "2026-12-02T09:10:00Z", { app: "Acme Health" });
      return jsonResponse([viaApp, group(BOB, "2026-12-02T09:09:00Z")], { headers: { "X-Total-Count": "2" } });
    });
    renderWithProviders(<AccessLogPage />, { path: "/records/access-log" });
    const list = await screen.findByRole("list", { name: "Access to your records, newest first" });
    const [viaApp, web] = within(list).getAllByRole("button");
    expect(viaApp).toHaveAccessibleName(/^Dr\. Bob Jones \(doctor\) using the app Acme Health viewed your medical records ?Wed/);
    expect(web).toHaveAccessibleName(/^Dr\. Bob Jones \(doctor\) viewed your medical records ?Wed/);
  });

  it("reads the log of a dependent through Acting for, each line saying on whose behalf", async () => {
    const calls: string[] = [];
    const KID = { id: 40, fullName: "Kim Small" };
    mockFetch((url) => {
      calls.push(url);
      if (url === "/api/user") return jsonResponse(PATIENT);
      if (url === "/api/family") {
        return jsonResponse({
          dependents: [],
          granted: [],
          received: [],
          actingFor: [
            { id: PATIENT.id, fullName: PATIENT.fullName, via: "self", capabilities: ["appointments", "records", "messages"] },
            { ...KID, via: "guardian", capabilities: ["appointments", "records", "messages"] },
          ],
        });
      }
      if (url.includes("patientId=40")) {
        return jsonResponse([group(ME, "2026-12-01T08:00:05Z", { onBehalfOf: KID.fullName, summary: "booked an appointment for you" })], {
          headers: { "X-Total-Count": "1" },
        });
      }
      return jsonResponse([], { headers: { "X-Total-Count": "0" } });
    });
    const { user } = renderWithProviders(<AccessLogPage />, { path: "/records/access-log" });
    expect(await screen.findByText("Nobody has accessed your records yet.")).toBeInTheDocument();

    await user.selectOptions(await screen.findByLabelText("Acting for"), "Kim Small (your dependent)");
    const list = await screen.findByRole("list", { name: "Access to your records, newest first" });
    expect(calls).toContain("/api/access-log/groups?limit=20&offset=0&patientId=40");
    expect(within(list).getByRole("button")).toHaveAccessibleName(/^You on behalf of Kim Small booked an appointment for you/);
  });

  it("shows the server's refusal of someone else's log plainly (?for=)", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT);
      if (url === "/api/family") return jsonResponse({ dependents: [], granted: [], received: [], actingFor: [] });
      return problemResponse(403, {
        status: 403,
        code: "proxy_capability_missing",
        title: "Forbidden",
        detail: "Your access for this patient does not include this.",
      });
    });
    renderWithProviders(<AccessLogPage />, { path: "/records/access-log?for=55", browser: true });
    expect(await screen.findByText("Could not load this access log")).toBeInTheDocument();
    expect(screen.getByText("Your access for this patient does not include this.")).toBeInTheDocument();
  });
});
