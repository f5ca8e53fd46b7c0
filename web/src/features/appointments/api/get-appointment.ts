import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Appointment } from "./types";

/** GET /api/appointments/:id: one appointment of the caller (404 for anyone else's). */
export function getAppointment(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<Appointment> {
  return api.get<Appointment>(`/api/appointments/${String(id)}`, { signal });
}

export function appointmentQueryOptions(id: number) {
  return queryOptions({
    queryKey: queryKeys.appointments.detail(id),
    queryFn: ({ signal }) => getAppointment(id, { signal }),
  });
}

export function useAppointment(id: number) {
  return useQuery(appointmentQueryOptions(id));
}
