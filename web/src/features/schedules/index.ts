// The public surface of the schedules feature: other features import only from here. It owns the
// doctor directory and free-slot endpoints; its pages are loaded by app/router.tsx from ./routes/*.
export { useDoctor } from "./api/get-doctor";
export { useDoctors } from "./api/get-doctors";
export { useDoctorSlots, type SlotRange } from "./api/get-doctor-slots";
export type { Doctor, ScheduleEntry, Slot } from "./api/types";
export { useDoctorVisitTypes } from "./api/get-doctor-visit-types";
export { CHANNEL_LABELS, type VisitType } from "./api/visit-types";
export { useMyVisitTypes } from "./api/get-my-visit-types";
