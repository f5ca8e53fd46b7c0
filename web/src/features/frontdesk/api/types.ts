/** Shapes of the front-desk API (API.md "Front desk"). */
import { type ApiSchema } from "@/lib/api-types";

export type PatientCard = ApiSchema<"PatientCard">;
export type WalkInInput = ApiSchema<"WalkInBody">;
export type DeskBookingInput = ApiSchema<"DeskBookingBody">;
