/** Shapes of the waitlist API (API.md "Waiting list"). */
import { type ApiSchema } from "@/lib/api-types";

export type WaitlistEntry = ApiSchema<"WaitlistEntryOut">;
export type WaitlistJoin = ApiSchema<"WaitlistJoin">;
export type ClaimState = ApiSchema<"ClaimOut">;
export type PartOfDay = WaitlistEntry["parts"][number];

export const PARTS_OF_DAY: readonly { value: PartOfDay; label: string; hint: string }[] = [
  { value: "morning", label: "Morning", hint: "before 12:00" },
  { value: "afternoon", label: "Afternoon", hint: "12:00–17:00" },
  { value: "evening", label: "Evening", hint: "from 17:00" },
];

/** The path of a claim link's endpoint; the token is the credential (never logged). */
export function claimPath(token: string): string {
  return `/api/claim/${encodeURIComponent(token)}`;
}
