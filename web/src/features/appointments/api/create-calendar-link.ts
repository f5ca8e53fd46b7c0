import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { calendarLinkKey } from "./get-calendar-link";

/** A new subscription link: the answer is the only time it is shown. */
export interface CalendarLink {
  url: string;
  createdAt: string;
}

/** POST /api/calendar-feed: creates the link, or replaces the old one (which stops working). */
export function createCalendarLink(): Promise<CalendarLink> {
  return api.post<CalendarLink>("/api/calendar-feed");
}

export function useCreateCalendarLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCalendarLink,
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarLinkKey }),
  });
}
