import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** DELETE /api/calendar-feed: the subscription link stops working. */
export function revokeCalendarLink(): Promise<undefined> {
  return api.delete("/api/calendar-feed");
}

export function useRevokeCalendarLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeCalendarLink,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendarLink }),
  });
}
