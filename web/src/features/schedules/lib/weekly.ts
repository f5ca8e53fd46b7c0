import { type ScheduleEntry } from "../api/types";
import { WEEK_DAYS } from "./dates";

/** Monday to Friday, as the API numbers days (0 = Sunday). */
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

type Times = Pick<ScheduleEntry, "startTime" | "endTime">;

/** Whether two windows of one day overlap ("HH:MM" strings compare in time order, 24:00 last). */
function overlaps(a: Times, b: Times): boolean {
  return a.startTime < b.endTime && b.startTime < a.endTime;
}

/**
 * The days a weekly window is offered to be copied to: Monday to Friday other than its own day,
 * leaving out days where an open copy would overlap an open window (the server refuses those;
 * closed windows may overlap anything).
 */
export function copyTargets(entries: readonly ScheduleEntry[], source: ScheduleEntry): number[] {
  return WEEKDAYS.filter(
    (day) =>
      day !== source.dayOfWeek &&
      !(
        source.isAvailable &&
        entries.some((entry) => entry.dayOfWeek === day && entry.isAvailable && overlaps(entry, source))
      ),
  );
}

/** `days` without repeats, Monday first and Sunday last (as the week is shown). */
export function mondayFirst(days: Iterable<number>): number[] {
  const chosen = new Set(days);
  return WEEK_DAYS.map((d) => d.dayOfWeek).filter((d) => chosen.has(d));
}

/** `days` with `day` added or removed, Monday first. */
export function toggleDay(days: readonly number[], day: number, on: boolean): number[] {
  return mondayFirst(on ? [...days, day] : days.filter((d) => d !== day));
}
