import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** Whether the caller has a working calendar subscription link (the link itself is shown once). */
export type CalendarLinkStatus = ApiSchema<"CalendarLinkStatus">;

/** GET /api/calendar-feed. */
export function getCalendarLink({ signal }: { signal?: AbortSignal } = {}): Promise<CalendarLinkStatus> {
  return api.get<CalendarLinkStatus>("/api/calendar-feed", { signal });
}

export function calendarLinkQueryOptions() {
  return queryOptions({ queryKey: queryKeys.calendarLink, queryFn: ({ signal }) => getCalendarLink({ signal }) });
}

export function useCalendarLink() {
  return useQuery(calendarLinkQueryOptions());
}
