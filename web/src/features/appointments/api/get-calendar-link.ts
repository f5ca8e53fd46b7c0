import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

/** Whether the caller has a working calendar subscription link (the link itself is shown once). */
export interface CalendarLinkStatus {
  active: boolean;
  createdAt: string | null;
}

export const calendarLinkKey = ["calendar-link"] as const;

/** GET /api/calendar-feed. */
export function getCalendarLink({ signal }: { signal?: AbortSignal } = {}): Promise<CalendarLinkStatus> {
  return api.get<CalendarLinkStatus>("/api/calendar-feed", { signal });
}

export function calendarLinkQueryOptions() {
  return queryOptions({ queryKey: calendarLinkKey, queryFn: ({ signal }) => getCalendarLink({ signal }) });
}

export function useCalendarLink() {
  return useQuery(calendarLinkQueryOptions());
}
