import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "../test-helpers";
import { AdminPage } from "./admin-page";

const DOCTOR = makeUser({ id: 3, role: "doctor", fullName: "Bob Jones", specialization: "Cardiology", approved: false });

describe("AdminPage", { timeout: 20_000 }, () => {
  it("suspends a doctor only after a confirmation with a reason", async () => {
    const calls: { url: string; body: unknown }[] = [];
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/user") return jsonResponse(makeUser({ role: "admin" }));
      if (url.startsWith("/api/admin/doctors?")) return jsonResponse([DOCTOR]);
      if (url === "/api/admin/doctors/3/suspend") {
        calls.push({ url, body: jsonBodyOf(init) });
        return jsonResponse({ ...DOCTOR, suspended: true });
      }
      return problemResponse(404, { title: "Not Found" });
    });
    const { user } = renderWithProviders(<AdminPage />, { path: "/admin" });

    await user.click(await screen.findByRole("button", { name: "Suspend Bob Jones" }));
    const dialog = await screen.findByRole("dialog", { name: "Suspend Bob Jones?" });
    await user.click(within(dialog).getByRole("button", { name: "Suspend doctor" }));
    expect(await within(dialog).findByText("Give a reason for the record")).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^Reason/), "Licence could not be verified");
    await user.click(within(dialog).getByRole("button", { name: "Suspend doctor" }));

    expect(await screen.findByText("Bob Jones is suspended")).toBeInTheDocument();
    expect(calls).toEqual([{ url: "/api/admin/doctors/3/suspend", body: { reason: "Licence could not be verified" } }]);
  });

  it("approves a doctor and refreshes the list", async () => {
    let approved = false;
    mockFetch((url) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/user") return jsonResponse(makeUser({ role: "admin" }));
      if (url.startsWith("/api/admin/doctors?")) return jsonResponse(approved ? [] : [DOCTOR]);
      if (url === "/api/admin/doctors/3/approve") {
        approved = true;
        return jsonResponse({ ...DOCTOR, approved: true });
      }
      return problemResponse(404, { title: "Not Found" });
    });
    const { user } = renderWithProviders(<AdminPage />, { path: "/admin" });

    await user.click(await screen.findByRole("button", { name: "Approve Bob Jones" }));

    expect(await screen.findByText("No doctors are waiting")).toBeInTheDocument();
  });
});
