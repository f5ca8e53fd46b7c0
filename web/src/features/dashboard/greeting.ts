import { TZDate } from "@date-fns/tz";

/** "Good morning" … by the hour on the user's own clock. */
export function greeting(timeZone: string, now: Date = new Date()): string {
  let hour = now.getUTCHours();
  try {
    hour = new TZDate(now.getTime(), timeZone).getHours();
  } catch {
    // An unknown zone: the UTC hour will do.
  }
  if (hour < 5) return "Good evening";
  if (hour < 12) return "Good morning";
  if (hour < 18) return "Good afternoon";
  return "Good evening";
}

/** Titles people put before their name ("Dr. Omar Haddad"): a greeting skips them. */
const TITLES = new Set(["dr", "prof", "mr", "mrs", "ms", "mx"]);

/** The first word of a name that is not a title ("Dr. Omar Haddad" → "Omar"). */
export function firstName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words.find((word) => !TITLES.has(word.replace(/\.$/, "").toLowerCase())) ?? words[0] ?? fullName;
}
