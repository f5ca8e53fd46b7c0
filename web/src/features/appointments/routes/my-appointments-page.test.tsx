import { configure, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { appointment, PATIENT } from "../test/fixtures";
import { MyAppointmentsPage } from "./my-appointments-page";

// Many steps per test on a busy CI machine: more time than the defaults (1 s per query, 5 s per test).
configure({ asyncUtilTimeout: 5000 });

function serve(onPut: () => Response | Promise<Response>) {
  const calls: { url: string; body: unknown }[] = [];
  mockFetch((url, init) => {
    if (url === "/api/user") return jsonResponse({ ...PATIENT, timezone: "Europe/Berlin" });
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url.startsWith("/api/appointments?from=")) {
      return jsonResponse([appointment()], { headers: { "X-Total-Count": "1" } });
    }
    if (url.startsWith("/api/appointments?to=")) {
      return jsonResponse([appointment({ id: 5, status: "completed", startTime: "2026-01-05T08:00:00Z", endTime: "2026-01-05T08:30:00Z" })]);
    }
    if (url === "/api/appointments/12" && init.method === "PUT") {
      calls.push({ url, body: JSON.parse(init.body as string) });
      return onPut();
    }
    return jsonResponse({}, { status: 404 });
  });
  return calls;
}

describe("MyAppointmentsPage", { timeout: 20_000 }, () => {
  it("shows upcoming and past appointments in the patient's zone, named", async () => {
    serve(() => jsonResponse({}));
    const { user } = renderWithProviders(<MyAppointmentsPage />);

    const upcoming = await screen.findByRole("list", { name: "Upcoming appointments" });
    expect(screen.getByRole("link", { name: "Book appointment" })).toHaveAttribute("href", "/doctors");
    expect(within(upcoming).getByText(/10:00–10:30 \(Europe\/Berlin\)/)).toBeInTheDocument();
    expect(within(upcoming).getByText("Dr. Bob Jones · Cardiology")).toBeInTheDocument();
    expect(within(upcoming).getByText("Awaiting confirmation")).toBeInTheDocument();
    expect(within(upcoming).queryByRole("button", { name: "Confirm" })).toBeNull();

    await user.click(screen.getByRole("tab", { name: "Past" }));
    const past = await screen.findByRole("list", { name: "Past appointments" });
    expect(within(past).getByText("Completed")).toBeInTheDocument();
    expect(within(past).queryByRole("button")).toBeNull();
  });

  it("asks before cancelling, then cancels", async () => {
    const calls = serve(() => jsonResponse(appointment({ status: "cancelled" })));
    const { user } = renderWithProviders(<MyAppointmentsPage />);

    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel this appointment?" });
    await user.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(calls).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await user.click(screen.getByRole("button", { name: "Cancel appointment" }));
    expect(await screen.findByText("Appointment cancelled")).toBeInTheDocument();
    expect(calls).toEqual([{ url: "/api/appointments/12", body: { status: "cancelled" } }]);
  });

  it("shows the change at once and rolls it back when the server refuses", async () => {
    let refuse: (response: Response) => void = () => undefined;
    serve(() => new Promise<Response>((resolve) => { refuse = resolve; }));
    const { user } = renderWithProviders(<MyAppointmentsPage />);

    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    await user.click(screen.getByRole("button", { name: "Cancel appointment" }));
    const list = screen.getByRole("list", { name: "Upcoming appointments" });
    expect(await within(list).findByText("Cancelled")).toBeInTheDocument();

    refuse(problemResponse(409, { code: "invalid_transition", title: "Conflict" }));
    expect(await screen.findByText("Could not change it")).toBeInTheDocument();
    expect(await within(list).findByText("Awaiting confirmation")).toBeInTheDocument();
  });
});
