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
      if (url === "/api/admin/users/3/suspend") {
        calls.push({ url, body: jsonBodyOf(init) });
        return jsonResponse({ ...DOCTOR, suspended: true });
      }
      return problemResponse(404, { title: "Not Found" });
    });
    const { user } = renderWithProviders(<AdminPage />, { path: "/admin" });

    await user.click(await screen.findByRole("button", { name: "Suspend Bob Jones" }));
    const dialog = await screen.findByRole("dialog", { name: "Suspend Bob Jones?" });
    await user.click(within(dialog).getByRole("button", { name: "Suspend account" }));
    expect(await within(dialog).findByText("Give a reason for the record")).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^Reason/), "Licence could not be verified");
    await user.click(within(dialog).getByRole("button", { name: "Suspend account" }));

    expect(await screen.findByText("Bob Jones is suspended")).toBeInTheDocument();
    expect(calls).toEqual([{ url: "/api/admin/users/3/suspend", body: { reason: "Licence could not be verified" } }]);
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

  it("adds, renames and retires specializations", async () => {
    const calls: { method: string; url: string; body: unknown }[] = [];
    let entries = [
      { id: 1, name: "cardiology", active: true, doctorCount: 2 },
      { id: 2, name: "Neurology", active: true, doctorCount: 0 },
    ];
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/user") return jsonResponse(makeUser({ role: "admin" }));
      if (url.startsWith("/api/admin/doctors?")) return jsonResponse([]);
      if (url === "/api/admin/specializations" && init.method === "POST") {
        const body = jsonBodyOf(init);
        calls.push({ method: "POST", url, body });
        if (body.name === "NEUROLOGY") {
          return problemResponse(409, { title: "Conflict", code: "specialization_taken" });
        }
        const added = { id: 3, name: String(body.name), active: true, doctorCount: 0 };
        entries = [...entries, added];
        return jsonResponse(added, { status: 201 });
      }
      if (url === "/api/admin/specializations") return jsonResponse(entries);
      const match = /^\/api\/admin\/specializations\/(\d+)$/.exec(url);
      if (match !== null && init.method === "PUT") {
        const body = jsonBodyOf(init);
        calls.push({ method: "PUT", url, body });
        entries = entries.map((e) => (e.id === Number(match[1]) ? { ...e, ...body } : e));
        return jsonResponse(entries.find((e) => e.id === Number(match[1])));
      }
      return problemResponse(404, { title: "Not Found" });
    });
    const { user } = renderWithProviders(<AdminPage />, { path: "/admin" });

    const section = await screen.findByRole("region", { name: "Specializations" });
    const list = await within(section).findByRole("list", { name: "Specializations" });
    expect(within(list).getByText("2 doctors")).toBeInTheDocument();

    // A name the list has (ignoring case) is refused next to the field.
    await user.type(within(section).getByLabelText("New specialization"), "NEUROLOGY");
    await user.click(within(section).getByRole("button", { name: "Add" }));
    expect(await within(section).findByText(/already has this specialization/)).toBeInTheDocument();
    await user.clear(within(section).getByLabelText("New specialization"));
    await user.type(within(section).getByLabelText("New specialization"), "Dermatology");
    await user.click(within(section).getByRole("button", { name: "Add" }));
    expect(await within(list).findByText("Dermatology")).toBeInTheDocument();

    await user.click(within(list).getByRole("button", { name: "Rename cardiology" }));
    const dialog = await screen.findByRole("dialog", { name: "Rename cardiology" });
    expect(within(dialog).getByText("The 2 doctors who have it show the new name.")).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText(/^Name/));
    await user.type(within(dialog).getByLabelText(/^Name/), "Cardiology");
    await user.click(within(dialog).getByRole("button", { name: "Save name" }));
    expect(await within(list).findByRole("button", { name: "Retire Cardiology" })).toBeInTheDocument();

    await user.click(within(list).getByRole("button", { name: "Retire Cardiology" }));
    expect(await within(list).findByRole("button", { name: "Reinstate Cardiology" })).toBeInTheDocument();
    expect(within(list).getByText("Retired")).toBeInTheDocument();

    expect(calls).toEqual([
      { method: "POST", url: "/api/admin/specializations", body: { name: "NEUROLOGY" } },
      { method: "POST", url: "/api/admin/specializations", body: { name: "Dermatology" } },
      { method: "PUT", url: "/api/admin/specializations/1", body: { name: "Cardiology" } },
      { method: "PUT", url: "/api/admin/specializations/1", body: { active: false } },
    ]);
  });
});
