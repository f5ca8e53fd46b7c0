import { describe, expect, it } from "vitest";

import { rangeErrors, withFrom } from "./time-off";

describe("withFrom", () => {
  const empty = { from: "", to: "", toTouched: false };

  it("makes To follow From until To is set by hand", () => {
    const one = withFrom(empty, "2026-12-24");
    expect(one).toEqual({ from: "2026-12-24", to: "2026-12-24", toTouched: false });
    expect(withFrom(one, "2026-12-28").to).toBe("2026-12-28");
  });

  it("keeps a hand-set To unless it would end before From", () => {
    const set = { from: "2026-12-24", to: "2027-01-03", toTouched: true };
    expect(withFrom(set, "2026-12-20").to).toBe("2027-01-03");
    expect(withFrom(set, "2027-01-05").to).toBe("2027-01-05");
    expect(withFrom({ ...set, to: "" }, "2026-12-20").to).toBe("2026-12-20");
  });
});

describe("rangeErrors", () => {
  it("asks for both dates, in order", () => {
    expect(rangeErrors({ from: "", to: "", toTouched: false })).toEqual({ date: "Choose the first date." });
    expect(rangeErrors({ from: "2026-12-24", to: "", toTouched: true })).toEqual({
      endDate: "Choose the last date.",
    });
    expect(rangeErrors({ from: "2026-12-24", to: "2026-12-23", toTouched: true })).toEqual({
      endDate: "Must be on or after the first date.",
    });
    expect(rangeErrors({ from: "2026-12-24", to: "2026-12-24", toTouched: false })).toEqual({});
  });
});
