import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type WaitlistEntry, type WaitlistJoin } from "./types";

/** POST /api/waitlist (patients): join the waiting list; the new entry. */
export function joinWaitlist(body: WaitlistJoin): Promise<WaitlistEntry> {
  return api.post<WaitlistEntry>("/api/waitlist", body);
}

export function useJoinWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: joinWaitlist,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.waitlist.entries }),
  });
}
