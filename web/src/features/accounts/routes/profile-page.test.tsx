import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type User } from "../types";
import { makeUser } from "../test-helpers";
import { ProfilePage } from "./profile-page";

const SPECIALIZATIONS = [
  { id: 4, name: "Cardiology", active: true },
  { id: 9, name: "Neurology", active: true },
];

function server(user: User, put: (body: Record<string, unknown>) => Response) {
  return mockFetch((url, init) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/specializations") return jsonResponse(SPECIALIZATIONS);
    if (url === "/api/user" && init.method === "PUT") return put(jsonBodyOf(init));
    if (url === "/api/user") return jsonResponse(user);
    return problemResponse(404, { title: "Not Found" });
  });
}

describe("ProfilePage", { timeout: 20_000 }, () => {
  it("shows doctor fields to doctors only", async () => {
    server(makeUser({ role: "doctor", specialization: "Cardiology", specializationId: 4, slotMinutes: 20 }), () =>
      jsonResponse({}),
    );
    const doctor = renderWithProviders(<ProfilePage />, { path: "/profile" });
    const select = await screen.findByLabelText(/^Specialization/);
    await waitFor(() => {
      expect(select).toHaveDisplayValue("Cardiology");
    });
    expect(select).toHaveValue("4");
    expect(screen.getByLabelText(/^Appointment length/)).toHaveValue("20");
    doctor.unmount();

    server(makeUser(), () => jsonResponse({}));
    renderWithProviders(<ProfilePage />, { path: "/profile" });
    expect(await screen.findByLabelText(/^Full name/)).toHaveValue("Alice Smith");
    expect(screen.queryByLabelText(/^Specialization/)).not.toBeInTheDocument();
  });

  it("lets a doctor write the address, languages (a list) and bio patients see", async () => {
    const sent: Record<string, unknown>[] = [];
    const doctor = makeUser({ role: "doctor", specialization: "Cardiology", specializationId: 4, languages: ["en"] });
    server(doctor, (body) => {
      sent.push(body);
      return jsonResponse({ ...doctor, ...body });
    });
    const { user } = renderWithProviders(<ProfilePage />, { path: "/profile" });
    const form = await screen.findByRole("form", { name: "Public profile" });
    await user.type(within(form).getByLabelText(/^Address/), "12 High Street, Leeds");
    await user.selectOptions(within(form).getByLabelText(/^Add a language/), "fr");
    await user.click(within(form).getByRole("button", { name: "Add" }));
    await user.click(within(form).getByRole("button", { name: "Remove English" }));
    const list = within(form).getByRole("list", { name: "Languages you speak" });
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["French"]);
    await user.type(within(form).getByLabelText(/^Bio/), "Twenty years in cardiology.");
    await user.click(within(form).getByRole("button", { name: "Save public profile" }));
    await waitFor(() => {
      expect(sent).toEqual([{ address: "12 High Street, Leeds", bio: "Twenty years in cardiology.", languages: ["fr"] }]);
    });
  });

  it("lets a doctor turn messages and the daily digest on, each saved at once", async () => {
    const sent: Record<string, unknown>[] = [];
    let current = makeUser({ role: "doctor", specialization: "Cardiology" });
    server(current, (body) => {
      sent.push(body);
      current = { ...current, ...body };
      return jsonResponse(current);
    });
    const { user } = renderWithProviders(<ProfilePage />, { path: "/profile" });

    const accepts = await screen.findByRole("checkbox", { name: "Accept messages from my patients" });
    expect(accepts).not.toBeChecked();
    await user.click(accepts);
    expect(await screen.findByText("Message settings saved")).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Accept messages from my patients" })).toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: "One email a day instead of one per message" }));
    await expect.poll(() => sent).toEqual([{ acceptsMessages: true }, { messageDigest: true }]);
  });

  it("shows no message settings to patients", async () => {
    server(makeUser(), () => jsonResponse({}));
    renderWithProviders(<ProfilePage />, { path: "/profile" });
    expect(await screen.findByLabelText(/^Full name/)).toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: "Accept messages from my patients" })).toBeNull();
  });

  it("asks for the current password only when the email changes, and sends it", async () => {
    let sent: Record<string, unknown> = {};
    const before = makeUser();
    server(before, (body) => {
      sent = body;
      return jsonResponse({ ...before, email: "new@example.org" });
    });
    const { user } = renderWithProviders(<ProfilePage />, { path: "/profile" });

    const email = await screen.findByLabelText(/^Email/);
    expect(screen.queryByLabelText(/^Current password/)).not.toBeInTheDocument();
    await user.clear(email);
    await user.type(email, "new@example.org");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Enter your current password to change your email")).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Current password/), "Lantern-Quiet-47");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Profile saved")).toBeInTheDocument();
    expect(sent).toEqual({
      fullName: "Alice Smith",
      timezone: "Europe/Berlin",
      email: "new@example.org",
      currentPassword: "Lantern-Quiet-47",
    });
  });

  it("shows the server's error on the current password field", async () => {
    server(makeUser(), () =>
      problemResponse(422, {
        title: "Unprocessable Content",
        code: "validation_error",
        errors: { currentPassword: "is not your current password" },
      }),
    );
    const { user } = renderWithProviders(<ProfilePage />, { path: "/profile" });

    const email = await screen.findByLabelText(/^Email/);
    await user.clear(email);
    await user.type(email, "new@example.org");
    await user.type(screen.getByLabelText(/^Current password/), "wrong-password");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("is not your current password")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Current password/)).toHaveAttribute("aria-invalid", "true");
  });

  it("keeps a retired specialization on offer to the doctor who has it, and sends a new pick by id", async () => {
    let sent: Record<string, unknown> = {};
    const before = makeUser({ role: "doctor", specialization: "Homeopathy", specializationId: 2, slotMinutes: 20 });
    server(before, (body) => {
      sent = body;
      return jsonResponse({ ...before, specialization: "Neurology", specializationId: 9 });
    });
    const { user } = renderWithProviders(<ProfilePage />, { path: "/profile" });

    const select = await screen.findByLabelText(/^Specialization/);
    await waitFor(() => {
      expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual([
        "Choose a specialization",
        "Homeopathy (retired)",
        "Cardiology",
        "Neurology",
      ]);
    });
    expect(select).toHaveValue("2");
    await user.selectOptions(select, "Neurology");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Profile saved")).toBeInTheDocument();
    expect(sent).toMatchObject({ specializationId: 9 });
    expect(sent).not.toHaveProperty("specialization");
  });
});
