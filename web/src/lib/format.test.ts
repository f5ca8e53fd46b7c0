import { describe, expect, it } from "vitest";

import { formatInstant, formatInstantRange } from "./format";

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
