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

export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}
