import { describe, expect, it } from "vitest";

import { statusExplanation, statusLabel, statusVariant } from "./status";

describe("statusLabel", () => {
  it("names each status with one word set, the same as the calendar file says", () => {
    expect(statusLabel("scheduled")).toBe("Awaiting confirmation");
    expect(statusLabel("confirmed")).toBe("Confirmed");
    expect(statusLabel("completed")).toBe("Completed");
    expect(statusLabel("cancelled")).toBe("Cancelled");
    expect(statusLabel("no_show")).toBe("No-show");
  });

  it("never calls an unconfirmed visit booked or scheduled", () => {
    expect(statusLabel("scheduled")).not.toMatch(/booked|scheduled/i);
  });

  it("gives each status a badge look", () => {
    expect(statusVariant("confirmed")).toBe("success");
    expect(statusVariant("cancelled")).toBe("destructive");
  });

  it("tells the patient what happens next while the doctor has not confirmed", () => {
    expect(statusExplanation("scheduled", "patient")).toMatch(/email as soon as they do/);
    expect(statusExplanation("scheduled", "doctor")).toMatch(/Confirm it/);
  });
});

describe("requested", () => {
  it("says the doctor still has to accept the request", () => {
    expect(statusLabel("requested")).toBe("Requested");
    expect(statusExplanation("requested", "patient")).toMatch(/accept or decline/);
    expect(statusExplanation("requested", "doctor")).toMatch(/Accept or decline the request/);
  });
});
