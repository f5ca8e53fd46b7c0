/** Shapes of a doctor's bookings for a patient and of recurring series (API.md "Doctor bookings and recurring series"). */
import { ApiError } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { type Slot } from "@/features/schedules";

export type DoctorBookingInput = ApiSchema<"DoctorBookingCreate">;
export type SeriesInput = ApiSchema<"SeriesCreate">;
export type Series = ApiSchema<"SeriesOut">;
export type SeriesCancelled = ApiSchema<"SeriesCancelled">;

/** One refused date of a 409 `series_conflict`, with its nearest free times. */
export interface SeriesConflict {
  startTime: string;
  endTime: string;
  problem: "slot_taken" | "outside_availability";
  alternatives: Slot[];
}

function isSlot(item: unknown): item is Slot {
  return (
    typeof item === "object" &&
    item !== null &&
    typeof (item as Slot).startTime === "string" &&
    typeof (item as Slot).endTime === "string"
  );
}

/** The `conflicts` of a 409 `series_conflict`, or null for any other error. */
export function seriesConflictsOf(error: unknown): SeriesConflict[] | null {
  if (!(error instanceof ApiError) || error.code !== "series_conflict") return null;
  const raw = error.body.conflicts;
  if (!Array.isArray(raw)) return [];
  return raw.filter(isSlot).map((item) => {
    const conflict = item as Slot & { problem?: unknown; alternatives?: unknown };
    return {
      startTime: conflict.startTime,
      endTime: conflict.endTime,
      problem: conflict.problem === "outside_availability" ? "outside_availability" : "slot_taken",
      alternatives: Array.isArray(conflict.alternatives) ? conflict.alternatives.filter(isSlot) : [],
    };
  });
}
