import { describe, expect, it } from "vitest";

import { type ScheduleEntry } from "../api/types";
import { copyTargets, mondayFirst, toggleDay } from "./weekly";

function weekly(id: number, dayOfWeek: number, startTime: string, endTime: string, isAvailable = true): ScheduleEntry {
  return { id, doctorId: 3, dayOfWeek, date: null, endDate: null, startTime, endTime, isAvailable };
}

describe("copyTargets", () => {
  it("offers the other weekdays, leaving out days an open copy would overlap", () => {
    const monday = weekly(1, 1, "09:00", "12:00");
    const entries = [
      monday,
      weekly(2, 3, "11:00", "13:00"), // overlaps: Wednesday left out
      weekly(3, 4, "12:00", "14:00"), // only touches
      weekly(4, 5, "10:00", "11:00", false), // closed windows do not count
      weekly(5, 6, "09:00", "12:00"), // Saturday is not a weekday
    ];
    expect(copyTargets(entries, monday)).toEqual([2, 4, 5]);
  });

  it("offers every weekday for a closed window, and all five from a weekend day", () => {
    const closed = weekly(1, 2, "12:00", "13:00", false);
    expect(copyTargets([closed, weekly(2, 1, "09:00", "17:00")], closed)).toEqual([1, 3, 4, 5]);
    const sunday = weekly(3, 0, "10:00", "24:00");
    expect(copyTargets([sunday], sunday)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("toggleDay", () => {
  it("adds and removes a day, keeping Monday first and Sunday last", () => {
    expect(toggleDay([3, 1], 0, true)).toEqual([1, 3, 0]);
    expect(toggleDay([1, 3, 0], 3, false)).toEqual([1, 0]);
    expect(toggleDay([1], 1, true)).toEqual([1]);
    expect(mondayFirst([0, 5, 5, 2])).toEqual([2, 5, 0]);
  });
});
