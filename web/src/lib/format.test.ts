import { describe, expect, it } from "vitest";

import { clinicTimeParts, formatClinicTime, formatInstant, formatInstantRange } from "./format";

describe("formatInstant", () => {
  it("shows the instant on the wall clock of the zone and names the zone", () => {
    expect(formatInstant("2026-12-01T08:00:00Z", "Europe/Berlin")).toBe("Tue 1 Dec 2026, 09:00 (Europe/Berlin)");
    expect(formatInstant("2026-12-01T09:00:00+01:00", "America/New_York")).toBe(
      "Tue 1 Dec 2026, 03:00 (America/New_York)",
    );
  });

  it("follows daylight-saving time", () => {
    expect(formatInstant("2026-07-01T07:00:00Z", "Europe/Berlin")).toBe("Wed 1 Jul 2026, 09:00 (Europe/Berlin)");
  });

  it("rejects an unknown zone and an instant without an offset", () => {
    expect(() => formatInstant("2026-12-01T08:00:00Z", "Mars/Olympus")).toThrow(RangeError);
    expect(() => formatInstant("2026-12-01T08:00:00", "UTC")).toThrow(RangeError);
    expect(() => formatInstant("2026-12-01", "UTC")).toThrow(RangeError);
  });
});

describe("formatInstantRange", () => {
  it("shows the end as a time when it is the same day", () => {
    expect(formatInstantRange("2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z", "Europe/Berlin")).toBe(
      "Tue 1 Dec 2026, 09:00–09:30 (Europe/Berlin)",
    );
  });

  it("keeps the end date when it falls on another day", () => {
    expect(formatInstantRange("2026-12-01T22:30:00Z", "2026-12-01T23:30:00Z", "Europe/Berlin")).toBe(
      "Tue 1 Dec 2026, 23:30–Wed 2 Dec 2026, 00:30 (Europe/Berlin)",
    );
  });
});

describe("formatClinicTime", () => {
  it("leads with the clinic's clock and adds the viewer's when the zones differ", () => {
    expect(
      formatClinicTime("2026-12-01T14:00:00Z", "2026-12-01T14:30:00Z", "Europe/London", "America/New_York"),
    ).toBe("Tue 1 Dec 2026, 14:00–14:30 (Europe/London) · 09:00–09:30 your time (America/New_York)");
    expect(formatClinicTime("2026-12-01T14:00:00Z", null, "Europe/London", "America/New_York")).toBe(
      "Tue 1 Dec 2026, 14:00 (Europe/London) · 09:00 your time (America/New_York)",
    );
  });

  it("names the viewer's date when it is another day there", () => {
    expect(formatClinicTime("2026-12-01T02:00:00Z", null, "Europe/London", "America/New_York")).toBe(
      "Tue 1 Dec 2026, 02:00 (Europe/London) · Mon 30 Nov 2026, 21:00 your time (America/New_York)",
    );
  });

  it("shows one clock when the viewer is in the clinic's zone", () => {
    expect(formatClinicTime("2026-12-01T14:00:00Z", "2026-12-01T14:30:00Z", "UTC", "UTC")).toBe(
      "Tue 1 Dec 2026, 14:00–14:30 (UTC)",
    );
    expect(clinicTimeParts("2026-12-01T14:00:00Z", "UTC", "UTC")).toEqual({ time: "14:00", yours: null });
    expect(clinicTimeParts("2026-12-01T14:00:00Z", "Europe/London", "America/New_York")).toEqual({
      time: "14:00",
      yours: "09:00",
    });
  });
});
