import { type Attendance } from "../api/types";

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 no-shows, 1 late cancellation in the last 12 months": for the patient's doctor. */
export function attendanceText(attendance: Attendance): string {
  const period = attendance.windowDays === 365 ? "the last 12 months" : `the last ${attendance.windowDays} days`;
  const noShows = count(attendance.noShows, "no-show", "no-shows");
  const late = count(attendance.lateCancellations, "late cancellation", "late cancellations");
  return `${noShows}, ${late} in ${period}`;
}

export function AttendanceLine({ attendance }: { attendance: Attendance }) {
  const flagged = attendance.noShows > 0 || attendance.lateCancellations > 0;
  return (
    <p className={flagged ? "text-sm font-medium" : "text-sm text-muted-foreground"} data-testid="attendance">
      Attendance: {attendanceText(attendance)}
    </p>
  );
}
