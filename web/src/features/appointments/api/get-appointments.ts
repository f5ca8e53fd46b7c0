import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, type ListResult } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Appointment } from "./types";

/** Filters of GET /api/appointments: `status` may list several, comma separated. */
export interface AppointmentFilters {
  status?: string;
  /** Instants with an offset; appointments overlapping [from, to) are returned. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  /** Patients: a patient they act for (family access); default their own. */
  patientId?: number;
}

export function getAppointments(
  filters: AppointmentFilters,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ListResult<Appointment>> {
  return api.list<Appointment>("/api/appointments", { params: { ...filters }, signal });
}

export function appointmentsQueryOptions(filters: AppointmentFilters) {
  return queryOptions({
    queryKey: queryKeys.appointments.list(filters),
    queryFn: ({ signal }) => getAppointments(filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAppointments(filters: AppointmentFilters) {
  return useQuery(appointmentsQueryOptions(filters));
}
