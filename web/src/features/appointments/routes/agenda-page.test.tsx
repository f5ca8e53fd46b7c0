import { configure, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { appointment, DOCTOR_USER, utcAt } from "../test/fixtures";
import { AgendaPage } from "./agenda-page";

// Many steps per test on a busy CI machine: more time than the defaults (1 s per query, 5 s per test).
configure({ asyncUtilTimeout: 5000 });

describe("AgendaPage", { timeout: 20_000 }, () => {
  it("lists the day's appointments with patient, reason, status and the doctor's actions", async () => {
    const started = appointment({ id: 13, startTime: utcAt(0, 0), endTime: utcAt(0, 0, 30), status: "confirmed" });
    const later = appointment({ id: 14, patient: { id: 8, fullName: "Carol White" }, reason: null });
    const puts: unknown[] = [];
    mockFetch((url, init) => {
      if (url === "/api/user") return jsonResponse(DOCTOR_USER);
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url.startsWith("/api/appointments?")) return jsonResponse([started, later]);
      if (url === "/api/appointments/14" && init.method === "PUT") {
        puts.push(JSON.parse(init.body as string));
        return jsonResponse({ ...later, status: "confirmed" });
      }
      return jsonResponse({}, { status: 404 });
    });
    const { user } = renderWithProviders(<AgendaPage />);

    const list = await screen.findByRole("list", { name: "Appointments of the day" });
    const [first, second] = within(list).getAllByRole("article");
    const past = within(first as HTMLElement);
    expect(past.getByText("Alice Smith")).toBeInTheDocument();
    expect(past.getByText("Chest pain on exertion")).toBeInTheDocument();
    expect(past.getByText("Confirmed")).toBeInTheDocument();
    expect(past.getByRole("button", { name: "Completed" })).toBeInTheDocument();
    expect(past.getByRole("button", { name: "No-show" })).toBeInTheDocument();
    expect(past.queryByRole("button", { name: "Confirm" })).toBeNull();

    const upcoming = within(second as HTMLElement);
    expect(upcoming.getByText("Carol White")).toBeInTheDocument();
    expect(upcoming.queryByRole("button", { name: "Completed" })).toBeNull();
    await user.click(upcoming.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByText("Appointment confirmed")).toBeInTheDocument();
    expect(puts).toEqual([{ status: "confirmed" }]);

    await user.click(screen.getByRole("button", { name: "Week" }));
    expect(await screen.findByRole("list", { name: "Appointments of the week" })).toBeInTheDocument();
  });
});
