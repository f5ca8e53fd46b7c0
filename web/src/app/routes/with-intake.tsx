/**
 * Pages of one feature that show another's part, composed here so that neither feature
 * imports the other: the appointment page and the manage-link page (appointments) with the
 * visit's intake questionnaire (records), the schedule page's visit types (schedules) with
 * their intake questions (records).
 */
import { AppointmentPage } from "@/features/appointments/routes/appointment-page";
import { ManagePage } from "@/features/appointments/routes/manage-page";
import { IntakePanel, LinkIntakePanel, VisitTypeQuestions } from "@/features/records";
import { SchedulePage } from "@/features/schedules/routes/schedule-page";

export function AppointmentWithIntakePage() {
  return <AppointmentPage intake={(appointmentId, role) => <IntakePanel appointmentId={appointmentId} viewer={role} />} />;
}

export function ManageWithIntakePage() {
  return <ManagePage intake={(token) => <LinkIntakePanel token={token} />} />;
}

export function ScheduleWithIntakePage() {
  return <SchedulePage visitTypeExtra={(type) => <VisitTypeQuestions visitTypeId={type.id} name={type.name} />} />;
}
