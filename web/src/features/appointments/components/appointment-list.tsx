import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";

import { type AppointmentFilters, useAppointments } from "../api/get-appointments";
import { type CurrentUser } from "../api/types";
import { AppointmentItem } from "./appointment-item";

export interface AppointmentListProps {
  viewer: CurrentUser;
  filters: AppointmentFilters;
  label: string;
  empty: string;
  newestFirst?: boolean;
}

/** A loading / error / empty-aware list of the viewer's appointments. */
export function AppointmentList({ viewer, filters, label, empty, newestFirst = false }: AppointmentListProps) {
  const appointments = useAppointments(filters);
  if (appointments.isPending) {
    return (
      <div role="status" aria-label={`Loading ${label.toLowerCase()}`} className="grid gap-3">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (appointments.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>Could not load</AlertTitle>
        <AlertDescription>Appointments could not be loaded. Try again in a moment.</AlertDescription>
      </Alert>
    );
  }
  const items = newestFirst ? [...appointments.data.items].reverse() : appointments.data.items;
  if (items.length === 0) return <p className="text-muted-foreground">{empty}</p>;
  return (
    <ul aria-label={label} className="grid gap-3">
      {items.map((appointment) => (
        <li key={appointment.id}>
          <AppointmentItem appointment={appointment} viewer={viewer} />
        </li>
      ))}
    </ul>
  );
}
