import { afterEach, describe, expect, it } from "vitest";

import { bookingIntentContinuing, bookingIntentFor, clearBookingIntent, readBookingIntent, saveBookingIntent } from "./booking-intent";

const HREF = "/book/3?start=2030-01-02T09%3A30%3A00Z&end=2030-01-02T10%3A00%3A00Z&step=confirm";
const INTENT = {
  doctorId: 3,
  doctorName: "Dr. Bob Jones",
  doctorZone: "UTC",
  startTime: "2030-01-02T09:30:00Z",
  endTime: "2030-01-02T10:00:00Z",
  reason: "Chest pain",
  href: HREF,
};

describe("booking intent", () => {
  afterEach(() => {
    window.sessionStorage.clear();
  });

  it("lives in this tab's sessionStorage only, until cleared", () => {
    saveBookingIntent(INTENT);
    expect(readBookingIntent()).toEqual(INTENT);
    expect(window.localStorage.length).toBe(0);
    expect(bookingIntentFor(3, INTENT.startTime)).toEqual(INTENT);
    expect(bookingIntentFor(3, "2030-01-02T10:00:00Z")).toBeNull();
    expect(bookingIntentFor(4, INTENT.startTime)).toBeNull();
    clearBookingIntent();
    expect(readBookingIntent()).toBeNull();
  });

  it("matches ?next= however the router escaped it, and nothing else", () => {
    saveBookingIntent(INTENT);
    expect(bookingIntentContinuing(HREF)).toEqual(INTENT);
    // wouter hands the search back with `%3A` already decoded to `:`.
    expect(bookingIntentContinuing(decodeURIComponent(HREF))).toEqual(INTENT);
    expect(bookingIntentContinuing("/book/3?step=confirm&end=2030-01-02T10:00:00Z&start=2030-01-02T09:30:00Z")).toEqual(INTENT);
    expect(bookingIntentContinuing("/book/4?start=2030-01-02T09:30:00Z&end=2030-01-02T10:00:00Z&step=confirm")).toBeNull();
    expect(bookingIntentContinuing("/records")).toBeNull();
    expect(bookingIntentContinuing(null)).toBeNull();
  });

  it("ignores anything in storage that is not an intent", () => {
    window.sessionStorage.setItem("clinic360.bookingIntent", "{not json");
    expect(readBookingIntent()).toBeNull();
    window.sessionStorage.setItem("clinic360.bookingIntent", JSON.stringify({ ...INTENT, doctorId: "3" }));
    expect(readBookingIntent()).toBeNull();
  });
});
