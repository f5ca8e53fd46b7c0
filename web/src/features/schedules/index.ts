// The public surface of the schedules feature: other features import only from here.
export { DoctorPage } from "./routes/doctor-page";
export { FindDoctorsPage } from "./routes/find-doctors-page";
export { SchedulePage } from "./routes/schedule-page";
export type { Doctor, ScheduleEntry, Slot } from "./api/types";
