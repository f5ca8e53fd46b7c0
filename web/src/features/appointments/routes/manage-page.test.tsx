import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Route } from "wouter";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type ManageState } from "../api/manage-types";
import { ManagePage } from "./manage-page";

const TOKEN = "12.0.abc";

function state(
  overrides: Partial<ManageState["appointment"]> = {},
  mayChange = true,
  extra: Partial<ManageState> = {},
): ManageState {
  return {
    appointment: {
      startTime: "2030-12-02T09:00:00Z",
      endTime: "2030-12-02T09:30:00Z",
      status: "scheduled",
      doctor: { fullName: "Dr. Bob Jones", specialization: "Cardiology", timezone: "UTC" },
      patientConfirmedAt: null,
      ...overrides,
    },
    place: "Clinic360",
    videoLink: null,
    mayCancel: mayChange,
    mayReschedule: mayChange,
    cancelDeadline: "2030-12-02T09:00:00Z",
    rescheduleDeadline: "2030-12-02T09:00:00Z",
    mayChange,
    changeDeadline: "2030-12-02T09:00:00Z",
    contactLine: "Call 030 1234567",
    ...extra,
  };
}

function renderPage(handler: (url: string, init: RequestInit) => Response) {
  const calls: string[] = [];
  mockFetch((url, init) => {
    calls.push(`${init.method ?? "GET"} ${url}`);
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    return handler(url, init);
  });
  renderWithProviders(<Route path="/manage/:token" component={() => <ManagePage />} />, { path: `/manage/${TOKEN}` });
  return calls;
}

describe("ManagePage", { timeout: 20_000 }, () => {
  it("shows the appointment and confirms attendance without a login", async () => {
    const calls = renderPage((url) =>
      url.endsWith("/confirm")
        ? jsonResponse(state({ patientConfirmedAt: "2030-11-30T10:00:00Z" }))
        : jsonResponse(state()),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Your appointment" })).toBeInTheDocument();
    expect(screen.getByText("Dr. Bob Jones · Cardiology")).toBeInTheDocument();
    expect(screen.getByText(/09:00–09:30 \(UTC\)/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "I will come" }));
    expect(await screen.findByText("You confirmed you will come")).toBeInTheDocument();
    expect(calls).toContain(`POST /api/manage/${TOKEN}/confirm`);
    expect(calls).not.toContain("GET /api/user");
  });

  it("asks for a reason before cancelling", async () => {
    const calls = renderPage((url) =>
      url.endsWith("/cancel") ? jsonResponse(state({ status: "cancelled" }, false)) : jsonResponse(state()),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Cancel it" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel appointment" }));
    expect(screen.getByText("Tell the clinic why you cancel.")).toBeInTheDocument();
    expect(calls).not.toContain(`POST /api/manage/${TOKEN}/cancel`);
    await userEvent.type(screen.getByLabelText(/Why do you cancel/), "Travelling");
    await userEvent.click(screen.getByRole("button", { name: "Cancel appointment" }));
    expect(await screen.findByText("Your appointment is cancelled")).toBeInTheDocument();
  });

  it("shows the contact line instead of the buttons inside the window", async () => {
    renderPage(() => jsonResponse(state({}, false)));
    expect(await screen.findByText("Call 030 1234567")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel it" })).not.toBeInTheDocument();
  });

  it("hides only the cancel button inside the cancellation window, and shows the video link", async () => {
    renderPage(() =>
      jsonResponse(state({}, true, { mayCancel: false, place: "Video visit", videoLink: "https://meet.jit.si/clinic360-abc" })),
    );
    expect(await screen.findByText("It can no longer be cancelled online")).toBeInTheDocument();
    expect(screen.getByText("Call 030 1234567")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel it" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Move it" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "https://meet.jit.si/clinic360-abc" })).toHaveAttribute(
      "href",
      "https://meet.jit.si/clinic360-abc",
    );
  });

  it("shows the current state of a changed appointment and offers nothing", async () => {
    renderPage(() =>
      problemResponse(409, { code: "link_changed", title: "Conflict", current: state({ startTime: "2030-12-03T10:00:00Z", endTime: "2030-12-03T10:30:00Z" }) }),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "This appointment has changed" })).toBeInTheDocument();
    expect(screen.getByText(/10:00–10:30 \(UTC\)/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("says an unknown or expired link is not valid", async () => {
    renderPage(() => problemResponse(404, { code: "not_found", title: "Not found" }));
    expect(await screen.findByRole("heading", { level: 1, name: "This link has expired or is not valid" })).toBeInTheDocument();
  });
});
