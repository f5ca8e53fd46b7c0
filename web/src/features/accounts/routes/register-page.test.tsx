import { screen, waitFor, within } from "@testing-library/react";
import { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "../test-helpers";
import { RegisterPage } from "./register-page";

const SPECIALIZATIONS = [
  { id: 4, name: "Cardiology", active: true },
  { id: 9, name: "Neurology", active: true },
];

function server(register: (body: Record<string, unknown>) => Response) {
  return mockFetch((url, init) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/specializations") return jsonResponse(SPECIALIZATIONS);
    if (url === "/api/register") return register(jsonBodyOf(init));
    return problemResponse(404, { title: "Not Found" });
  });
}

async function fillCommon(user: UserEvent, { username = "alice", password = "Lantern-Quiet-47" } = {}) {
  await user.type(screen.getByLabelText(/^Full name/), "Alice Smith");
  await user.type(screen.getByLabelText(/^Email/), "alice@example.org");
  await user.type(screen.getByLabelText(/^Username/), username);
  await user.type(screen.getByLabelText(/^Password/), password);
}

describe("RegisterPage", { timeout: 20_000 }, () => {
  it("shows specialization and slot length only for doctors", async () => {
    server(() => jsonResponse(makeUser(), { status: 201 }));
    const { user } = renderWithProviders(<RegisterPage />, { path: "/register" });

    expect(screen.getByRole("radio", { name: /^Patient/ })).toBeChecked();
    expect(screen.queryByLabelText(/^Specialization/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Appointment length/)).not.toBeInTheDocument();

    await user.click(screen.getByRole("radio", { name: /^Doctor/ }));

    expect(screen.getByLabelText(/^Specialization/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Appointment length/)).toBeInTheDocument();
    // The clinic's list, nothing to type.
    const select = screen.getByLabelText(/^Specialization/);
    await waitFor(() => {
      expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual([
        "Choose a specialization",
        "Cardiology",
        "Neurology",
      ]);
    });
  });

  it("says when the clinic has no specializations yet", async () => {
    mockFetch((url) => (url === "/api/specializations" ? jsonResponse([]) : jsonResponse({ csrfToken: "t" })));
    const { user } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await user.click(screen.getByRole("radio", { name: /^Doctor/ }));

    const select = screen.getByLabelText(/^Specialization/);
    expect(await within(select).findByRole("option", { name: "No specializations yet" })).toBeInTheDocument();
    expect(select).toHaveAccessibleDescription(/administrator adds it/);
  });

  it("defaults the time zone to the browser's", () => {
    renderWithProviders(<RegisterPage />, { path: "/register" });

    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(screen.getByLabelText(/^Time zone/)).toHaveValue(browserZone);
  });

  it("validates with the server's rules before sending", async () => {
    const fetch = server(() => jsonResponse(makeUser(), { status: 201 }));
    const { user } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await user.type(screen.getByLabelText(/^Username/), "a b");
    await user.type(screen.getByLabelText(/^Password/), "short");
    await user.type(screen.getByLabelText(/^Email/), "not-an-email");
    await user.click(screen.getByRole("radio", { name: /^Doctor/ }));
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("Use only letters, digits, dots, underscores and hyphens")).toBeInTheDocument();
    expect(screen.getByText("Use at least 8 characters")).toBeInTheDocument();
    expect(screen.getByText("Enter a valid email address")).toBeInTheDocument();
    expect(screen.getByText("Enter your full name")).toBeInTheDocument();
    expect(screen.getByText("Choose your specialization")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Specialization/)).toHaveAttribute("aria-invalid", "true");
    // Only the list of specializations was read.
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(["/api/specializations"]);
  });

  it("continues to ?next= (a guest's booking), keeps it on the log in link and shows the app's notice", async () => {
    server(() => jsonResponse(makeUser(), { status: 201 }));
    const next = encodeURIComponent("/book/3?start=2030-01-02T09:30:00Z&step=confirm");
    const { user, location } = renderWithProviders(<RegisterPage notice={<p>Picked: 09:30</p>} />, {
      path: `/register?next=${next}`,
    });

    expect(screen.getByText("Picked: 09:30")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", `/login?next=${next}`);
    await fillCommon(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    await expect.poll(() => location.history.at(-1)).toBe(decodeURIComponent(next));
  });

  it("refuses a password equal to the username", async () => {
    server(() => jsonResponse(makeUser(), { status: 201 }));
    const { user } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await fillCommon(user, { username: "alice.smith", password: "Alice.Smith" });
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("Your password must not be your username")).toBeInTheDocument();
  });

  it("sends a doctor's fields and lands on the doctor dashboard", async () => {
    let sent: Record<string, unknown> = {};
    server((body) => {
      sent = body;
      return jsonResponse(makeUser({ role: "doctor", approved: false }), { status: 201 });
    });
    const { user, location } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await user.click(screen.getByRole("radio", { name: /^Doctor/ }));
    await fillCommon(user);
    await user.selectOptions(screen.getByLabelText(/^Specialization/), await screen.findByRole("option", { name: "Neurology" }));
    await user.selectOptions(screen.getByLabelText(/^Appointment length/), "20");
    await user.selectOptions(screen.getByLabelText(/^Time zone/), "Europe/Berlin");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    await expect.poll(() => location.history.at(-1)).toBe("/doctor");
    expect(sent).toEqual({
      role: "doctor",
      fullName: "Alice Smith",
      email: "alice@example.org",
      username: "alice",
      password: "Lantern-Quiet-47",
      timezone: "Europe/Berlin",
      specializationId: 9,
      slotMinutes: 20,
    });
  });

  it("sends no doctor fields for a patient", async () => {
    let sent: Record<string, unknown> = {};
    server((body) => {
      sent = body;
      return jsonResponse(makeUser(), { status: 201 });
    });
    const { user, location } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await fillCommon(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    await expect.poll(() => location.history.at(-1)).toBe("/patient");
    expect(sent).not.toHaveProperty("specialization");
    expect(sent).not.toHaveProperty("specializationId");
    expect(sent).not.toHaveProperty("slotMinutes");
  });

  it("shows the server's field errors next to the fields", async () => {
    server(() =>
      problemResponse(422, {
        title: "Unprocessable Content",
        code: "validation_error",
        errors: { password: "is too common" },
      }),
    );
    const { user } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await fillCommon(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("is too common")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(/is too common/);
  });

  it("puts a taken username on the username field", async () => {
    server(() => problemResponse(409, { title: "Conflict", code: "username_taken" }));
    const { user } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await fillCommon(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("That username is taken. Try another one.")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Username/)).toHaveAttribute("aria-invalid", "true");
  });

  it("puts a specialization retired meanwhile on the specialization field", async () => {
    server(() => problemResponse(422, { title: "Unprocessable Content", code: "unknown_specialization" }));
    const { user } = renderWithProviders(<RegisterPage />, { path: "/register" });

    await user.click(screen.getByRole("radio", { name: /^Doctor/ }));
    await fillCommon(user);
    await user.selectOptions(screen.getByLabelText(/^Specialization/), await screen.findByRole("option", { name: "Cardiology" }));
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("This specialization is no longer offered. Choose another one.")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Specialization/)).toHaveAttribute("aria-invalid", "true");
  });
});
