import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { calendarLinkKey } from "./get-calendar-link";

/** DELETE /api/calendar-feed: the subscription link stops working. */
export function revokeCalendarLink(): Promise<undefined> {
  return api.delete("/api/calendar-feed");
}

export function useRevokeCalendarLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeCalendarLink,
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarLinkKey }),
  });
}
