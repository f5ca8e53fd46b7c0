// The dashboard feature: the role dashboards (lazy-loaded by app/router.tsx from ./routes/*)
// and the stand-in pages for routes whose feature has not landed yet.
export { appointmentsQueryOptions, type Appointment, type AppointmentStatus } from "./api/list-appointments";
