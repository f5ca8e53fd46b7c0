import { act, configure, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Route } from "wouter";

import { headerOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type VisitType } from "@/features/schedules";

import { appointment, DOCTOR, DOCTOR_USER, PATIENT, SLOTS, utcAt, visitType } from "../test/fixtures";
import { readBookingIntent, saveBookingIntent } from "../components/booking-intent";
import { BookPage } from "./book-page";

// Many steps per test on a busy CI machine: more time than the defaults (1 s per query, 5 s per test).
configure({ asyncUtilTimeout: 5000 });

function renderBooking(path = "/book/3", { browser = false } = {}) {
  return renderWithProviders(<Route path="/book/:doctorId" component={BookPage} />, { path, browser });
}

interface Serve {
  onPost: (body: Record<string, unknown>) => Response | Promise<Response>;
  /** The signed-in user; null: a guest (GET /api/user answers 401). */
  patient?: typeof PATIENT | null;
  doctor?: typeof DOCTOR;
  /** The free slots at the time of asking. */
  slots?: () => typeof SLOTS;
  /** The visit types the doctor offers online. */
  types?: VisitType[];
}

function serve(
  onPost: Serve["onPost"],
  { patient = PATIENT, doctor = DOCTOR, slots = () => SLOTS, types = [visitType()] }: Omit<Serve, "onPost"> = {},
) {
  const posts: Record<string, unknown>[] = [];
  const keys: (string | null)[] = [];
  const fetch = mockFetch((url, init) => {
    if (url === "/api/user") {
      return patient === null ? problemResponse(401, { code: "unauthenticated" }) : jsonResponse(patient);
    }
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/doctors/3") return jsonResponse(doctor);
    if (url === "/api/doctors/3/visit-types") return jsonResponse(types);
    if (url.startsWith("/api/doctors/3/slots?")) return jsonResponse(slots());
    if (url === "/api/appointments" && init.method === "POST") {
      const body = JSON.parse(init.body as string) as Record<string, unknown>;
      posts.push(body);
      keys.push(headerOf(init, "Idempotency-Key"));
      return onPost(body);
    }
    return jsonResponse({}, { status: 404 });
  });
  return { fetch, posts, keys };
}

const created = (body: Record<string, unknown>) =>
  jsonResponse(appointment({ startTime: String(body.startTime), endTime: String(body.endTime) }), { status: 201 });

describe("BookPage", { timeout: 20_000 }, () => {
  it("walks doctor → day → time → reason → confirm → confirmation", async () => {
    const { posts } = serve((body) =>
      jsonResponse(appointment({ startTime: String(body.startTime), endTime: String(body.endTime) }), { status: 201 }),
    );
    const { user } = renderBooking();

    expect(await screen.findByRole("heading", { level: 1, name: "Book an appointment" })).toBeInTheDocument();
    expect(screen.getByText("Dr. Bob Jones")).toBeInTheDocument();
    expect(screen.getByText(/your time zone, UTC/)).toBeInTheDocument();
    const continueButton = screen.getByRole("button", { name: "Continue" });
    expect(continueButton).toBeDisabled();
    expect(screen.getByRole("heading", { name: "Pick a day and a time" })).not.toHaveFocus();

    // The first day is chosen; pick the second time on it.
    await user.click(await screen.findByRole("button", { name: "09:30" }));
    expect(screen.getByRole("button", { name: "09:30" })).toHaveAttribute("aria-pressed", "true");
    await user.click(continueButton);
    // Each step takes the focus from the button that went away.
    expect(screen.getByRole("heading", { name: "What is the visit about?" })).toHaveFocus();
    await user.type(screen.getByLabelText(/Reason/), "Chest pain");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("heading", { name: "Check and confirm" })).toHaveFocus();
    expect(screen.getByText(/09:30–10:00 \(UTC\)/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Confirm booking" }));

    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toHaveFocus();
    expect(posts).toEqual([{ doctorId: 3, startTime: utcAt(2, 9, 30), endTime: utcAt(2, 10), reason: "Chest pain" }]);
    expect(screen.getByRole("link", { name: "My appointments" })).toHaveAttribute("href", "/appointments");
    // What happens next, in the words every list uses; this appointment's calendar file only.
    expect(screen.getByText("Awaiting confirmation")).toBeInTheDocument();
    expect(screen.getByText(/you will get an email as soon as they do/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "View appointment" })).toHaveAttribute("href", "/appointments/12");
    expect(screen.getByRole("link", { name: /Add to calendar/ })).toHaveAttribute("href", "/api/appointments/12.ics");
  });

  it("offers the nearest free times when the slot was just taken, and books one in one click", async () => {
    const alternatives = [
      { startTime: utcAt(2, 10), endTime: utcAt(2, 10, 30) },
      { startTime: utcAt(2, 11), endTime: utcAt(2, 11, 30) },
    ];
    const { posts } = serve((body) =>
      body.startTime === utcAt(2, 9)
        ? problemResponse(409, { code: "slot_taken", title: "Conflict", alternatives })
        : jsonResponse(appointment({ startTime: String(body.startTime), endTime: String(body.endTime) }), { status: 201 }),
    );
    const { user } = renderBooking();

    await user.click(await screen.findByRole("button", { name: "09:00" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Confirm booking" }));

    expect(await screen.findByText("That time was just taken")).toBeInTheDocument();
    const offer = screen.getByRole("list", { name: "Nearest free times" });
    expect(offer.querySelectorAll("li")).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: /Book .* 11:00 \(UTC\)/ }));

    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(posts.map((p) => p.startTime)).toEqual([utcAt(2, 9), utcAt(2, 11)]);
  });

  it("shows the clinic's time first and the patient's beside it, the same way at every step", async () => {
    // A London doctor, a patient in New York: 5 hours apart in winter, 4 or 5 in summer.
    serve(created, {
      patient: { ...PATIENT, timezone: "America/New_York" },
      doctor: { ...DOCTOR, timezone: "Europe/London" },
    });
    const { user } = renderBooking(`/book/3?start=${encodeURIComponent(utcAt(3, 14))}`);

    expect(await screen.findByText(/doctor's clock, Europe\/London .* your time zone, America\/New_York/)).toBeInTheDocument();
    const picked = await screen.findByRole("button", { pressed: true, name: /^\d\d:\d\d\(\d\d:\d\d yours\)$/ });
    const [, clinic, yours] = /^(\d\d:\d\d)\((\d\d:\d\d) yours\)$/.exec(picked.textContent) ?? [];
    expect(clinic).not.toBe(yours);
    const both = new RegExp(`, ${clinic ?? ""}–\\d\\d:\\d\\d \\(Europe/London\\) · ${yours ?? ""}–\\d\\d:\\d\\d your time \\(America/New_York\\)$`);

    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByText(both)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(screen.getByText(both)).toBeInTheDocument();
  });

  it("says at once on the confirm step that the time was taken meanwhile, and offers the nearest", async () => {
    let free = SLOTS;
    const { posts } = serve(created, { slots: () => free });
    const { user } = renderBooking();

    await user.click(await screen.findByRole("button", { name: "09:00" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    free = SLOTS.slice(1); // someone else books 09:00 while the patient types the reason
    await user.click(screen.getByRole("button", { name: "Continue" }));

    expect(await screen.findByText("That time was just taken")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Confirm booking" })).toBeDisabled();
    const offer = screen.getByRole("list", { name: "Nearest free times" });
    expect(within(offer).getAllByRole("button").map((b) => b.textContent)).toEqual([
      expect.stringMatching(/09:30 \(UTC\)$/),
      expect.stringMatching(/14:00 \(UTC\)$/),
    ]);
    expect(posts).toEqual([]);
    await user.click(within(offer).getAllByRole("button", { name: /09:30/ })[0] ?? offer);
    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(posts.map((p) => p.startTime)).toEqual([utcAt(2, 9, 30)]);
  });

  it("sends one booking with an Idempotency-Key for a double click on Confirm", async () => {
    let answer: (response: Response) => void = () => undefined;
    const { posts, keys } = serve(() => new Promise<Response>((resolve) => { answer = resolve; }));
    const { user } = renderBooking(`/book/3?start=${encodeURIComponent(utcAt(2, 9))}&step=confirm`);

    const confirm = await screen.findByRole("button", { name: "Confirm booking" });
    await user.dblClick(confirm);
    expect(await screen.findByRole("button", { name: "Booking…" })).toBeDisabled();
    act(() => {
      answer(created(posts[0] ?? {}));
    });
    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(screen.queryByText("That time was just taken")).not.toBeInTheDocument();
    expect(posts).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("makes each step a history entry and keeps the reason through Back, Forward and a reload", async () => {
    const { posts } = serve(created);
    const first = renderBooking("/book/3", { browser: true });

    await first.user.click(await screen.findByRole("button", { name: "09:30" }));
    await first.user.click(screen.getByRole("button", { name: "Continue" }));
    await first.user.type(screen.getByLabelText(/Reason/), "Chest pain");
    expect(window.location.search).toMatch(/step=reason/);
    expect(window.location.href).not.toMatch(/Chest/);

    act(() => { window.history.back(); });
    expect(await screen.findByRole("heading", { name: "Pick a day and a time" })).toHaveFocus();
    expect(screen.getByRole("button", { name: "09:30" })).toHaveAttribute("aria-pressed", "true");
    act(() => { window.history.forward(); });
    expect(await screen.findByLabelText(/Reason/)).toHaveValue("Chest pain");

    first.unmount(); // a reload: the same history entry, a fresh page
    const { user } = renderBooking(window.location.pathname + window.location.search, { browser: true });
    expect(await screen.findByLabelText(/Reason/)).toHaveValue("Chest pain");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(await screen.findByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(posts.map((p) => p.reason)).toEqual(["Chest pain"]);
    await waitFor(() => {
      expect(JSON.stringify(window.history.state)).not.toMatch(/Chest/);
    });
    // Back from the confirmation: the reason step, with the reason gone.
    act(() => { window.history.back(); });
    expect(await screen.findByLabelText(/Reason/)).toHaveValue("");
  });

  it("takes the slot from ?start= so the patient can continue at once", async () => {
    serve(() => jsonResponse({}, { status: 500 }));
    renderBooking(`/book/3?start=${encodeURIComponent(utcAt(3, 14))}`);
    expect(await screen.findByRole("button", { name: "14:00" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "Continue" })).toBeEnabled();
  });

  it("lets a guest pick a time and a reason, then sign in to confirm, carrying both in this tab only", async () => {
    const { posts } = serve(created, { patient: null });
    const { user, location } = renderBooking();

    await user.click(await screen.findByRole("button", { name: "09:30" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.type(screen.getByLabelText(/Reason/), "Chest pain");
    await user.click(screen.getByRole("button", { name: "Continue" }));

    expect(screen.getByRole("heading", { name: "Sign in to confirm your 09:30 appointment with Dr. Bob Jones" })).toHaveFocus();
    expect(screen.getByText("Chest pain")).toBeInTheDocument();
    const confirmHref = `/book/3?${new URLSearchParams({ start: utcAt(2, 9, 30), end: utcAt(2, 10), step: "confirm" }).toString()}`;
    const next = encodeURIComponent(confirmHref);
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", `/register?next=${next}`);
    await user.click(screen.getByRole("link", { name: "Log in to confirm" }));

    expect(location.history.at(-1)).toBe(`/login?next=${next}`);
    expect(location.history.join(" ")).not.toContain("Chest");
    expect(readBookingIntent()).toEqual({
      doctorId: 3,
      doctorName: "Dr. Bob Jones",
      doctorZone: "UTC",
      startTime: utcAt(2, 9, 30),
      endTime: utcAt(2, 10),
      reason: "Chest pain",
      href: confirmHref,
    });
    expect(window.localStorage.length).toBe(0);
    expect(posts).toEqual([]);
    window.sessionStorage.clear();
  });

  it("brings a guest who signed in back to the confirm step with their reason, and forgets it", async () => {
    const start = utcAt(2, 9, 30);
    const href = `/book/3?${new URLSearchParams({ start, end: utcAt(2, 10), step: "confirm" }).toString()}`;
    saveBookingIntent({ doctorId: 3, doctorName: "Dr. Bob Jones", doctorZone: "UTC", startTime: start, endTime: utcAt(2, 10), reason: "Chest pain", href });
    const { posts } = serve(created);
    const { user } = renderBooking(href);

    expect(await screen.findByRole("heading", { name: "Check and confirm" })).toBeInTheDocument();
    expect(screen.getByText("Chest pain")).toBeInTheDocument();
    await waitFor(() => {
      expect(readBookingIntent()).toBeNull();
    });
    await user.click(await screen.findByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(posts).toEqual([{ doctorId: 3, startTime: start, endTime: utcAt(2, 10), reason: "Chest pain" }]);
  });

  it("tells a doctor who signed in from a guest's booking that only patients book", async () => {
    const start = utcAt(2, 9, 30);
    const href = `/book/3?${new URLSearchParams({ start, end: utcAt(2, 10), step: "confirm" }).toString()}`;
    saveBookingIntent({ doctorId: 3, doctorName: "Dr. Bob Jones", doctorZone: "UTC", startTime: start, endTime: utcAt(2, 10), reason: "Chest pain", href });
    const { posts } = serve(created, { patient: DOCTOR_USER });
    renderBooking(href);

    expect(await screen.findByRole("heading", { name: "Only patients book appointments" })).toBeInTheDocument();
    expect(screen.getByText(/signed in as a doctor, so nothing was booked/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to your dashboard" })).toHaveAttribute("href", "/doctor");
    await waitFor(() => {
      expect(readBookingIntent()).toBeNull();
    });
    expect(posts).toEqual([]);
  });

  it("says so when the doctor cannot be booked", async () => {
    mockFetch((url) => (url === "/api/user" ? jsonResponse(PATIENT) : problemResponse(404, { code: "not_found" })));
    renderBooking("/book/99");
    expect(await screen.findByRole("heading", { name: "Doctor not found" })).toBeInTheDocument();
  });

  it("asks for the visit type first when the doctor offers several, and books that type", async () => {
    const followUp = visitType({ id: 2, name: "Follow-up", durationMinutes: 15, isDefault: false, channel: "video", description: "A short check" });
    const { posts, fetch } = serve(created, {
      types: [visitType(), followUp],
      slots: () => [{ startTime: utcAt(2, 9), endTime: utcAt(2, 9, 15) }],
    });
    const { user } = renderBooking("/book/3", { browser: true });

    expect(await screen.findByRole("heading", { name: "What kind of visit?" })).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Steps" })).toHaveTextContent("1. Visit type");
    await user.click(screen.getByRole("button", { name: /Follow-up.*15 min · Video.*A short check/ }));
    expect(await screen.findByRole("heading", { name: "Pick a day and a time" })).toHaveFocus();
    expect(window.location.search).toBe("?type=2");
    await user.click(await screen.findByRole("button", { name: "09:00" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByText("Follow-up · 15 min · Video")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(posts).toEqual([{ doctorId: 3, visitTypeId: 2, startTime: utcAt(2, 9), endTime: utcAt(2, 9, 15) }]);
    const slotUrls = fetch.mock.calls.map(([url]) => url as string).filter((url) => url.includes("/slots?"));
    expect(slotUrls.length).toBeGreaterThan(0);
    expect(slotUrls.every((url) => url.includes("visitType=2"))).toBe(true);
  });
  it("lets a guest pick a visit type and a time, and brings the type through sign-in to the booking", async () => {
    const followUp = visitType({ id: 2, name: "Follow-up", durationMinutes: 15, isDefault: false, channel: "video" });
    const types = [visitType(), followUp];
    const slots = () => [{ startTime: utcAt(2, 9), endTime: utcAt(2, 9, 15) }];
    serve(created, { patient: null, types, slots });
    const guest = renderBooking("/book/3", { browser: true });

    await guest.user.click(await screen.findByRole("button", { name: /Follow-up.*15 min · Video/ }));
    await guest.user.click(await screen.findByRole("button", { name: "09:00" }));
    await guest.user.click(screen.getByRole("button", { name: "Continue" }));
    await guest.user.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { name: /^Sign in to confirm your 09:00 appointment/ })).toBeInTheDocument();
    expect(screen.getByText("Follow-up · 15 min · Video")).toBeInTheDocument();
    const confirmHref = `/book/3?${new URLSearchParams({ start: utcAt(2, 9), end: utcAt(2, 9, 15), type: "2", step: "confirm" }).toString()}`;
    expect(screen.getByRole("link", { name: "Log in to confirm" })).toHaveAttribute("href", `/login?next=${encodeURIComponent(confirmHref)}`);
    await guest.user.click(screen.getByRole("link", { name: "Log in to confirm" }));
    expect(readBookingIntent()?.href).toBe(confirmHref);
    guest.unmount();

    // Signed in, back at the confirm step: the same type, booked by name.
    const { posts } = serve(created, { types, slots });
    const { user } = renderBooking(confirmHref);
    expect(await screen.findByRole("heading", { name: "Check and confirm" })).toBeInTheDocument();
    expect(screen.getByText("Follow-up · 15 min · Video")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Confirm booking" }));
    expect(await screen.findByRole("heading", { name: "Appointment booked" })).toBeInTheDocument();
    expect(posts).toEqual([{ doctorId: 3, visitTypeId: 2, startTime: utcAt(2, 9), endTime: utcAt(2, 9, 15) }]);
  });
});
