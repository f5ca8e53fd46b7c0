import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** DELETE /api/schedule/:id (doctor, own entry) → 204. */
export function deleteScheduleEntry(id: number): Promise<undefined> {
  return api.delete(`/api/schedule/${String(id)}`);
}

export function useDeleteScheduleEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteScheduleEntry,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mySchedule }),
  });
}
