import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api-client";

import { wallClockInstant } from "../components/book-for-patient-form";
import { seriesConflictsOf } from "./series-types";

describe("seriesConflictsOf", () => {
  it("reads each refused date with its alternatives from a 409 series_conflict", () => {
    const error = new ApiError(409, {
      code: "series_conflict",
      conflicts: [
        {
          startTime: "2027-01-05T08:00:00Z",
          endTime: "2027-01-05T08:30:00Z",
          problem: "slot_taken",
          alternatives: [{ startTime: "2027-01-05T08:30:00Z", endTime: "2027-01-05T09:00:00Z" }, { bad: 1 }],
        },
        { startTime: "2027-01-12T08:00:00Z", endTime: "2027-01-12T08:30:00Z", problem: "outside_availability" },
        "not a conflict",
      ],
    });
    expect(seriesConflictsOf(error)).toEqual([
      {
        startTime: "2027-01-05T08:00:00Z",
        endTime: "2027-01-05T08:30:00Z",
        problem: "slot_taken",
        alternatives: [{ startTime: "2027-01-05T08:30:00Z", endTime: "2027-01-05T09:00:00Z" }],
      },
      {
        startTime: "2027-01-12T08:00:00Z",
        endTime: "2027-01-12T08:30:00Z",
        problem: "outside_availability",
        alternatives: [],
      },
    ]);
  });

  it("is null for any other error", () => {
    expect(seriesConflictsOf(new ApiError(409, { code: "slot_taken" }))).toBeNull();
    expect(seriesConflictsOf(new Error("boom"))).toBeNull();
  });
});

describe("wallClockInstant", () => {
  it("reads the date and time on the doctor's clock, daylight saving included", () => {
    expect(wallClockInstant("2027-01-05", "09:00", "Europe/Berlin")).toBe("2027-01-05T08:00:00.000Z");
    expect(wallClockInstant("2027-07-06", "09:00", "Europe/Berlin")).toBe("2027-07-06T07:00:00.000Z");
  });
});
