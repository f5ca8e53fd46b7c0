import { ApiError } from "@/lib/api-client";

/** A failed change, said plainly for a toast. */
export function changeErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Try again.";
  switch (error.code) {
    case "invalid_transition":
      return "This appointment has changed in the meantime. The list now shows its current state.";
    case "slot_taken":
      return "That time was just taken. Pick another one.";
    case "outside_availability":
      return "That time is outside the doctor's opening hours.";
    case "in_past":
      return "That time has already passed.";
    case "appointment_limit_reached":
      return error.detail ?? "You have reached the limit of upcoming appointments.";
    case "service_unavailable":
      return "The service is busy. Try again in a moment.";
    case "network_error":
      return "Could not reach the server. Check your connection.";
    default:
      return error.detail ?? "Something went wrong. Try again.";
  }
}
