import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ScheduleEntry, type ScheduleEntryInput } from "./types";

/** PUT /api/schedule/:id (doctor, own entry): replaces the entry. */
export function updateScheduleEntry({ id, input }: { id: number; input: ScheduleEntryInput }): Promise<ScheduleEntry> {
  return api.put<ScheduleEntry>(`/api/schedule/${String(id)}`, input);
}

export function useUpdateScheduleEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateScheduleEntry,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mySchedule }),
  });
}
