// The public surface of the appointments feature: other features import only from here.
export { useAppointments, type AppointmentFilters } from "./api/get-appointments";
export { type Appointment, type AppointmentStatus } from "./api/types";
export { appointmentPath } from "./calendar-links";
export { StatusBadge } from "./components/status-badge";
export { statusExplanation, statusLabel } from "./status";
export { BookingIntentNotice } from "./components/booking-intent-notice";
export { BookForPatientForm } from "./components/book-for-patient-form";
export { SlotPicker } from "./components/slot-picker";
export { alternativesOf } from "./components/alternatives";
export { attendanceText } from "./components/attendance-line";
