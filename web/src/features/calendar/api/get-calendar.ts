import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

export type CalendarDoctor = ApiSchema<"CalendarDoctor">;
export type CalendarBlock = ApiSchema<"CalendarBlock">;
export type CalendarSpan = ApiSchema<"Span">;

export interface CalendarFilters {
  from: string;
  to: string;
  /** Comma-separated doctor ids; none: every doctor (staff) or the caller (a doctor). */
  doctorIds?: string;
  specializationId?: number;
}

/** GET /api/calendar: per doctor in view, opening windows, time off and appointment blocks. */
export function getCalendar(filters: CalendarFilters, { signal }: { signal?: AbortSignal } = {}): Promise<CalendarDoctor[]> {
  const params: Record<string, string | number> = { from: filters.from, to: filters.to };
  if (filters.doctorIds !== undefined && filters.doctorIds !== "") params.doctorIds = filters.doctorIds;
  if (filters.specializationId !== undefined) params.specializationId = filters.specializationId;
  return api.get<ApiSchema<"CalendarOut">>("/api/calendar", { params, signal }).then((out) => out.doctors);
}

export function calendarQueryOptions(filters: CalendarFilters) {
  return queryOptions({
    queryKey: queryKeys.calendar.view(filters),
    queryFn: ({ signal }) => getCalendar(filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCalendar(filters: CalendarFilters) {
  return useQuery(calendarQueryOptions(filters));
}
