import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ScheduleEntry, type ScheduleEntryInput } from "./types";

/** POST /api/schedule (doctor): a weekly or dated window. */
export function createScheduleEntry(input: ScheduleEntryInput): Promise<ScheduleEntry> {
  return api.post<ScheduleEntry>("/api/schedule", input);
}

export function useCreateScheduleEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createScheduleEntry,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mySchedule }),
  });
}
