import { describe, expect, it } from "vitest";

import { appointment, DOCTOR_USER, PATIENT, utcAt } from "../test/fixtures";
import { actionsFor } from "./appointment-item";
import { attendanceText } from "./attendance-line";
import { attendanceNotice } from "./attendance-notice";

const record = { noShows: 3, lateCancellations: 0, windowDays: 365, policy: "confirm" as const };

describe("attendance", () => {
  it("counts no-shows and late cancellations for the doctor", () => {
    expect(attendanceText({ noShows: 1, lateCancellations: 2, windowDays: 365 })).toBe(
      "1 no-show, 2 late cancellations in the last 12 months",
    );
    expect(attendanceText({ noShows: 0, lateCancellations: 1, windowDays: 90 })).toBe(
      "0 no-shows, 1 late cancellation in the last 90 days",
    );
  });

  it("tells the patient their record before booking, and that the doctor will confirm", () => {
    expect(attendanceNotice({ ...record, policy: "off", warn: false, bookingNeedsConfirmation: false })).toBeNull();
    expect(attendanceNotice({ ...record, noShows: 1, policy: "warn", warn: true, bookingNeedsConfirmation: false })).toEqual({
      title: "You missed 1 visit in the last 12 months",
      text: expect.stringMatching(/cancel in advance/) as string,
    });
    expect(attendanceNotice({ ...record, warn: true, bookingNeedsConfirmation: true })).toEqual({
      title: "You missed 3 visits in the last 12 months",
      text: expect.stringMatching(/^Your request will be confirmed by the doctor/) as string,
    });
  });

  it("offers the doctor accept and decline on a requested booking, the patient cancel only", () => {
    const request = appointment({ status: "requested", startTime: utcAt(2, 9), endTime: utcAt(2, 9, 30) });
    const now = new Date();
    expect(actionsFor(request, DOCTOR_USER, now)).toEqual(["accept", "decline"]);
    expect(actionsFor(request, PATIENT, now)).toEqual(["reschedule", "cancel"]);
  });
});
