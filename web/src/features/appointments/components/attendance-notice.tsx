import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

import { type MyAttendance, useMyAttendance } from "../api/get-my-attendance";

function period(days: number): string {
  return days === 365 ? "the last 12 months" : `the last ${days} days`;
}

/** What the booking page tells a patient about their record (NO_SHOW_POLICY warn / confirm). */
export function attendanceNotice(record: MyAttendance): { title: string; text: string } | null {
  if (!record.warn && !record.bookingNeedsConfirmation) return null;
  const visits = record.noShows === 1 ? "1 visit" : `${record.noShows} visits`;
  const title = `You missed ${visits} in ${period(record.windowDays)}`;
  if (record.bookingNeedsConfirmation) {
    return {
      title,
      text: "Your request will be confirmed by the doctor: the time is held for you, and we will email you as soon as they answer.",
    };
  }
  return { title, text: "If you cannot come, please cancel in advance so someone else can have the time." };
}

export function AttendanceNotice() {
  const record = useMyAttendance();
  const notice = record.data ? attendanceNotice(record.data) : null;
  if (notice === null) return null;
  return (
    <Alert>
      <AlertTitle>{notice.title}</AlertTitle>
      <AlertDescription>{notice.text}</AlertDescription>
    </Alert>
  );
}
