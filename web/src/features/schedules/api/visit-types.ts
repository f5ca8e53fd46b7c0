/** Shapes of the visit types endpoints (docs/API.md "Visit types"). */
import { type ApiSchema } from "@/lib/api-types";

/** What a visit is for: its length, grid, buffers and booking rules. */
export type VisitType = ApiSchema<"VisitTypeOut">;

/** The body of POST/PUT /api/visit-types (PUT replaces every field). */
export type VisitTypeInput = ApiSchema<"VisitTypeBody">;

export const CHANNEL_LABELS: Record<VisitType["channel"], string> = {
  in_person: "In person",
  video: "Video",
};

export const BOOKABLE_BY_LABELS: Record<VisitType["bookableBy"], string> = {
  anyone: "Anyone",
  existing_patients: "Existing patients",
  staff_only: "Staff only",
};
