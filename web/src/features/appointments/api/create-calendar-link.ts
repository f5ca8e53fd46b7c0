import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** A new subscription link: the answer is the only time it is shown. */
export type CalendarLink = ApiSchema<"CalendarLinkOut">;

/** POST /api/calendar-feed: creates the link, or replaces the old one (which stops working). */
export function createCalendarLink(): Promise<CalendarLink> {
  return api.post<CalendarLink>("/api/calendar-feed");
}

export function useCreateCalendarLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCalendarLink,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendarLink }),
  });
}
