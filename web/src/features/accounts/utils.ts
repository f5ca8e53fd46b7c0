import { ApiError } from "@/lib/api-client";

/** "Too many attempts. Try again in 12 minutes." from a 429's Retry-After. */
export function tooManyAttemptsMessage(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return "Too many attempts. Try again later.";
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/**
 * The sentence for a failed form submission that no field explains, or null when the
 * error is field-level only. `known` maps error codes to messages specific to the form.
 */
export function formErrorMessage(error: unknown, known: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Please try again.";
  if (error.status === 429) return tooManyAttemptsMessage(error.retryAfter);
  const specific = known[error.code];
  if (specific !== undefined) return specific;
  if (error.status === 0) return "Could not reach the server. Check your connection and try again.";
  if (error.status >= 500) {
    return `Something went wrong on our side. Please try again${error.errorId !== undefined ? ` (error ID ${error.errorId})` : ""}.`;
  }
  return error.detail ?? error.title;
}

/** The browser's IANA zone, e.g. "Europe/Berlin" (UTC when it cannot tell). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

let zones: string[] | null = null;

/** Every IANA zone this browser knows, sorted, with UTC first. */
export function timeZoneNames(): string[] {
  if (zones === null) {
    let names: string[] = [];
    try {
      names = Intl.supportedValuesOf("timeZone");
    } catch {
      names = [];
    }
    zones = ["UTC", ...names.filter((name) => name !== "UTC").sort()];
  }
  return zones;
}

/** A post-login target from `?next=`, only when it is a path on this site. */
export function safeNextPath(next: string | null): string | null {
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next.startsWith("/login") || next.startsWith("/register")) return null;
  return next;
}
