import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { bodyOf, DOCTOR_USER, ENTRIES, VISIT_TYPES } from "../test/fixtures";
import { SchedulePage } from "./schedule-page";

const HIT = { id: 41, startTime: "2026-12-28T09:00:00Z", endTime: "2026-12-28T09:30:00Z", patientName: "Alice Smith" };

function server() {
  return mockFetch((url, init) => {
    const method = init.method ?? "GET";
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/user") return jsonResponse(DOCTOR_USER);
    if (url === "/api/schedule" && method === "GET") return jsonResponse(ENTRIES);
    if (url === "/api/visit-types" && method === "GET") return jsonResponse(VISIT_TYPES);
    if (url === "/api/schedule" && method === "POST") {
      const body = bodyOf([url, init]) as { cancelAppointments?: number[] };
      if (body.cancelAppointments === undefined) {
        return problemResponse(409, {
          code: "time_off_hits_appointments",
          title: "Conflict",
          detail: "This time off covers booked appointments.",
          appointments: [HIT],
        });
      }
    }
    return jsonResponse({}, { status: 201 });
  });
}

async function addTimeOff(user: ReturnType<typeof renderWithProviders>["user"]) {
  await user.type(await screen.findByLabelText(/^From/, { selector: "input" }), "2026-12-28");
  await user.click(screen.getByRole("button", { name: "Add" }));
  return screen.findByRole("alertdialog");
}

describe("time off over booked appointments", () => {
  it("lists them and cancels them with the time off once confirmed", async () => {
    const fetch = server();
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    const dialog = await addTimeOff(user);
    expect(within(dialog).getByRole("heading", { name: "This time off covers 1 booked appointment" })).toBeVisible();
    const list = within(dialog).getByRole("list", { name: "Appointments it covers" });
    expect(within(list).getByText(/Alice Smith/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Message to the patients/), "Sorry, I am away.");
    await user.click(within(dialog).getByRole("button", { name: "Cancel this appointment and add time off" }));

    await waitFor(() => {
      expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    });
    const posts = fetch.mock.calls.filter(([url, init]) => url === "/api/schedule" && init?.method === "POST");
    expect(posts).toHaveLength(2);
    expect(bodyOf(posts[1])).toMatchObject({
      date: "2026-12-28",
      isAvailable: false,
      cancelAppointments: [41],
      cancellationMessage: "Sorry, I am away.",
    });
  });

  it("keeps them: nothing more is sent", async () => {
    const fetch = server();
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    const dialog = await addTimeOff(user);
    await user.click(within(dialog).getByRole("button", { name: "Keep" }));
    await waitFor(() => {
      expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    });
    const posts = fetch.mock.calls.filter(([url, init]) => url === "/api/schedule" && init?.method === "POST");
    expect(posts).toHaveLength(1);
  });
});
