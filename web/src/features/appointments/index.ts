// The public surface of the appointments feature: other features import only from here.
export { type Appointment, type AppointmentStatus, type Slot } from "./api/types";
export { StatusBadge } from "./components/status-badge";
