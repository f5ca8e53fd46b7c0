import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, type ListResult } from "@/lib/api-client";

export type AppointmentStatus = "scheduled" | "confirmed" | "completed" | "cancelled" | "no_show";

/** The appointment object of docs/API.md, as far as the dashboards need it. */
export interface Appointment {
  id: number;
  patientId: number;
  doctorId: number;
  patient: { id: number; fullName: string };
  doctor: { id: number; fullName: string; specialization: string };
  startTime: string;
  endTime: string;
  status: AppointmentStatus;
  reason: string | null;
}

export interface AppointmentRange {
  /** ISO instants */
  from: string;
  to?: string;
  limit?: number;
}

/** GET /api/appointments?from=&to=&limit= → the caller's appointments by start time. */
export function listAppointments(
  range: AppointmentRange,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ListResult<Appointment>> {
  return api.list<Appointment>("/api/appointments", {
    signal,
    params: { from: range.from, to: range.to, limit: range.limit },
  });
}

export function appointmentsQueryOptions(range: AppointmentRange) {
  return queryOptions({
    // Under "appointments" so that the appointments feature's invalidations refresh it too,
    // and cached in its shape ({ items, total }): its optimistic updates rewrite every list
    // under that key, this one included.
    queryKey: ["appointments", "list", range] as const,
    queryFn: ({ signal }) => listAppointments(range, { signal }),
    select: (result) => result.items,
  });
}

export function useAppointments(range: AppointmentRange) {
  return useQuery(appointmentsQueryOptions(range));
}
