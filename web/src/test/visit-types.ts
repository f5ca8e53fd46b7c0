import { type ApiSchema } from "@/lib/api-types";

type VisitType = ApiSchema<"VisitTypeOut">;

/** A visit type as the API returns it (the default "Consultation" of doctor 3), for tests. */
export function makeVisitType(overrides: Partial<VisitType> = {}): VisitType {
  return {
    id: 1,
    doctorId: 3,
    name: "Consultation",
    description: null,
    durationMinutes: 30,
    slotGridMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 365,
    cancelNoticeHours: 0,
    rescheduleNoticeHours: 0,
    bookableBy: "anyone",
    channel: "in_person",
    colour: "#2563eb",
    isDefault: true,
    active: true,
    ...overrides,
  };
}
