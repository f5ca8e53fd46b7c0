import { configure, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Route } from "wouter";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { appointment, DOCTOR, PATIENT, SLOTS, utcAt } from "../test/fixtures";
import { BookPage } from "./book-page";

// Many steps per test on a busy CI machine: more time than the defaults (1 s per query, 5 s per test).
configure({ asyncUtilTimeout: 5000 });

function renderBooking(path = "/book/3") {
  return renderWithProviders(<Route path="/book/:doctorId" component={BookPage} />, { path });
}

function serve(onPost: (body: Record<string, unknown>) => Response) {
  const posts: Record<string, unknown>[] = [];
  const fetch = mockFetch((url, init) => {
    if (url === "/api/user") return jsonResponse(PATIENT);
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/doctors/3") return jsonResponse(DOCTOR);
    if (url.startsWith("/api/doctors/3/slots?")) return jsonResponse(SLOTS);
    if (url === "/api/appointments" && init.method === "POST") {
      const body = JSON.parse(init.body as string) as Record<string, unknown>;
      posts.push(body);
      return onPost(body);
    }
    return jsonResponse({}, { status: 404 });
  });
  return { fetch, posts };
}

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

  it("takes the slot from ?start= so the patient can continue at once", async () => {
    serve(() => jsonResponse({}, { status: 500 }));
    renderBooking(`/book/3?start=${encodeURIComponent(utcAt(3, 14))}`);
    expect(await screen.findByRole("button", { name: "14:00" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "Continue" })).toBeEnabled();
  });

  it("says so when the doctor cannot be booked", async () => {
    mockFetch((url) => (url === "/api/user" ? jsonResponse(PATIENT) : problemResponse(404, { code: "not_found" })));
    renderBooking("/book/99");
    expect(await screen.findByRole("heading", { name: "Doctor not found" })).toBeInTheDocument();
  });
});
