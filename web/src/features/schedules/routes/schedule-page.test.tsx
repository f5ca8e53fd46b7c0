import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { bodyOf, DOCTOR_USER, ENTRIES, VISIT_TYPES } from "../test/fixtures";
import { SchedulePage } from "./schedule-page";

function scheduleServer(overrides: (url: string, init: RequestInit) => Response | undefined = () => undefined) {
  return mockFetch((url, init) => {
    const answer = overrides(url, init);
    if (answer) return answer;
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/user") return jsonResponse(DOCTOR_USER);
    if (url === "/api/schedule" && (init.method ?? "GET") === "GET") return jsonResponse(ENTRIES);
    if (url === "/api/visit-types" && (init.method ?? "GET") === "GET") return jsonResponse(VISIT_TYPES);
    return jsonResponse({}, { status: 201 });
  });
}

describe("SchedulePage", () => {
  it("shows the week Monday first, with windows and dated entries", async () => {
    scheduleServer();
    renderWithProviders(<SchedulePage />, { path: "/schedule" });

    expect(screen.getByRole("heading", { level: 1, name: "My schedule" })).toBeInTheDocument();
    const monday = await screen.findByRole("listitem", { name: "Monday" });
    expect(within(monday).getByText("09:00–12:00")).toBeInTheDocument();
    const days = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(days).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
    expect(within(screen.getByRole("listitem", { name: "Tuesday" })).getByText("Closed")).toBeInTheDocument();
    const dated = screen.getByRole("list", { name: "Dated entries" });
    expect(within(dated).getByText("Thu 24 Dec 2026")).toBeInTheDocument();
    expect(within(dated).getAllByText("Time off")).toHaveLength(2);
    expect(screen.getByLabelText("Slot length (minutes)")).toHaveValue(30);
  });

  it("adds a weekly window and shows the server's 422 next to the start field", async () => {
    const fetch = scheduleServer((url, init) =>
      url === "/api/schedule/weekly" && init.method === "POST"
        ? problemResponse(422, {
            code: "validation_error",
            title: "Invalid",
            errors: { startTime: "overlaps opening window 09:00–12:00 on the same day" },
          })
        : undefined,
    );
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    await user.click(await screen.findByRole("button", { name: "Add window on Monday" }));
    const dialog = screen.getByRole("dialog");
    const start = within(dialog).getByLabelText(/start/i);
    await user.clear(start);
    await user.type(start, "11:00");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await within(dialog).findByText(/overlaps opening window/)).toBeInTheDocument();
    expect(start).toHaveAttribute("aria-invalid", "true");
    const post = fetch.mock.calls.find(([url, init]) => url === "/api/schedule/weekly" && init?.method === "POST");
    expect(bodyOf(post)).toEqual({
      daysOfWeek: [1],
      startTime: "11:00",
      endTime: "17:00",
      isAvailable: true,
    });
  });

  it("checks times before sending", async () => {
    const fetch = scheduleServer();
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    await user.click(await screen.findByRole("button", { name: "Add window on Friday" }));
    const dialog = screen.getByRole("dialog");
    const end = within(dialog).getByLabelText(/end/i);
    await user.clear(end);
    await user.type(end, "08:00");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Must be after the start.")).toBeInTheDocument();
    expect(fetch.mock.calls.some(([, init]) => init?.method === "POST")).toBe(false);
  });

  it("edits a window with PUT, allowing 24:00", async () => {
    const fetch = scheduleServer();
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    await user.click(await screen.findByRole("button", { name: /Edit Sunday 10:00–11:00/ }));
    const dialog = screen.getByRole("dialog");
    const end = within(dialog).getByLabelText(/end/i);
    await user.clear(end);
    await user.type(end, "24:00");
    await user.click(within(dialog).getByLabelText(/Closed/));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    const put = fetch.mock.calls.find(([, init]) => init?.method === "PUT");
    expect(put?.[0]).toBe("/api/schedule/2");
    expect(bodyOf(put)).toEqual({
      dayOfWeek: 0,
      startTime: "10:00",
      endTime: "24:00",
      isAvailable: false,
    });
    expect(await screen.findByText("Window updated")).toBeInTheDocument();
  });

  it("asks before deleting, then deletes", async () => {
    const fetch = scheduleServer((_url, init) =>
      init.method === "DELETE" ? new Response(null, { status: 204 }) : undefined,
    );
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    await user.click(await screen.findByRole("button", { name: /Delete Monday 09:00–12:00/ }));
    const confirm = screen.getByRole("alertdialog");
    expect(within(confirm).getByText("Delete this entry?")).toBeInTheDocument();
    expect(fetch.mock.calls.some(([, init]) => init?.method === "DELETE")).toBe(false);
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));

    await waitFor(() => {
      expect(fetch.mock.calls.some(([url, init]) => url === "/api/schedule/1" && init?.method === "DELETE")).toBe(
        true,
      );
    });
    expect(await screen.findByText("Deleted")).toBeInTheDocument();
  });

  it("adds the same hours on Monday to Friday in one request; a clash names the days", async () => {
    const fetch = scheduleServer((url, init) =>
      url === "/api/schedule/weekly" && init.method === "POST"
        ? problemResponse(409, {
            code: "schedule_overlap",
            title: "Conflict",
            detail: "These hours overlap opening hours you already have on Monday; nothing was added.",
            daysOfWeek: [1],
          })
        : undefined,
    );
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    await user.click(await screen.findByRole("button", { name: "Add window on Wednesday" }));
    const dialog = screen.getByRole("dialog", { name: "Add weekly hours" });
    const days = within(dialog).getByRole("group", { name: "Days" });
    expect(within(days).getByLabelText("Wednesday")).toBeChecked();
    expect(within(days).getByLabelText("Monday")).not.toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Weekdays (Mon–Fri)" }));
    await user.click(within(days).getByLabelText("Sunday"));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent("on Monday; nothing was added");
    const posts = fetch.mock.calls.filter(([, init]) => init?.method === "POST");
    expect(posts).toHaveLength(1);
    expect(bodyOf(posts[0])).toEqual({
      daysOfWeek: [1, 2, 3, 4, 5, 0],
      startTime: "09:00",
      endTime: "17:00",
      isAvailable: true,
    });

    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"]) {
      await user.click(within(days).getByLabelText(day));
    }
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Choose at least one day.")).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([, init]) => init?.method === "POST")).toHaveLength(1);
  });

  it("copies a day's window to the weekdays without a clash", async () => {
    const fetch = scheduleServer((url, init) =>
      url === "/api/schedule/weekly" && init.method === "POST" ? jsonResponse([], { status: 201 }) : undefined,
    );
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    await user.click(await screen.findByRole("button", { name: "Copy Sunday 10:00–11:00 (open) to weekdays" }));
    const dialog = screen.getByRole("dialog", { name: "Copy 10:00–11:00 to other days" });
    // Monday has 09:00–12:00 open: copying there would clash, so it starts unticked.
    const ticked = within(dialog)
      .getAllByRole("checkbox")
      .filter((box) => (box as HTMLInputElement).checked)
      .map((box) => box.closest("label")?.textContent);
    expect(ticked).toEqual(["Tuesday", "Wednesday", "Thursday", "Friday"]);
    expect(within(dialog).getByLabelText(/start/i)).toHaveValue("10:00");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Window added on 4 days")).toBeInTheDocument();
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST");
    expect(bodyOf(post)).toEqual({ daysOfWeek: [2, 3, 4, 5], startTime: "10:00", endTime: "11:00", isAvailable: true });
  });

  it("lists a range of time off as one entry", async () => {
    scheduleServer();
    renderWithProviders(<SchedulePage />, { path: "/schedule" });

    const dated = await screen.findByRole("list", { name: "Dated entries" });
    expect(within(dated).getByText("Mon 4 Jan 2027 – Fri 8 Jan 2027")).toBeInTheDocument();
    expect(within(dated).getByText("00:00–24:00 each day")).toBeInTheDocument();
    expect(
      within(dated).getByRole("button", {
        name: "Delete Time off from Monday 4 January 2027 to Friday 8 January 2027, 00:00–24:00 each day",
      }),
    ).toBeInTheDocument();
  });

  it("adds time off over a range of dates, To following From", async () => {
    const fetch = scheduleServer();
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    const from = await screen.findByLabelText(/^From/, { selector: "input" });
    const to = screen.getByLabelText(/^To/, { selector: "input" });
    await user.type(from, "2026-12-28");
    expect(to).toHaveValue("2026-12-28");
    await user.clear(to);
    await user.type(to, "2027-01-02");
    await user.click(screen.getByRole("button", { name: "Add" }));

    await waitFor(() => {
      expect(fetch.mock.calls.some(([, init]) => init?.method === "POST")).toBe(true);
    });
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST");
    expect(bodyOf(post)).toEqual({
      date: "2026-12-28",
      endDate: "2027-01-02",
      startTime: "00:00",
      endTime: "24:00",
      isAvailable: false,
    });
  });

  it("adds extra hours on one date with set hours", async () => {
    const fetch = scheduleServer();
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    await user.type(await screen.findByLabelText(/^From/, { selector: "input" }), "2026-12-31");
    await user.selectOptions(screen.getByLabelText("Type"), "extra");
    await user.click(screen.getByLabelText("Whole days"));
    const end = screen.getByLabelText(/^End time/, { selector: "input" });
    await user.clear(end);
    await user.type(end, "13:00");
    await user.click(screen.getByRole("button", { name: "Add" }));

    await waitFor(() => {
      expect(fetch.mock.calls.some(([, init]) => init?.method === "POST")).toBe(true);
    });
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST");
    expect(bodyOf(post)).toEqual({
      date: "2026-12-31",
      endDate: "2026-12-31",
      startTime: "09:00",
      endTime: "13:00",
      isAvailable: true,
    });
  });

  it("says clearly when time off would end in the past, and checks the range first", async () => {
    const fetch = scheduleServer((url, init) =>
      url === "/api/schedule" && init.method === "POST"
        ? problemResponse(422, {
            code: "time_off_in_past",
            title: "Unprocessable",
            errors: { endDate: "must not be before today (2026-12-01, Europe/Berlin)" },
          })
        : undefined,
    );
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    const from = await screen.findByLabelText(/^From/, { selector: "input" });
    const to = screen.getByLabelText(/^To/, { selector: "input" });
    await user.type(from, "2026-11-20");
    await user.clear(to);
    await user.type(to, "2026-11-19");
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(await screen.findByText("Must be on or after the first date.")).toBeInTheDocument();
    expect(fetch.mock.calls.some(([, init]) => init?.method === "POST")).toBe(false);

    await user.clear(to);
    await user.type(to, "2026-11-21");
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(await screen.findByText(/^Time off can't end in the past: choose .* or later\.$/)).toBeInTheDocument();
    expect(to).toHaveAttribute("aria-invalid", "true");
  });

  it("saves the slot length with PUT /api/user and validates the range", async () => {
    const fetch = scheduleServer((url, init) =>
      url === "/api/user" && init.method === "PUT" ? jsonResponse({ ...DOCTOR_USER, slotMinutes: 45 }) : undefined,
    );
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    const input = await screen.findByLabelText("Slot length (minutes)");
    await user.clear(input);
    await user.type(input, "300");
    await user.click(screen.getByRole("button", { name: "Save length" }));
    expect(await screen.findByText(/from 5 to 240/)).toBeInTheDocument();

    await user.clear(input);
    await user.type(input, "45");
    await user.click(screen.getByRole("button", { name: "Save length" }));
    expect(await screen.findByText("Slot length saved")).toBeInTheDocument();
    const put = fetch.mock.calls.find(([, init]) => init?.method === "PUT");
    expect(bodyOf(put)).toEqual({ slotMinutes: 45 });
  });

  it("lists the visit types and adds one with POST /api/visit-types", async () => {
    const fetch = scheduleServer((url, init) =>
      url === "/api/visit-types" && init.method === "POST"
        ? jsonResponse({ ...VISIT_TYPES[0], id: 3, name: "Vaccination", isDefault: false }, { status: 201 })
        : undefined,
    );
    const { user } = renderWithProviders(<SchedulePage />, { path: "/schedule" });

    const list = await screen.findByRole("list", { name: "Visit types" });
    expect(within(list).getByText("Default")).toBeInTheDocument();
    expect(within(list).getByText("Retired")).toBeInTheDocument();
    expect(within(list).getByRole("button", { name: "Bring back Follow-up" })).toBeInTheDocument();
    expect(within(list).queryByRole("button", { name: "Retire Consultation" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Add visit type" }));
    const form = screen.getByRole("form", { name: "New visit type" });
    await user.click(within(form).getByRole("button", { name: "Save visit type" }));
    expect(await within(form).findByText("Enter a name.")).toBeInTheDocument();
    await user.type(within(form).getByLabelText(/^Name/), "Vaccination");
    const after = within(form).getByLabelText("Buffer after (minutes)");
    await user.clear(after);
    await user.type(after, "10");
    await user.selectOptions(within(form).getByLabelText("Who may book online"), "staff_only");
    await user.click(within(form).getByRole("button", { name: "Save visit type" }));
    expect(await screen.findByText("Visit type saved")).toBeInTheDocument();
    const post = fetch.mock.calls.find(([url, init]) => url === "/api/visit-types" && init?.method === "POST");
    expect(bodyOf(post)).toMatchObject({
      name: "Vaccination",
      durationMinutes: 30,
      bufferAfterMinutes: 10,
      bookableBy: "staff_only",
      channel: "in_person",
      active: true,
    });
  });
});
